// Signs a (possibly mutated) captured request again with the fuzz key pair and the current time, header or
// presigned alike, the way the server canonicalises it, so mutations reach the operations behind SigV4. The
// SigV4 rules themselves are checked against the SDK's signer by the property tests, not here.
import type { IncomingHttpHeaders } from 'node:http';
import { canonicalRequest, stringToSign } from '../src-main/core/s3/auth/verify-request';
import { createSigningKeys, hmacHex, sha256Hex } from '../src-main/core/s3/auth/signing-key';
import type { SigV4Params } from '../src-main/core/s3/auth/credentials';
import { parseQuery } from '../src-main/core/s3/protocol/query';
import { FUZZ_KEYS } from './serve';
import { headerOf, withHeader, type WireRequest } from './wire';

const keys = createSigningKeys(FUZZ_KEYS);

/** Headers as node:http hands them to the server: lower-case names, repeats joined. */
function asIncoming(headers: [string, string][]): IncomingHttpHeaders {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    const n = name.toLowerCase();
    out[n] = out[n] === undefined ? value : `${out[n]}, ${value}`;
  }
  return out;
}

function split(target: string): [string, string] {
  const q = target.indexOf('?');
  return q < 0 ? [target, ''] : [target.slice(0, q), target.slice(q + 1)];
}

async function signature(req: WireRequest, rawQuery: string, params: SigV4Params, payloadHash: string): Promise<string> {
  const [rawPath] = split(req.target);
  const canonical = canonicalRequest({ method: req.method, rawPath, query: parseQuery(rawQuery), headers: asIncoming(req.headers), payloadHash },
    params, rawPath);
  return hmacHex(await keys(params.shortDate, params.region, params.service), stringToSign(params, canonical));
}

function paramsAt(now: Date, region: string, signedHeaders: string[]): SigV4Params {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const shortDate = amzDate.slice(0, 8);
  return { accessKey: FUZZ_KEYS.accessKey, shortDate, region, service: 's3', scope: `${shortDate}/${region}/s3/aws4_request`,
    amzDate, signedHeaders, signature: '' };
}

/** Re-sign an Authorization-header request; unchanged when its header no longer parses. */
async function resignHeader(req: WireRequest, auth: string, now: Date): Promise<WireRequest> {
  const region = /Credential=[^/,]*\/\d{8}\/([^/,]+)\//.exec(auth)?.[1];
  const signed = /SignedHeaders=([^,\s]+)/.exec(auth)?.[1];
  if (!region || !signed) return req;
  const params = paramsAt(now, region, signed.split(';'));
  const out = withHeader(req, 'x-amz-date', params.amzDate);
  const payloadHash = headerOf(out, 'x-amz-content-sha256') ?? sha256Hex(out.body);
  const sig = await signature(out, split(out.target)[1], params, payloadHash);
  return withHeader(out, 'authorization', `AWS4-HMAC-SHA256 Credential=${FUZZ_KEYS.accessKey}/${params.scope}, SignedHeaders=${signed}, Signature=${sig}`);
}

/** Re-sign a presigned URL (new X-Amz-Date and credential date, same lifetime and signed headers). */
async function resignQuery(req: WireRequest, now: Date): Promise<WireRequest> {
  const [rawPath, rawQuery] = split(req.target);
  const query = parseQuery(rawQuery);
  const region = /^[^/]*\/\d{8}\/([^/]+)\//.exec(String(query['X-Amz-Credential'] ?? ''))?.[1] ?? 'ru-msk';
  const params = paramsAt(now, region, String(query['X-Amz-SignedHeaders'] ?? 'host').split(';'));
  const replaced: Record<string, string> = { 'X-Amz-Date': params.amzDate, 'X-Amz-Credential': encodeURIComponent(`${FUZZ_KEYS.accessKey}/${params.scope}`) };
  const pairs = rawQuery.split('&').filter((p) => !p.startsWith('X-Amz-Signature='))
    .map((p) => { const name = p.split('=')[0]; return replaced[name] === undefined ? p : `${name}=${replaced[name]}`; });
  const payloadHash = String(query['X-Amz-Content-Sha256'] ?? headerOf(req, 'x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD');
  const sig = await signature(req, pairs.join('&'), params, payloadHash);
  return { ...req, target: `${rawPath}?${[...pairs, `X-Amz-Signature=${sig}`].join('&')}` };
}

/** The request signed again at `now` (header or presigned auth); unsigned requests are returned as they are. */
export async function resign(req: WireRequest, now = new Date()): Promise<WireRequest> {
  const auth = headerOf(req, 'authorization');
  if (auth?.startsWith('AWS4-HMAC-SHA256 ')) return resignHeader(req, auth, now);
  if (/[?&]X-Amz-Signature=/.test(req.target)) return resignQuery(req, now);
  return req;
}
