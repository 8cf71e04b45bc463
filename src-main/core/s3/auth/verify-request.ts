// Verifies a request's SigV4 signature (header or presigned): rebuilds the canonical request and compares.
// Returns the signing key for chunk signatures.
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../s3-error';
import type { QueryRecord } from '../protocol/query';
import type { SigV4Params } from './credentials';
import { hmacHex, sameSignature, sha256Hex, type SigningKeyProvider } from './signing-key';

/** What a signature is computed over. */
export interface SignedRequest {
  method: string;
  /** The path exactly as sent (still percent-encoded). */
  rawPath: string;
  query: QueryRecord;
  headers: IncomingHttpHeaders;
  /** The payload hash the client signed (hex, UNSIGNED-PAYLOAD or a STREAMING-* literal). */
  payloadHash: string;
}

/** What encodeURIComponent leaves alone but RFC 3986 (and so SigV4) escapes. */
const MORE_TO_ESCAPE = /[!'()*]/;
const MORE_TO_ESCAPE_ALL = /[!'()*]/g;

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function uriEscape(s: string): string {
  const encoded = encodeURIComponent(s);
  return MORE_TO_ESCAPE.test(encoded) ? encoded.replace(MORE_TO_ESCAPE_ALL, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : encoded;
}


/**
 * The SigV4 canonical query: pairs sorted by encoded name, then by `name=value`; X-Amz-Signature left out.
 * The same result as @smithy/signature-v4's getCanonicalQuery, whose handling of repeated names is
 * quadratic (thousands of repeats in one URL would stall the event loop).
 */
export function canonicalQuery(query: QueryRecord): string {
  const groups: { key: string; pairs: string }[] = [];
  for (const name in query) {
    if (name.length === 15 && name.toLowerCase() === 'x-amz-signature') continue;
    const key = uriEscape(name);
    const value = query[name];
    if (typeof value === 'string') groups.push({ key, pairs: `${key}=${uriEscape(value)}` });
    else if (value.length) groups.push({ key, pairs: value.map((v) => `${key}=${uriEscape(v)}`).sort().join('&') });
  }
  groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let out = '';
  for (const g of groups) out += out ? `&${g.pairs}` : g.pairs;
  return out;
}

function canonicalHeaders(headers: IncomingHttpHeaders, names: string[]): string {
  let out = '';
  for (const name of names) {
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw.join(',') : raw ?? '';
    out += `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
  }
  return out;
}

/** The path re-encoded by the AWS rules, for clients that sign a canonical form of what they send. */
function awsEncodedPath(rawPath: string): string {
  return rawPath.split('/').map((segment) => {
    let decoded: string;
    try { decoded = decodeURIComponent(segment); } catch { return segment; }
    return uriEscape(decoded);
  }).join('/');
}

/** The SigV4 canonical request for `path`; `bareEmpty` renders valueless parameters as `name` (curl 7.88's form). */
export function canonicalRequest(req: SignedRequest, params: SigV4Params, path: string, bareEmpty = false): string {
  let query = canonicalQuery(req.query);
  if (bareEmpty) query = query.split('&').map((p) => (p.endsWith('=') ? p.slice(0, -1) : p)).join('&');
  return `${req.method}\n${path}\n${query}\n${canonicalHeaders(req.headers, params.signedHeaders)}\n`
    + `${params.signedHeaders.join(';')}\n${req.payloadHash}`;
}

/**
 * The SigV4 string to sign for a canonical request. The canonical request is hashed as the bytes on the wire:
 * node decodes header values as latin1, so encoding back as latin1 gives what a client signed (UTF-8 metadata
 * from boto3 or s3cmd included); everything else in it is ASCII.
 */
export function stringToSign(params: SigV4Params, canonical: string): string {
  return `AWS4-HMAC-SHA256\n${params.amzDate}\n${params.scope}\n${sha256Hex(canonical, 'latin1')}`;
}

/** Canonical forms some clients sign instead of the standard one, tried only after a mismatch. */
function alternatives(req: SignedRequest): [string, boolean][] {
  const out: [string, boolean][] = [];
  const encoded = awsEncodedPath(req.rawPath);
  if (encoded !== req.rawPath) out.push([encoded, false]);
  // compat: curl 7.88 --aws-sigv4 signs a bare `?notification` as `notification` instead of `notification=`.
  if (Object.values(req.query).some((v) => v === '')) out.push([req.rawPath, true]);
  return out;
}

/**
 * Check the signature; throws 403 SignatureDoesNotMatch (with the canonical request and string to
 * sign as AWS reports them). Resolves to the signing key so streaming payloads can verify chunks.
 */
export async function verifySignature(req: SignedRequest, params: SigV4Params, keys: SigningKeyProvider): Promise<Buffer> {
  const signingKey = await keys(params.shortDate, params.region, params.service);
  const canonical = canonicalRequest(req, params, req.rawPath);
  const toSign = stringToSign(params, canonical);
  if (sameSignature(hmacHex(signingKey, toSign), params.signature)) return signingKey;
  for (const [path, bareEmpty] of alternatives(req)) {
    const alt = stringToSign(params, canonicalRequest(req, params, path, bareEmpty));
    if (sameSignature(hmacHex(signingKey, alt), params.signature)) return signingKey;
  }
  throw new S3Error('SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    { AWSAccessKeyId: params.accessKey, StringToSign: toSign, SignatureProvided: params.signature, CanonicalRequest: canonical });
}
