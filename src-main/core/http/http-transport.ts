// The app API over HTTP (the app listener): POST /_api/<method> (JSON in, ApiResult out), GET /_events (SSE) and GET /_metrics.
// Guards: loopback peers only; the data dir's token (Bearer or ?token=) or the UI's session cookie (same-origin pages
// only); Origin absent or the listener's own. Bodies are bounded (413 with a message) and must be UTF-8 JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isApiMethod, type ApiError, type ApiErrorCode, type ApiResult, type AppApi } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { Logger } from '../kernel/logger';
import type { HttpHandler } from '../kernel/http-handler';
import { createApiDispatcher } from '../api/dispatch';
import { createEventStreams, STREAM_LIMITS, type StreamLimits } from './sse';
import { cookieAllowed, readCookie, secretEquals, sessionValue } from './ui-session';

/** Largest accepted request body (an imported notification XML is at most 1 MiB, JSON-escaped). */
export const MAX_BODY = 4 * 1024 * 1024;
/** A larger body is read to its end and dropped (so the client reads the 413) up to this size; past it, cut. */
const MAX_DRAIN = 64 * 1024 * 1024;

export interface ApiHttpDeps {
  api: AppApi;
  token: () => string;
  /** The name of the UI's session cookie on this listener (it carries the port). */
  cookieName: () => string;
  logger: Logger;
  streamLimits?: StreamLimits;
  /** The Prometheus exposition served at GET /_metrics behind the same guards. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
}

/** The handler, with the event streams' lifecycle: end them all (closing) or those of a retired token. */
export type ApiHttpHandler = HttpHandler & { closeStreams(): void; tokenRotated(): void };

function send(res: ServerResponse, status: number, body: ApiResult<unknown>, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

function deny(res: ServerResponse, status: number, code: ApiErrorCode, message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback peers. */
export function isLoopback(address: string | undefined): boolean {
  const a = (address ?? '').replace(/^::ffff:/, '');
  return a === '::1' || a.startsWith('127.');
}

const tooLarge = () => new AppError('PayloadTooLarge', `Request body over ${MAX_BODY} bytes (4 MiB), the most the app API accepts`);

/** The whole body; over MAX_BODY it is drained and refused (cut past MAX_DRAIN, when no answer can be read anyway). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) { chunks.push(chunk); return; }
      chunks.length = 0;
      if (size > MAX_DRAIN) { reject(tooLarge()); req.destroy(); }
    });
    req.on('end', () => (size > MAX_BODY ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parse a body as UTF-8 JSON (empty = {}); AppError InvalidJson names which of the two it is not. */
function parseJson(body: Buffer): unknown {
  let text: string;
  try { text = utf8.decode(body); } catch { throw new AppError('InvalidJson', 'Body is not valid UTF-8'); }
  if (text.trim() === '') return {};
  try { return JSON.parse(text) as unknown; } catch { throw new AppError('InvalidJson', 'Body is not valid JSON'); }
}

/** The HTTP status of a failed call: unknown methods are 404, unexpected failures 500, refused input 400. */
function statusOf(result: ApiResult<unknown>): number {
  if (result.ok) return 200;
  return ({ UnknownMethod: 404, InternalError: 500, PayloadTooLarge: 413 } as Record<string, number>)[result.error.code] ?? 400;
}

/** True when the request carries the current token (Bearer, ?token=) or, from the app's own pages, its session cookie. */
function authorized(req: IncomingMessage, url: URL, deps: ApiHttpDeps): boolean {
  const auth = req.headers.authorization;
  const given = auth?.startsWith('Bearer ') ? auth.slice(7) : url.searchParams.get('token');
  const token = deps.token();
  if (given !== null) return secretEquals(given, token);
  return cookieAllowed(req.headers) && secretEquals(readCookie(req.headers, deps.cookieName()), sessionValue(token));
}

/** Build the handler mounted by the app listener for /_api/*, /_events and /_metrics. */
export function createApiHttpHandler(deps: ApiHttpDeps): ApiHttpHandler {
  const streams = createEventStreams(deps.api, deps.streamLimits ?? STREAM_LIMITS);
  const dispatch = createApiDispatcher(deps.api, deps.logger);
  const answer = (res: ServerResponse, result: ApiResult<unknown>) => send(res, statusOf(result), result);

  async function call(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isApiMethod(method)) { req.resume(); return answer(res, await dispatch(method, undefined)); }
    let input: unknown;
    try {
      input = parseJson(await readBody(req));
    } catch (err) {
      const error: ApiError = err instanceof AppError ? { code: err.code, message: err.message } : { code: 'InvalidJson', message: 'Body could not be read' };
      return answer(res, { ok: false, error });
    }
    answer(res, await dispatch(method, input));
  }

  const handler = (req: IncomingMessage, res: ServerResponse): Promise<void> | void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!isLoopback(req.socket.remoteAddress)) return deny(res, 403, 'Forbidden', 'Loopback only');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return deny(res, 403, 'Forbidden', 'Origin not allowed');
    if (!authorized(req, url, deps)) {
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
      if (streams.open(req, res, deps.token())) return;
      return send(res, 503, { ok: false, error: { code: 'TooManyStreams', message: 'Too many live event streams are open: close a browser tab or a `buckethooks watch` and retry' } }, { 'retry-after': '10' });
    }
    if (req.method !== 'POST') return deny(res, 405, 'MethodNotAllowed', 'Use POST');
    // The path segment is the method name as it is: names are plain ASCII, so nothing is decoded (a stray
    // escape such as %E0 is just an unknown method, never a URIError).
    return call(url.pathname.slice('/_api/'.length), req, res);
  };
  return Object.assign(handler, {
    closeStreams: () => streams.closeAll(),
    tokenRotated: () => streams.closeOthers(deps.token()),
  });
}
