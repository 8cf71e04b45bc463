// Drives `wrk` (Debian's /usr/bin/wrk, a C load generator that is not the bottleneck) through a list of
// presigned request paths: a Lua script rotates through them, with a body of the given size (4 KiB) for PUT.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = `
local paths, idx, method, body = {}, 0, "GET", nil
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  method = args[2]
  if method == "PUT" then body = string.rep("x", tonumber(args[3])) end
  idx = math.random(#paths)
end
request = function()
  idx = idx % #paths + 1
  return wrk.format(method, paths[idx], nil, body)
end
`;

/** What one wrk run measured. */
export interface WrkResult { rps: number; requests: number; errors: number }

/** Run wrk against `origin` for `seconds` with `connections` keep-alive connections (PUT bodies of `bodyBytes`). */
export async function runWrk(origin: string, paths: string[], method: 'GET' | 'PUT', connections: number, seconds: number,
  bodyBytes = 4096): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-wrk-'));
  try {
    writeFileSync(join(dir, 'paths.txt'), paths.join('\n') + '\n');
    writeFileSync(join(dir, 'rotate.lua'), SCRIPT);
    const threads = Math.min(2, connections);
    const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', join(dir, 'rotate.lua'), origin, '--', join(dir, 'paths.txt'), method, String(bodyBytes)];
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (c: Buffer) => { text += c.toString(); });
      child.stderr.on('data', (c: Buffer) => { text += c.toString(); });
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
    });
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
    const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
    return { rps, requests, errors: non2xx + socketErrors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
