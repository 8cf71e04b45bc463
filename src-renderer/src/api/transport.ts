// How the renderer reaches main: IPC through the preload bridge (Electron) or HTTP + SSE (browser/headless).
// Both carry ApiResult; the client (client.ts) turns failures into ApiCallError.
import type { ApiResult, BucketHooksBridge } from '../../../src-shared/contract';

/** One way of calling the app API and receiving its live events. */
export interface Transport {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(name: string, cb: (payload: unknown) => void): () => void;
  /** Whether live events are reaching the page: told now, then on every change. */
  onConnection(cb: (live: boolean) => void): () => void;
}

/** The Electron preload bridge as a Transport. */
export function ipcTransport(bridge: BucketHooksBridge): Transport {
  return {
    invoke: (m, i) => bridge.invoke(m, i),
    onEvent: (n, cb) => bridge.onEvent(n, cb),
    onConnection: (cb) => { cb(true); return () => {}; },
  };
}

/** POST /_api/<method> with the bearer token; GET /_events (one EventSource, opened on first listener). */
export function httpTransport(base: string, token: string): Transport {
  let source: EventSource | undefined;
  let listeners = 0;
  let live = false;
  const watchers = new Set<(live: boolean) => void>();
  const setLive = (value: boolean) => { live = value; for (const cb of watchers) cb(value); };
  /** The one stream, opened on first use; live once the server has subscribed it (the `open` event). */
  const stream = () => {
    if (source) return source;
    source = new EventSource(`${base}/_events?token=${encodeURIComponent(token)}`);
    source.addEventListener('open', () => setLive(true));
    source.addEventListener('error', () => setLive(false));
    return source;
  };
  return {
    async invoke(method, input) {
      try {
        const res = await fetch(`${base}/_api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
        const body = (await res.json()) as ApiResult<unknown>;
        return body;
      } catch (err) {
        return { ok: false, error: { code: 'NetworkError', message: `Cannot reach BucketHooks: ${err instanceof Error ? err.message : String(err)}` } };
      }
    },
    onEvent(name, cb) {
      const es = stream();
      const listener = (e: MessageEvent<string>) => cb(JSON.parse(e.data));
      es.addEventListener(name, listener);
      listeners++;
      return () => {
        es.removeEventListener(name, listener);
        if (--listeners === 0) { es.close(); source = undefined; setLive(false); }
      };
    },
    onConnection(cb) {
      watchers.add(cb);
      cb(live);
      return () => { watchers.delete(cb); };
    },
  };
}

/** The per-run token: from `?token=` of the page URL (kept for the session), else from session storage. */
export function pageToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string {
  const fromUrl = new URLSearchParams(loc.search).get('token');
  if (fromUrl) storage.setItem('buckethooks-token', fromUrl);
  return fromUrl ?? storage.getItem('buckethooks-token') ?? '';
}

/** IPC inside Electron, else HTTP against the page's own origin. */
export function defaultTransport(): Transport {
  if (window.bucketHooks) return ipcTransport(window.bucketHooks);
  return httpTransport(window.location.origin, pageToken());
}
