// HTTP client helpers for the bench: small requests over node:http keep-alive, big transfers with curl.
import { spawn } from 'node:child_process';
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One request with an optional small body; resolves with status and body text. */
export function request(url: string, method: string, body?: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { 'content-length': body?.length ?? 0 } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Throw unless the response is 2xx. */
export async function expectOk(url: string, method: string, body?: Buffer): Promise<string> {
  const res = await request(url, method, body);
  if (res.status < 200 || res.status > 299) throw new Error(`${method} ${url.split('?')[0]} → ${res.status}: ${res.text.slice(0, 300)}`);
  return res.text;
}

/** What one curl transfer did. */
export interface Transfer { status: number; bytes: number; mbs: number }

/**
 * One big transfer with curl (a C client, so the client is not what limits the rate): GET discards the body,
 * PUT uploads `file` with its Content-Length.
 */
export function curlTransfer(url: string, method: 'GET' | 'PUT', file?: string): Promise<Transfer> {
  const args = ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{size_download} %{size_upload} %{time_total}',
    ...(method === 'PUT' ? ['-T', file ?? '/dev/null'] : []), url];
  return new Promise((resolve, reject) => {
    const child = spawn('curl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    child.once('error', reject);
    child.once('close', () => {
      const [status, down, up, seconds] = out.trim().split(/\s+/).slice(-4).map(Number);
      const bytes = method === 'PUT' ? up : down;
      if (!(status >= 200 && status < 300)) reject(new Error(`curl ${method} → ${out.trim()}`));
      else resolve({ status, bytes, mbs: bytes / (1 << 20) / seconds });
    });
  });
}
