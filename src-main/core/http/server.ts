// The one HTTP listener of a core: /_api and /_events (app API), /_inbox (built-in receiver), /_upload (uploads
// relayed to remote profiles), /_ui (the renderer, headless mode) and everything else to the S3 endpoint.
// Owns no behaviour of its own.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../kernel/logger';
import type { Inbox } from '../inbox/create-inbox';
import type { AppApi } from '../../../src-shared/contract';
import { createApiHttpHandler, type ApiHttpHandler } from './http-transport';
import { createStaticUiHandler } from './static-ui';
import { guardListener } from './http-guard';
import type { HttpHandler } from '../kernel/http-handler';
import type { S3Listener } from '../s3/http-handler';
import { RELAY_PREFIX, type UploadRelay } from '../remote/upload-relay';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ServerDeps {
  s3: S3Listener;
  /** The app API's current token (it may be rotated while running). */
  token: () => string;
  inbox: Inbox;
  /** Relayed uploads to remote profiles (/_upload/<id>). */
  uploads: Pick<UploadRelay, 'handle'>;
  uiDir?: string;
  logger: Logger;
  /** The Prometheus exposition (GET /_metrics, token required like the API). */
  metrics?: () => Promise<{ contentType: string; body: string }>;
}

/** True when the Host names the endpoint itself (an IP or bare localhost), not a virtual-hosted bucket. */
function isEndpointHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || /^[\d.]+$/.test(name) || name.includes(':');
}

/**
 * Answer a request node could not parse (headers over the limit → 431, anything else → 400) and close,
 * unless a response is already under way on that socket; a reset would leave the client guessing.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent && err.code !== 'ECONNRESET') {
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }
  socket.destroySoon();
}

/** Create the listener; call `listen`, then `mountApi` once the API (which needs the port) exists. */
export function createServer(deps: ServerDeps) {
  const sockets = new Set<Socket>();
  let api: ApiHttpHandler | undefined;
  const ui: Handler | undefined = deps.uiDir ? createStaticUiHandler(deps.uiDir) : undefined;

  /** The handler of an app path (API, events, inbox, UI), or undefined for the S3 endpoint. */
  function appHandler(req: IncomingMessage): HttpHandler | undefined {
    const path = req.url ?? '/';
    if (!path.startsWith('/_') || !isEndpointHost(req.headers.host)) return undefined;
    if (path.startsWith('/_inbox/')) return (q, r) => deps.inbox.handle(q, r);
    if (path.startsWith(RELAY_PREFIX)) return (q, r) => deps.uploads.handle(q, r);
    if ((path.startsWith('/_api/') || path.startsWith('/_events') || path.startsWith('/_metrics')) && api) return api;
    if (path.startsWith('/_ui') && ui) return ui;
    return undefined;
  }

  const logger = deps.logger.child('http');
  const route: HttpHandler = (req, res) => (appHandler(req) ?? deps.s3)(req, res);
  const server = http.createServer(guardListener(route, logger));
  // Expect: 100-continue — S3 sends 100 Continue only once the request is authenticated; app paths at once.
  server.on('checkContinue', guardListener((req, res) => {
    const app = appHandler(req);
    if (!app) return deps.s3.checkContinue(req, res);
    res.writeContinue();
    return app(req, res);
  }, logger));
  // Any other Expect value is ignored, as S3 does (node would answer 417 Expectation Failed).
  server.on('checkExpectation', guardListener(route, logger));
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    deps.logger.debug('client error', { error: String(err) });
    answerClientError(err, socket);
  });

  return {
    address: () => server.address(),
    listen: (port: number, host: string) =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => { server.off('error', reject); resolve(); });
      }),
    mountApi(appApi: AppApi) { api = createApiHttpHandler({ api: appApi, token: deps.token, logger: deps.logger.child('api'), metrics: deps.metrics }); },
    /** Stop accepting connections; let in-flight requests finish for up to 5 s, then cut idle sockets. */
    close: () =>
      new Promise<void>((resolve) => {
        api?.closeStreams();
        server.close(() => resolve());
        server.closeIdleConnections();
        const force = setTimeout(() => { for (const s of sockets) s.destroy(); }, 5000);
        force.unref();
      }),
  };
}
