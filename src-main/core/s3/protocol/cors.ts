// CORS for browser apps calling the endpoint: permissive preflight for any Origin, and the allow/expose
// headers on normal responses. compat: S3 applies per-bucket CORS rules; BucketHooks allows every origin.
import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOW_METHODS = 'GET, PUT, POST, DELETE, HEAD';
const BASE_EXPOSE = ['ETag', 'Content-Length', 'Content-Type', 'Content-Range', 'Content-Encoding', 'Content-Disposition',
  'Cache-Control', 'Last-Modified', 'Accept-Ranges', 'x-amz-request-id', 'x-amz-id-2', 'x-amz-version-id',
  'x-amz-delete-marker', 'x-amz-checksum-crc32', 'x-amz-checksum-crc32c', 'x-amz-checksum-sha1', 'x-amz-checksum-sha256'];

/** True for a CORS preflight (answered without authentication). */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS';
}

/** Answer a preflight: any origin, the S3 methods, the requested headers echoed. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', typeof origin === 'string' ? origin : '*');
  res.setHeader('Access-Control-Allow-Methods', ALLOW_METHODS);
  const requested = req.headers['access-control-request-headers'];
  if (requested) res.setHeader('Access-Control-Allow-Headers', requested);
  res.setHeader('Access-Control-Expose-Headers', BASE_EXPOSE.join(', '));
  res.setHeader('Access-Control-Max-Age', '3000');
  res.setHeader('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
  res.setHeader('Content-Length', '0');
  res.statusCode = 200;
  res.end();
}

/** Add CORS headers to a normal response when the request has an Origin; exposes its x-amz-* headers too. */
export function addCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  const extra = res.getHeaderNames().filter((h) => h.startsWith('x-amz-meta-') || h.startsWith('x-amz-server-side'));
  res.setHeader('Access-Control-Expose-Headers', [...BASE_EXPOSE, ...extra].join(', '));
}
