// Writes S3Responses and S3 error documents to node:http: request ids on every response, CORS headers,
// stream bodies piped with backpressure; a client abort tears the source stream down; an error answered
// before the request body was read drains that body and then closes the connection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { S3Response } from '../types';
import type { S3Error } from '../s3-error';
import { addCorsHeaders, type CorsGrant } from './cors';
import { renderErrorXml } from './error-response';

/** The ids AWS puts on every response. */
export interface RequestIds { requestId: string; hostId: string }

const PREFIX = randomBytes(4).toString('hex').toUpperCase();
const HOST_SALT = randomBytes(24).toString('base64');
let counter = 0;

/** A fresh id pair: 16 upper-case hex chars and a base64 host id. */
export function nextRequestIds(): RequestIds {
  counter = (counter + 1) >>> 0;
  const requestId = PREFIX + counter.toString(16).toUpperCase().padStart(8, '0');
  return { requestId, hostId: `${HOST_SALT}${Buffer.from(requestId).toString('base64')}` };
}

function startHeaders(res: ServerResponse, ids: RequestIds, status: number, cors: CorsGrant | undefined): void {
  res.statusCode = status;
  res.setHeader('x-amz-request-id', ids.requestId);
  res.setHeader('x-amz-id-2', ids.hostId);
  addCorsHeaders(res, cors);
}

/**
 * body → res with backpressure. A source error cuts the connection (headers are gone); a client abort
 * destroys the source. Plain pipe + listeners: cheaper than stream.pipeline on the small-object hot path.
 */
function pipeBody(body: Readable, res: ServerResponse, onStreamError: (err: Error) => void): Promise<void> {
  return new Promise((resolve) => {
    const onError = (err: Error) => { onStreamError(err); res.destroy(err); resolve(); };
    body.once('error', onError);
    res.once('close', () => {
      body.off('error', onError);
      if (!res.writableFinished) body.destroy();
      resolve();
    });
    body.pipe(res);
  });
}

/**
 * The common answer (no CORS grant, a body in memory or none) in one writeHead with a flat header list: node's
 * fast path, without the per-header bookkeeping of setHeader (the small-GET hot path). `body` null: nothing may
 * be sent (HEAD, 204, 304), so no Content-Length is added either.
 */
function writeWhole(res: ServerResponse, status: number, headers: S3Response['headers'],
  body: string | Buffer | undefined | null, ids: RequestIds): Promise<void> {
  const flat: (string | number)[] = ['x-amz-request-id', ids.requestId, 'x-amz-id-2', ids.hostId];
  let length = false;
  for (const name in headers) {
    flat.push(name, headers[name]);
    if (!length && name.toLowerCase() === 'content-length') length = true;
  }
  if (!length && body !== null) flat.push('content-length', body === undefined ? 0 : Buffer.byteLength(body));
  res.writeHead(status, flat);
  res.end(body ?? undefined);
  return Promise.resolve();
}

/** Write an operation's answer. Resolves when the body is written or the transfer was abandoned. */
export function writeResponse(req: IncomingMessage, res: ServerResponse, out: S3Response, ids: RequestIds,
  onStreamError: (err: Error) => void, cors?: CorsGrant): Promise<void> {
  const status = out.status ?? 200;
  const body = out.body;
  const noBody = req.method === 'HEAD' || status === 204 || status === 304;
  if (!cors && !(body instanceof Readable)) return writeWhole(res, status, out.headers, noBody ? null : body, ids);
  for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value);
  startHeaders(res, ids, status, cors);
  if (body instanceof Readable) {
    if (noBody) { body.destroy(); res.end(); return Promise.resolve(); }
    return pipeBody(body, res, onStreamError);
  }
  if (body !== undefined && !noBody) {
    if (!res.hasHeader('content-length')) res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  } else {
    if (!noBody && !res.hasHeader('content-length')) res.setHeader('Content-Length', 0);
    res.end();
  }
  return Promise.resolve();
}

/** How much of an unread request body is drained after an error answer before the connection is cut anyway. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;
const MAX_DRAIN_MS = 10_000;

/**
 * Send `xml` at once with `Connection: close`, then read and drop the rest of the request body so a client
 * that writes its whole body before reading still gets the answer; the connection closes when the body has
 * ended (or past the drain limits), never with unread bytes that would turn the close into a reset.
 */
function answerThenDrain(req: IncomingMessage, res: ServerResponse, xml: string | undefined): void {
  res.setHeader('Connection', 'close');
  if (xml === undefined) res.flushHeaders(); else res.write(xml);
  let drained = 0;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    req.off('data', onData);
    res.end();
  };
  const onData = (chunk: Buffer) => { drained += chunk.length; if (drained > MAX_DRAIN_BYTES) finish(); };
  const timer = setTimeout(finish, MAX_DRAIN_MS);
  timer.unref();
  req.unpipe();
  req.on('data', onData);
  req.once('end', finish);
  req.once('close', finish);
  if (req.destroyed || req.readableEnded) finish();
  else req.resume();
}

/** Errors that say the body is too big: the rest of it is not worth keeping the connection for. */
const TOO_BIG = new Set(['MaxMessageLengthExceeded', 'EntityTooLarge']);

/** Content-Length, or 0 when the body is chunked (its size is unknown until it ends). */
function declaredLength(req: IncomingMessage): number {
  const value = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/**
 * Write an S3 error document (headers only for HEAD); if headers already went out, cut the connection.
 * `bodyPending`: the client is still sending a request body nobody read. The rest is read and dropped:
 * on a kept-alive connection when it is small, else after an answer with `Connection: close` (answerThenDrain).
 */
export function writeError(req: IncomingMessage, res: ServerResponse, err: S3Error, resource: string, ids: RequestIds,
  bodyPending = false, cors?: CorsGrant): void {
  if (res.headersSent) { res.destroy(); return; }
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  startHeaders(res, ids, err.status, cors);
  for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  let xml: string | undefined;
  if (req.method !== 'HEAD' && err.status !== 304) {
    xml = renderErrorXml(err, resource, ids.requestId, ids.hostId);
    res.setHeader('Content-Type', 'application/xml');
    res.setHeader('Content-Length', Buffer.byteLength(xml));
  }
  if (bodyPending && (TOO_BIG.has(err.code) || declaredLength(req) > MAX_DRAIN_BYTES)) return answerThenDrain(req, res, xml);
  res.end(xml);
  if (bodyPending) { req.unpipe(); req.resume(); }
}
