// CORS of the S3 endpoint: preflights (OPTIONS, unauthenticated) answered from the bucket's rules, and the
// Access-Control-* headers of normal responses. A bucket without rules keeps a permissive default for the
// app's own UI and for pages served from loopback; every other origin needs a rule, as on S3.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { S3Error } from '../s3-error';
import type { CorsRule } from '../../storage/types';
import type { Target } from './addressing';
import { matchRule, requestedHeaders } from './cors-rules';

/** The origin the desktop app's renderer is served from (see shell/renderer-files.ts). */
export const APP_UI_ORIGIN = 'app://bucket-hooks';

/** A bucket's CORS rules: undefined when it has none, null when there is no such bucket. */
export type CorsSource = (bucket: string) => readonly CorsRule[] | undefined | null;

/** The Access-Control-* headers one request gets. */
export interface CorsGrant { origin: string; credentials: boolean; methods: string; expose?: string; maxAge?: number }

const DEFAULT_METHODS = 'GET, PUT, POST, DELETE, HEAD';
const DEFAULT_EXPOSE = ['ETag', 'Content-Length', 'Content-Type', 'Content-Range', 'Content-Encoding', 'Content-Disposition',
  'Cache-Control', 'Last-Modified', 'Accept-Ranges', 'x-amz-request-id', 'x-amz-id-2', 'x-amz-version-id',
  'x-amz-delete-marker', 'x-amz-mp-parts-count', 'x-amz-checksum-crc32', 'x-amz-checksum-crc32c', 'x-amz-checksum-crc64nvme', 'x-amz-checksum-sha1',
  'x-amz-checksum-sha256', 'x-amz-checksum-type'].join(', ');
const VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** True for the app's own UI and for http(s) pages on a loopback host: the default when a bucket has no rules. */
export function isLocalOrigin(origin: string): boolean {
  if (origin === APP_UI_ORIGIN) return true;
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOST.test(url.hostname);
}

/** The permissive default: the origin itself, every S3 method, the usual response headers exposed. */
const defaultGrant = (origin: string): CorsGrant => ({ origin, credentials: false, methods: DEFAULT_METHODS, expose: DEFAULT_EXPOSE, maxAge: 3000 });

/**
 * The grant for `origin` and `method` (plus requested headers on a preflight), or why there is none.
 * compat: the app's own UI origin is always allowed, so the desktop app can upload to buckets with rules.
 */
function decide(rules: readonly CorsRule[] | undefined, origin: string, method: string, headers: readonly string[]): CorsGrant | string {
  // compat: without rules S3 refuses every origin; loopback pages and the app's UI keep a permissive default.
  if (origin === APP_UI_ORIGIN || (rules === undefined && isLocalOrigin(origin))) return defaultGrant(origin);
  if (rules === undefined) return 'CORSResponse: CORS is not enabled for this bucket.';
  const match = matchRule(rules, { origin, method, headers });
  if (!match) {
    return 'CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / '
      + "Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";
  }
  const wildcard = match.allowedOrigin === '*';
  return {
    origin: wildcard ? '*' : origin, credentials: !wildcard, methods: match.rule.allowedMethods.join(', '),
    expose: match.rule.exposeHeaders.length ? match.rule.exposeHeaders.join(', ') : undefined, maxAge: match.rule.maxAgeSeconds,
  };
}

function setGrant(res: ServerResponse, grant: CorsGrant): void {
  res.setHeader('Access-Control-Allow-Origin', grant.origin);
  if (grant.credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Methods', grant.methods);
  if (grant.expose) res.setHeader('Access-Control-Expose-Headers', grant.expose);
  if (grant.maxAge !== undefined) res.setHeader('Access-Control-Max-Age', String(grant.maxAge));
  res.setHeader('Vary', VARY);
}

/** True for a CORS preflight (answered without authentication). */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS';
}

/**
 * Answer a preflight from the target bucket's rules: 200 with the grant, 400 BadRequest without an Origin,
 * 403 AccessForbidden when no rule (or no bucket) allows it.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/RESTOPTIONSobject.html
 */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, target: Target, source: CorsSource): void {
  const origin = req.headers.origin;
  if (origin === undefined) throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.');
  const method = req.headers['access-control-request-method'];
  const forbidden = (why: string) => new S3Error('AccessForbidden', why,
    { Method: method ?? 'OPTIONS', ResourceType: target.key === undefined ? 'BUCKET' : 'OBJECT' });
  const rules = target.bucket === undefined ? undefined : source(target.bucket);
  if (rules === null) throw forbidden('CORSResponse: Bucket not found');
  const headers = requestedHeaders(req.headers['access-control-request-headers']);
  const grant = method === undefined ? 'CORSResponse: This CORS request is not allowed.' : decide(rules, origin, method, headers);
  if (typeof grant === 'string') throw forbidden(grant);
  setGrant(res, grant);
  if (headers.length) res.setHeader('Access-Control-Allow-Headers', headers.join(', '));
  res.setHeader('Content-Length', '0');
  res.statusCode = 200;
  res.end();
}

/** The grant of a normal (non-preflight) request that carries an Origin, or undefined for none. */
export function corsGrantFor(req: IncomingMessage, bucket: string | undefined, source: CorsSource): CorsGrant | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  const rules = bucket === undefined ? undefined : source(bucket);
  const grant = decide(rules ?? undefined, origin, req.method ?? 'GET', []);
  return typeof grant === 'string' ? undefined : grant;
}

/** Set a normal response's CORS headers; the default grant also exposes the response's x-amz-meta-* headers. */
export function addCorsHeaders(res: ServerResponse, grant: CorsGrant | undefined): void {
  if (!grant) return;
  setGrant(res, grant);
  if (grant.expose !== DEFAULT_EXPOSE) return;
  const meta = res.getHeaderNames().filter((h) => h.startsWith('x-amz-meta-'));
  if (meta.length) res.setHeader('Access-Control-Expose-Headers', `${DEFAULT_EXPOSE}, ${meta.join(', ')}`);
}
