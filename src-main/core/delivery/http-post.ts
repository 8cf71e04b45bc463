// The HTTP half of one delivery attempt: a POST over undici's keep-alive pools (about half the CPU per request of
// node:http's client), no redirects, the first 64 KiB of the answer kept, a failure reported with its codes; an abort
// ends the attempt at once, even while its connection is still opening.
// Self-contained (it names nothing outside its own body), so the send worker runs this very function's source on its
// own thread; in-process callers run it here.
import type * as Undici from 'undici';

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

/** Build a poster over `mods.undici`, with its own keep-alive dispatcher; answer bodies kept to `limit` bytes. */
export function makePoster(mods: { undici: typeof Undici; limit: number }): Poster {
  const { limit } = mods;
  // No timeouts of undici's own (connect 10 s, headers and body 300 s by default): the hook's timeout, on the
  // caller's clock, is the only one.
  const agent = new mods.undici.Agent({ keepAliveTimeout: 30_000, connectTimeout: 0, headersTimeout: 0, bodyTimeout: 0 });
  const plain = (err: unknown): PostError => {
    const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const cause = e?.cause ? { code: text(e.cause.code), message: text(e.cause.message) } : undefined;
    return { code: text(e?.code), message: text(e?.message) ?? String(err), cause };
  };
  /** The request's headers, with Basic credentials from the URL's user info unless an Authorization header is set. */
  const headersOf = (url: URL, headers: Record<string, string>): Record<string, string> => {
    if ((!url.username && !url.password) || Object.keys(headers).some((k) => k.toLowerCase() === 'authorization')) return headers;
    let pair: string;
    try {
      pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    } catch {
      throw new Error('the user info of the URL is not valid percent-encoding');
    }
    return { ...headers, authorization: `Basic ${Buffer.from(pair).toString('base64')}` };
  };
  return (spec, signal, done) => {
    const t0 = performance.now();
    let finished = false;
    const finish = (result: Omit<PostResult, 'durationMs'>): void => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      done({ ...result, durationMs: Math.round(performance.now() - t0) } as PostResult);
    };
    const fail = (err: unknown): void => finish({ error: plain(err) });
    /** Set once the request is on a connection; an abort before that ends the attempt at once and cancels it there. */
    let controller: Undici.Dispatcher.DispatchController | undefined;
    const reasonOf = (): Error => (signal?.reason instanceof Error ? signal.reason : new Error('the request was aborted'));
    function onAbort(): void {
      const reason = reasonOf();
      controller?.abort(reason);
      fail(reason);
    }
    let url: URL;
    let headers: Record<string, string>;
    try {
      url = new URL(spec.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported protocol ${url.protocol}`);
      headers = headersOf(url, spec.headers);
    } catch (err) {
      fail(err);
      return;
    }
    if (signal?.aborted) { fail(reasonOf()); return; }
    signal?.addEventListener('abort', onAbort, { once: true });
    // The first `limit` bytes of the answer's body; an answer cut short keeps what arrived.
    let status = 0;
    let answer: Record<string, string> | undefined;
    const chunks: Buffer[] = [];
    let kept = 0;
    const answered = () => finish({ status, headers: answer ?? {}, body: Buffer.concat(chunks).toString('utf8') });
    // undici's handler interface: no response stream or promise per request (less CPU than its `request`).
    agent.dispatch({ origin: url.origin, path: `${url.pathname}${url.search}`, method: 'POST', headers, body: spec.body }, {
      onRequestStart(c) {
        if (finished) c.abort(reasonOf()); else controller = c;
      },
      onResponseStart(_c, statusCode, raw) {
        status = statusCode;
        answer = {};
        for (const [k, v] of Object.entries(raw)) if (v !== undefined) answer[k] = Array.isArray(v) ? v.join(', ') : v;
      },
      onResponseData(_c, chunk) {
        if (kept < limit) chunks.push(chunk.subarray(0, limit - kept));
        kept += chunk.length;
      },
      onResponseEnd: answered,
      // The connection ended mid-body: the answer is what came.
      onResponseError: (_c, err) => (answer ? answered() : fail(err)),
    });
  };
}
