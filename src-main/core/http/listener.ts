// One node:http listener's mechanics, shared by the S3 listener and the app listener: the last-resort guard, answers
// to requests node could not parse, keep-alive, the open sockets, listen and a bounded close. Owns no routing.
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../kernel/logger';
import { guardListener } from './http-guard';
import type { HttpHandler } from '../kernel/http-handler';

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

/** How a listener answers; `checkContinue` handles `Expect: 100-continue` (default: continue at once). */
export interface ListenerRoutes { route: HttpHandler; checkContinue?: HttpHandler }

/** A bound (or about to be bound) HTTP listener. */
export interface HttpListener {
  /** The bound port (after `listen`). */
  port(): number;
  listen(port: number, host: string): Promise<void>;
  /** Stop accepting connections; let in-flight requests finish for up to 5 s, then cut idle sockets. */
  close(): Promise<void>;
}

/** Create a listener over `routes`; unforeseen throws of a handler become one 500 (see http-guard). */
export function createHttpListener(routes: ListenerRoutes, logger: Logger): HttpListener {
  const sockets = new Set<Socket>();
  const server = http.createServer(guardListener(routes.route, logger));
  server.on('checkContinue', guardListener(routes.checkContinue ?? ((req, res) => { res.writeContinue(); return routes.route(req, res); }), logger));
  // Any other Expect value is ignored, as S3 does (node would answer 417 Expectation Failed).
  server.on('checkExpectation', guardListener(routes.route, logger));
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    logger.debug('client error', { error: String(err) });
    answerClientError(err, socket);
  });
  return {
    port: () => {
      const address = server.address();
      return typeof address === 'object' && address ? address.port : 0;
    },
    listen: (port, host) =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => { server.off('error', reject); resolve(); });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) { resolve(); return; }
        server.close(() => resolve());
        server.closeIdleConnections();
        const force = setTimeout(() => { for (const s of sockets) s.destroy(); }, 5000);
        force.unref();
      }),
  };
}
