// The one HTTP listener of a core: /_api and /_events (app API), /_inbox (built-in receiver),
// /_ui (the renderer, headless mode) and everything else to the S3 endpoint. Owns no behaviour of its own.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Logger } from './logger';
import type { Inbox } from './inbox/create-inbox';
import type { AppApi } from '../../src-preload/contract';
import { createApiHttpHandler, type ApiHttpHandler } from './api/http-transport';
import { createStaticUiHandler } from './api/static-ui';
import { guardListener, type HttpHandler } from './http-guard';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ServerDeps {
  s3: HttpHandler;
  inbox: Inbox;
  uiDir?: string;
  logger: Logger;
}

/** True when the Host names the endpoint itself (an IP or bare localhost), not a virtual-hosted bucket. */
function isEndpointHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || /^[\d.]+$/.test(name) || name.includes(':');
}

/** Create the listener; call `listen`, then `mountApi` once the API (which needs the port) exists. */
export function createServer(deps: ServerDeps) {
  const token = randomBytes(24).toString('base64url');
  const sockets = new Set<Socket>();
  let api: ApiHttpHandler | undefined;
  const ui: Handler | undefined = deps.uiDir ? createStaticUiHandler(deps.uiDir) : undefined;

  const route: HttpHandler = (req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/_') && isEndpointHost(req.headers.host)) {
      if (path.startsWith('/_inbox/')) return deps.inbox.handle(req, res);
      if ((path.startsWith('/_api/') || path.startsWith('/_events')) && api) return api(req, res);
      if (path.startsWith('/_ui') && ui) return ui(req, res);
    }
    return deps.s3(req, res);
  };
  const server = http.createServer(guardListener(route, deps.logger.child('http')));
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (err, socket) => {
    deps.logger.debug('client error', { error: String(err) });
    socket.destroy();
  });

  return {
    token,
    address: () => server.address(),
    listen: (port: number, host: string) =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => { server.off('error', reject); resolve(); });
      }),
    mountApi(appApi: AppApi) { api = createApiHttpHandler({ api: appApi, token, logger: deps.logger.child('api') }); },
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
