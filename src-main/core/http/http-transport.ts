// The app API over HTTP for headless mode: POST /_api/<method> (JSON in, ApiResult out) and GET /_events (SSE).
// Guards: loopback peers only, the data dir's token (Bearer or ?token=), Origin absent or the server's own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { isApiMethod, type ApiResult, type AppApi } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { Logger } from '../kernel/logger';
import type { HttpHandler } from '../kernel/http-handler';
import { createApiDispatcher } from '../api/dispatch';
import { openEventStream } from './sse';

/** Largest accepted request body (an imported notification XML is at most 1 MiB, JSON-escaped). */
const MAX_BODY = 4 * 1024 * 1024;

export interface ApiHttpDeps {
  api: AppApi; token: () => string; logger: Logger;
  /** The Prometheus exposition served at GET /_metrics behind the same guards. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
}

/** A request handler with `closeStreams()` to end open event streams before the server closes. */
export type ApiHttpHandler = HttpHandler & { closeStreams(): void };

function send(res: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function deny(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback peers. */
export function isLoopback(address: string | undefined): boolean {
  const a = (address ?? '').replace(/^::ffff:/, '');
  return a === '::1' || a.startsWith('127.');
}

function tokenMatches(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) { reject(new AppError('PayloadTooLarge', 'Request body too large')); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The HTTP status of a failed call: unknown methods are 404, unexpected failures 500, refused input 400. */
function statusOf(result: ApiResult<unknown>): number {
  if (result.ok) return 200;
  return ({ UnknownMethod: 404, InternalError: 500, PayloadTooLarge: 413 } as Record<string, number>)[result.error.code] ?? 400;
}

/** Build the handler mounted by the core's server for /_api/* and /_events. */
export function createApiHttpHandler(deps: ApiHttpDeps): ApiHttpHandler {
  const streams = new Set<ServerResponse>();
  const dispatch = createApiDispatcher(deps.api, deps.logger);
  const answer = (res: ServerResponse, result: ApiResult<unknown>) => send(res, statusOf(result), result);

  async function call(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isApiMethod(method)) { req.resume(); return answer(res, await dispatch(method, undefined)); }
    let input: unknown;
    try {
      const text = await readBody(req);
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch (err) {
      const error = err instanceof AppError ? { code: err.code, message: err.message } : { code: 'InvalidJson', message: 'Body is not valid JSON' };
      return answer(res, { ok: false, error });
    }
    answer(res, await dispatch(method, input));
  }

  const handler = (req: IncomingMessage, res: ServerResponse): Promise<void> | void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!isLoopback(req.socket.remoteAddress)) return deny(res, 403, 'Forbidden', 'Loopback only');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return deny(res, 403, 'Forbidden', 'Origin not allowed');
    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : url.searchParams.get('token');
    if (!tokenMatches(given, deps.token())) {
      return deny(res, 401, 'Unauthorized', 'Missing or wrong token: get the current UI URL with `buckethooks status` (or Settings in the app)');
    }
    if (url.pathname === '/_metrics' && deps.metrics) {
      if (req.method !== 'GET') return deny(res, 405, 'MethodNotAllowed', 'Use GET');
      return deps.metrics().then(({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    }
    if (url.pathname === '/_events') {
      if (req.method !== 'GET') return deny(res, 405, 'MethodNotAllowed', 'Use GET');
      return openEventStream(req, res, deps.api, streams);
    }
    if (req.method !== 'POST') return deny(res, 405, 'MethodNotAllowed', 'Use POST');
    // The path segment is the method name as it is: names are plain ASCII, so nothing is decoded (a stray
    // escape such as %E0 is just an unknown method, never a URIError).
    return call(url.pathname.slice('/_api/'.length), req, res);
  };
  return Object.assign(handler, {
    closeStreams() { for (const s of streams) s.end(); streams.clear(); },
  });
}
