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
}

const unsupported = () => new S3Error('InvalidRequest',
  'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');

function checkKey(params: SigV4Params, ctx: AuthContext): void {
  if (params.accessKey !== ctx.accessKey) {
    throw new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.',
      { AWSAccessKeyId: params.accessKey });
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Verify the request's signature; throws S3Error (403 AccessDenied when it carries no auth at all).
 * compat: x-amz-date is not checked for clock skew (AWS: RequestTimeTooSkewed after 15 min); a local
 * endpoint under a test's fake clock must keep accepting SDK requests signed with the wall clock.
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
    const mode = headerValue(req, 'x-amz-content-sha256');
    if (mode === undefined) {
      bufferedBody = hasNoBody(req) ? Buffer.alloc(0) : await readSmallBody(req);
      if (!bufferedBody) throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
      payloadMode = sha256Hex(bufferedBody);
    } else {
      payloadMode = mode;
    }
  } else if (ctx.query['X-Amz-Signature'] !== undefined || ctx.query['X-Amz-Algorithm'] !== undefined) {
    params = parsePresignedQuery(ctx.query);
    checkKey(params, ctx);
    const expiresAt = amzDateToMs(params.amzDate) + (params.expiresSec ?? 0) * 1000;
    if (ctx.now > expiresAt) {
      throw new S3Error('AccessDenied', 'Request has expired', {
        'X-Amz-Expires': String(params.expiresSec), Expires: new Date(expiresAt).toISOString(),
        ServerTime: new Date(ctx.now).toISOString(),
      });
    }
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
  return { accessKey: params.accessKey, payloadMode, chain, bufferedBody };
}
