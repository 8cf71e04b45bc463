// The app listener of a core: the browser UI (/_ui/), the app API (/_api/<method>), its live events (/_events) and the
// Prometheus metrics (/_metrics), on a port of their own, so that no object the S3 listener serves ever shares the
// app's origin. The UI link's `?token=` is exchanged once for an HttpOnly session cookie (then the token leaves the
// address bar). Host names other than an IP or localhost are refused (DNS rebinding).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppApi } from '../../../src-shared/contract';
import type { Logger } from '../kernel/logger';
import type { HttpHandler } from '../kernel/http-handler';
import { createHttpListener, type HttpListener } from './listener';
import { isEndpointHost } from './server';
import { createApiHttpHandler, type ApiHttpHandler } from './http-transport';
import { createStaticUiHandler } from './static-ui';
import type { UiNotReady } from './ui-not-ready';
import { secretEquals, sessionCookieName, sessionEndCookie, sessionSetCookie } from './ui-session';
import type { StreamLimits } from './sse';

export interface AppServerDeps {
  /** The app API's current token (it may be rotated while running). */
  token: () => string;
  /** Folder of the built renderer to serve at /_ui/ (headless mode); omitted in Electron. */
  uiDir?: string;
  /** While this answers something, /_ui/ shows a page saying the UI is being built (or why it could not be). */
  uiNotReady?: () => UiNotReady | undefined;
  /** The S3 listener's origin: the UI's pages may connect to it (presigned uploads). */
  s3Origin: () => string;
  logger: Logger;
  streamLimits?: StreamLimits;
  /** The Prometheus exposition (GET /_metrics, token required like the API). */
  metrics?: () => Promise<{ contentType: string; body: string }>;
}

/** The app listener; `mountApi` once the API (which needs both ports) exists. */
export interface AppServer extends HttpListener {
  mountApi(api: AppApi): void;
  /** The token was rotated: end the event streams opened with the old one (sessions of the old one fail by themselves). */
  tokenRotated(): void;
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/** Create the app listener; call `listen`, then `mountApi`. */
export function createAppServer(deps: AppServerDeps): AppServer {
  let api: ApiHttpHandler | undefined;
  const port = () => listener.port();
  const ui = deps.uiDir ? createStaticUiHandler(deps.uiDir, { connectTo: deps.s3Origin, notReady: deps.uiNotReady }) : undefined;

  /**
   * A UI link with the right token: set the session cookie and send the browser to the same page without it. A link
   * with a wrong (stale) token ends the browser's session, so the page says how to get the current link.
   */
  function exchangeToken(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const given = url.searchParams.get('token');
    if (given === null || req.method !== 'GET') return false;
    if (!secretEquals(given, deps.token())) { res.setHeader('set-cookie', sessionEndCookie(port())); return false; }
    url.searchParams.delete('token');
    plain(res, 303, 'Signed in\n', { location: `${url.pathname}${url.search}`, 'set-cookie': sessionSetCookie(port(), deps.token()), 'referrer-policy': 'no-referrer' });
    return true;
  }

  const route: HttpHandler = (req, res) => {
    const path = req.url ?? '/';
    if (!isEndpointHost(req.headers.host)) { req.resume(); return plain(res, 403, 'Host not allowed: open the UI at its 127.0.0.1 or localhost URL\n'); }
    if (path.startsWith('/_api/') || path === '/_events' || path.startsWith('/_events?') || path === '/_metrics' || path.startsWith('/_metrics?')) {
      if (api) return api(req, res);
      req.resume();
      return plain(res, 503, 'Starting\n', { 'retry-after': '1' });
    }
    if ((path === '/_ui' || path.startsWith('/_ui/') || path.startsWith('/_ui?')) && ui) {
      if (exchangeToken(req, res)) return;
      return ui(req, res);
    }
    req.resume();
    if (path === '/' && ui) return plain(res, 302, 'See /_ui/\n', { location: '/_ui/' });
    return plain(res, 404, 'Not found\n');
  };
  const listener = createHttpListener({ route }, deps.logger.child('app-http'));
  return {
    port: listener.port,
    listen: listener.listen,
    async close() {
      api?.closeStreams();
      await listener.close();
    },
    mountApi(appApi) {
      api = createApiHttpHandler({
        api: appApi, token: deps.token, cookieName: () => sessionCookieName(port()), logger: deps.logger.child('api'), streamLimits: deps.streamLimits, metrics: deps.metrics,
      });
    },
    tokenRotated: () => api?.tokenRotated(),
  };
}
