// The HTTP half of one delivery attempt: a POST over keep-alive agents, no redirects, the first 64 KiB of the answer
// kept, a failure reported with its codes. Self-contained (it names nothing outside its own body), so the send worker
// runs this very function's source on its own thread; in-process callers run it here.
import type http from 'node:http';
import type https from 'node:https';

/** What to post. */
export interface PostSpec { url: string; headers: Record<string, string>; body: string }

/** An error as plain data (it crosses threads): its code, message and its cause's. */
export interface PostError { code?: string; message: string; cause?: { code?: string; message?: string } }

/** How a POST ended: an answer (status, flat headers, first 64 KiB of the body) or an error; `durationMs` either way. */
export type PostResult =
  | { status: number; headers: Record<string, string>; body: string; durationMs: number }
  | { error: PostError; durationMs: number };

/** Posts `spec`; `signal` aborts it; `done` is called exactly once. */
export type Poster = (spec: PostSpec, signal: AbortSignal | undefined, done: (result: PostResult) => void) => void;

/** Build a poster over `mods` (node:http and node:https), with its own keep-alive agents; bodies kept to `limit` bytes. */
export function makePoster(mods: { http: typeof http; https: typeof https; limit: number }): Poster {
  const { limit } = mods;
  const agentOptions = { keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 1024, maxFreeSockets: 256 };
  const agents = { http: new mods.http.Agent(agentOptions), https: new mods.https.Agent(agentOptions) };
  const plain = (err: unknown): PostError => {
    const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const cause = e?.cause ? { code: text(e.cause.code), message: text(e.cause.message) } : undefined;
    return { code: text(e?.code), message: text(e?.message) ?? String(err), cause };
  };
  return (spec, signal, done) => {
    const t0 = performance.now();
    let finished = false;
    const finish = (result: Omit<PostResult, 'durationMs'>): void => {
      if (finished) return;
      finished = true;
      done({ ...result, durationMs: Math.round(performance.now() - t0) } as PostResult);
    };
    const fail = (err: unknown): void => finish({ error: plain(err) });
    let url: URL;
    try {
      url = new URL(spec.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported protocol ${url.protocol}`);
    } catch (err) {
      fail(err);
      return;
    }
    const secure = url.protocol === 'https:';
    const body = Buffer.from(spec.body);
    const request = (secure ? mods.https : mods.http).request(url, {
      method: 'POST', agent: secure ? agents.https : agents.http, signal,
      headers: { ...spec.headers, 'content-length': body.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const answer = (): void => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        finish({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      };
      res.on('data', (chunk: Buffer) => {
        if (kept < limit) chunks.push(chunk.subarray(0, limit - kept));
        kept += chunk.length;
      });
      res.on('end', answer);
      res.on('error', answer);
      res.on('close', answer);
    });
    request.on('error', fail);
    request.end(body);
  };
}
