// Turns the raw request stream into the operation's body for each x-amz-content-sha256 payload mode:
// unsigned (as is), signed hex SHA-256 (verified at the end), aws-chunked streaming (signed/unsigned/trailer).
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { S3Error } from '../s3-error';
import type { ChunkSignatureChain } from '../auth/chunk-signature';
import { AwsChunkedDecoder } from './aws-chunked';
import { createChecksum } from './checksums';
import { EMPTY_SHA256 } from '../auth/signing-key';

/** The payload modes of x-amz-content-sha256. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The operation-facing body and what is known about it. */
export interface Payload {
  body: Readable;
  contentLength?: number;
  trailers: Record<string, string>;
  /** Request headers as operations see them (aws-chunked removed from Content-Encoding). */
  headers: IncomingHttpHeaders;
}

const sha256Mismatch = () =>
  new S3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");

/** True when a request has no body to read (so a signed empty-payload hash is checked up front). */
export function hasNoBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] === undefined && (req.headers['content-length'] ?? '0') === '0';
}

/** Errors the stream at its end when the bytes do not hash to the signed SHA-256. */
class Sha256Verifier extends Transform {
  private readonly hash: Hash = createHash('sha256');
  constructor(private readonly expected: string) { super(); }
  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    callback(null, chunk);
  }
  override _flush(callback: TransformCallback): void {
    if (this.hash.digest('hex') === this.expected) return callback();
    callback(sha256Mismatch());
  }
}

/** True for a payload hash value the endpoint understands (validated before the signature is checked). */
export function isKnownPayloadMode(mode: string): boolean {
  return mode === UNSIGNED_PAYLOAD || HEX_SHA256.test(mode) || mode === STREAMING_SIGNED
    || mode === STREAMING_SIGNED_TRAILER || mode === STREAMING_UNSIGNED_TRAILER;
}

function optionalInt(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/** The error a body stream fails with when the client goes away mid-upload. */
export const clientGone = () => new S3Error('IncompleteBody', 'The client closed the connection before the request body was complete.');

/**
 * Feed `req` into `transform` without letting a transform error destroy the socket (the error still gets
 * answered); a client that disconnects mid-body errors the transform so the operation never waits forever.
 */
function through(req: IncomingMessage, transform: Transform): Transform {
  req.pipe(transform);
  transform.once('error', () => { req.unpipe(transform); req.resume(); });
  req.once('close', () => { if (!req.complete) transform.destroy(clientGone()); });
  return transform;
}

/** Build the body for `mode`; `chain` is required for the signed streaming modes. */
export function preparePayload(req: IncomingMessage, mode: string, chain: ChunkSignatureChain | undefined): Payload {
  const headers = req.headers;
  const trailers: Record<string, string> = {};
  if (mode === UNSIGNED_PAYLOAD) return { body: req, contentLength: optionalInt(headers['content-length']), trailers, headers };
  if (HEX_SHA256.test(mode)) {
    if (hasNoBody(req)) {
      if (mode !== EMPTY_SHA256) throw sha256Mismatch();
      return { body: req, contentLength: 0, trailers, headers };
    }
    return { body: through(req, new Sha256Verifier(mode)), contentLength: optionalInt(headers['content-length']), trailers, headers };
  }
  const decodedLength = optionalInt(headers['x-amz-decoded-content-length']);
  const trailerName = typeof headers['x-amz-trailer'] === 'string' ? headers['x-amz-trailer'].trim().toLowerCase() : undefined;
  const checksum = mode === STREAMING_SIGNED || !trailerName ? undefined : createChecksum(trailerName);
  const signed = mode === STREAMING_SIGNED || mode === STREAMING_SIGNED_TRAILER;
  if (signed && !chain) throw new S3Error('InvalidRequest', `${mode} requires header authentication.`);
  const decoder = new AwsChunkedDecoder({ chain: signed ? chain : undefined, checksum, trailers, decodedLength });
  return { body: through(req, decoder), contentLength: decodedLength, trailers, headers: withoutAwsChunked(headers) };
}

/** Drop `aws-chunked` from Content-Encoding: it describes the transfer, not the object. */
function withoutAwsChunked(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const encoding = headers['content-encoding'];
  if (typeof encoding !== 'string') return headers;
  const rest = encoding.split(',').map((s) => s.trim()).filter((s) => s && s !== 'aws-chunked');
  const copy = { ...headers };
  if (rest.length) copy['content-encoding'] = rest.join(', ');
  else delete copy['content-encoding'];
  return copy;
}

/** Largest body read into memory to hash it when a client (curl --aws-sigv4) omits x-amz-content-sha256. */
export const MAX_BUFFERED_BODY = 1024 * 1024;

/** Read a small body with a known Content-Length whole; undefined when it has none or is too large. */
export async function readSmallBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const length = optionalInt(req.headers['content-length']);
  if (length === undefined || length > MAX_BUFFERED_BODY || req.headers['transfer-encoding'] !== undefined) return undefined;
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}
