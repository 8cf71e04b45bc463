// Authenticates a request by SigV4 Authorization header or presigned query; answers which payload mode
// the body uses and, for signed streaming bodies, the chunk signature chain seeded by the request signature.
import type { IncomingMessage } from 'node:http';
import { S3Error } from '../s3-error';
import { queryValue, type QueryRecord } from '../protocol/query';
import { sha256Hex, type SigningKeyProvider } from './signing-key';
import { amzDateToMs, isSigV4Header, parseAuthorizationHeader, parsePresignedQuery, type SigV4Params } from './credentials';
import { verifySignature } from './verify-request';
import { ChunkSignatureChain } from './chunk-signature';
import {
  hasNoBody, isKnownPayloadMode, readSmallBody, STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, UNSIGNED_PAYLOAD,
} from '../protocol/payload';

/** The result of authentication. */
export interface AuthResult {
  accessKey: string;
  /** The region of the signature's credential scope. */
  region: string;
  /** x-amz-content-sha256 (or UNSIGNED-PAYLOAD for presigned URLs without it). */
  payloadMode: string;
  chain?: ChunkSignatureChain;
  /** The body, already read and verified, when the client signed it without x-amz-content-sha256 (curl). */
  bufferedBody?: Buffer;
}

/** What authentication needs besides the request. */
export interface AuthContext {
  rawPath: string;
  /** The decoded query (protocol/query.ts). */
  query: QueryRecord;
  accessKey: string;
  keys: SigningKeyProvider;
  now: number;
  /** Called before the body is read to hash it (clients that sign without x-amz-content-sha256): sends 100 Continue. */
  beforeBodyRead?: () => void;
}

const unsupported = () => new S3Error('InvalidRequest',
  'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');

function checkKey(params: SigV4Params, ctx: AuthContext): void {
  if (params.accessKey !== ctx.accessKey) {
    throw new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.',
      { AWSAccessKeyId: params.accessKey });
  }
}

/**
 * Refuse any x-amz-* header the signature does not cover: an unsigned header could change what the
 * request does (a presigned PUT plus an unsigned x-amz-copy-source would become a copy).
 */
function requireSignedAmzHeaders(req: IncomingMessage, signedHeaders: readonly string[]): void {
  let unsigned: string[] | undefined;
  for (const name in req.headers) {
    if (name.startsWith('x-amz-') && !signedHeaders.includes(name)) (unsigned ??= []).push(name);
  }
  if (unsigned) {
    throw new S3Error('AccessDenied', 'There were headers present in the request which were not signed',
      { HeadersNotSigned: unsigned.join(', ') });
  }
}

/** Presigned URLs dated later than this are refused (AWS allows the same 15 minutes of clock skew). */
const MAX_FUTURE_SKEW_MS = 15 * 60 * 1000;

function checkPresignedTime(params: SigV4Params, now: number): void {
  const signedAt = amzDateToMs(params.amzDate);
  if (signedAt - now > MAX_FUTURE_SKEW_MS) {
    throw new S3Error('AccessDenied', 'Request is not valid yet', {
      'X-Amz-Date': params.amzDate, ServerTime: new Date(now).toISOString(),
    });
  }
  const expiresAt = signedAt + (params.expiresSec ?? 0) * 1000;
  if (now > expiresAt) {
    throw new S3Error('AccessDenied', 'Request has expired', {
      'X-Amz-Expires': String(params.expiresSec), Expires: new Date(expiresAt).toISOString(),
      ServerTime: new Date(now).toISOString(),
    });
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

/** A request that carries no credentials at all: no Authorization header, no presigned or V2 query signature. */
export function isAnonymous(req: IncomingMessage, query: URLSearchParams): boolean {
  return req.headers.authorization === undefined && !query.has('X-Amz-Signature') && !query.has('X-Amz-Algorithm')
    && !query.has('AWSAccessKeyId') && !query.has('Signature');
}

/**
 * Verify the request's signature; throws S3Error (403 AccessDenied when it carries no auth at all, or
 * x-amz-* headers the signature does not cover; a presigned URL dated in the future or expired).
 * compat: a header-signed request's x-amz-date is not checked for clock skew (AWS: RequestTimeTooSkewed after
 * 15 min); a local endpoint under a test's fake clock must keep accepting SDK requests signed with the wall clock.
 */
export async function authenticate(req: IncomingMessage, ctx: AuthContext): Promise<AuthResult> {
  const authorization = headerValue(req, 'authorization');
  let params: SigV4Params;
  let payloadMode: string;
  let bufferedBody: Buffer | undefined;
  if (authorization !== undefined) {
    if (!isSigV4Header(authorization)) throw unsupported();
    params = parseAuthorizationHeader(authorization, headerValue(req, 'x-amz-date'));
    checkKey(params, ctx);
    requireSignedAmzHeaders(req, params.signedHeaders);
    const mode = headerValue(req, 'x-amz-content-sha256');
    if (mode === undefined) {
      if (!hasNoBody(req)) ctx.beforeBodyRead?.();
      bufferedBody = hasNoBody(req) ? Buffer.alloc(0) : await readSmallBody(req);
      if (!bufferedBody) throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
      payloadMode = sha256Hex(bufferedBody);
    } else {
      payloadMode = mode;
    }
  } else if (ctx.query['X-Amz-Signature'] !== undefined || ctx.query['X-Amz-Algorithm'] !== undefined) {
    params = parsePresignedQuery(ctx.query);
    checkKey(params, ctx);
    checkPresignedTime(params, ctx.now);
    requireSignedAmzHeaders(req, params.signedHeaders);
    // compat: x-amz-* parameters an SDK hoists into a presigned URL's query (x-amz-meta-*, the checksum of the
    // empty body it presigned) are covered by the signature but not applied as headers.
    payloadMode = headerValue(req, 'x-amz-content-sha256') ?? queryValue(ctx.query, 'X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD;
  } else if (ctx.query.AWSAccessKeyId !== undefined || ctx.query.Signature !== undefined) {
    throw unsupported();
  } else {
    throw new S3Error('AccessDenied', 'Access Denied');
  }
  if (!isKnownPayloadMode(payloadMode)) {
    throw new S3Error('InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, '
      + 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER) or a valid sha256 value.',
    { ArgumentName: 'x-amz-content-sha256', ArgumentValue: payloadMode });
  }
  const signingKey = await verifySignature(
    { method: req.method ?? 'GET', rawPath: ctx.rawPath, query: ctx.query, headers: req.headers, payloadHash: payloadMode },
    params, ctx.keys);
  const streamingSigned = payloadMode === STREAMING_SIGNED || payloadMode === STREAMING_SIGNED_TRAILER;
  const chain = streamingSigned && authorization !== undefined
    ? new ChunkSignatureChain(signingKey, params.amzDate, params.scope, params.signature) : undefined;
  return { accessKey: params.accessKey, region: params.region, payloadMode, chain, bufferedBody };
}
