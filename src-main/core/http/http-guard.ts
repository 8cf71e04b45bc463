// Last-resort guard of an HTTP listener: a handler's unexpected throw or rejection becomes a 500 for that
// request and one logged stack, and a response stream error is logged, so the process keeps serving.
// Handlers answer their own expected errors; this only catches what they did not foresee.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../kernel/logger';
import type { HttpHandler } from '../kernel/http-handler';

export type { HttpHandler };

/** Marks a 500 written by the guard, so fuzzers and tests can tell it from an answered error. */
export const UNHANDLED_HEADER = 'x-buckethooks-unhandled';

function answerInternalError(req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent || res.destroyed) { res.destroy(); return; }
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  const body = 'Internal error\n';
  res.writeHead(500, {
    'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body),
    connection: 'close', [UNHANDLED_HEADER]: '1',
  });
  res.end(body);
  if (!req.complete) req.resume();
}

/** Wrap `handler` as a node:http listener that can neither throw nor reject past it. */
export function guardListener(handler: HttpHandler, logger: Logger): RequestListener {
  return (req, res) => {
    const fail = (err: unknown) => {
      logger.error('unhandled error in request handler', {
        method: req.method, path: (req.url ?? '').split('?')[0],
        error: err instanceof Error ? err.stack ?? err.message : String(err),
      });
      answerInternalError(req, res);
    };
    res.on('error', (err) => logger.warn('response stream error', { path: (req.url ?? '').split('?')[0], error: String(err) }));
    try {
      const done = handler(req, res);
      if (done) done.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
}
