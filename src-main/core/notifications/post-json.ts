// One JSON POST over node:http(s) with a clock-driven timeout and a capped answer. node:http rather
// than fetch because fetch refuses "bad ports" (1, 6000, 6665…), which are legitimate local receivers.
import http from 'node:http';
import https from 'node:https';
import type { Clock } from '../kernel/clock';

/** The receiver's answer (body cut at `maxBody` bytes). */
export interface PostAnswer { status: number; body: string }

/** A failed exchange: `timeout`, or the socket error's code (ECONNREFUSED, ENOTFOUND, …). */
export class PostError extends Error {
  constructor(public readonly code: string, message: string) { super(message); this.name = 'PostError'; }
}

/** POST `body` to `url`; rejects with PostError on network failure or after `timeoutMs`. Redirects are not followed. */
export function postJson(url: string, headers: Record<string, string>, body: string, clock: Clock, timeoutMs: number, maxBody = 64 * 1024): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (fn: () => void) => { if (!settled) { settled = true; cancel(); fn(); } };
    const req = transport.request(target, { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => finish(() => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk.subarray(0, Math.max(0, maxBody - size)));
        size += chunk.length;
        if (size >= maxBody) { done(); res.destroy(); }
      });
      res.on('end', done);
      res.on('error', (err) => finish(() => reject(new PostError('ERESPONSE', err.message))));
    });
    const cancel = clock.setTimer(() => {
      finish(() => reject(new PostError('timeout', `no answer within ${timeoutMs} ms`)));
      req.destroy();
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish(() => reject(new PostError(err.code ?? 'EUNKNOWN', err.message))));
    req.end(body);
  });
}
