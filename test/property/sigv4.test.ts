// Properties of SigV4 canonicalisation and verification, against requests signed by @smithy/signature-v4 (the
// SDK's own signer): any signed method, path, query and headers is accepted; changing any signed part is refused;
// whatever arrives in Authorization, X-Amz-* query parameters or x-amz-date ends in a result or an S3Error.
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { authenticate, type AuthContext } from '../../src-main/core/s3/auth/authenticate';
import { createSigningKeys } from '../../src-main/core/s3/auth/signing-key';
import { parseQuery } from '../../src-main/core/s3/protocol/query';
import { S3Error } from '../../src-main/core/s3/s3-error';
import { KEYS } from '../s3/s3-protocol-helpers';
import { awsEncode, hostileText, onlyThrows, RUNS } from './arbitraries';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const HOST = '127.0.0.1:9000';
const keys = createSigningKeys(KEYS);
const signer = new SignatureV4({ service: 's3', region: 'ru-msk', sha256: Sha256, uriEscapePath: false,
  credentials: { accessKeyId: KEYS.accessKey, secretAccessKey: KEYS.secretKey } });

/** A request as the server sees it: method, raw path, raw query and lower-cased headers. */
interface Wire { method: string; path: string; rawQuery: string; headers: Record<string, string> }

const fakeReq = (w: Wire) => ({ method: w.method, headers: w.headers }) as unknown as IncomingMessage;
const ctx = (w: Wire, now = NOW): AuthContext => ({ rawPath: w.path, query: parseQuery(w.rawQuery), accessKey: KEYS.accessKey, keys, now });

const segment = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
// The SDK signer builds its canonical query in a plain object, where a parameter named __proto__ vanishes.
const queryPairs = fc.uniqueArray(fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }).filter((k) => k !== '__proto__'),
  fc.string({ unit: 'binary', maxLength: 10 })), { maxLength: 5, selector: ([k]) => k });
/** Printable header values with runs of spaces and tabs (the canonical form trims and collapses them). */
const headerValue = fc.array(fc.oneof(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }), fc.constantFrom(' ', '  ', '\t')),
  { minLength: 1, maxLength: 6 }).map((p) => p.join('').trim()).filter((v) => v.length > 0);
const metaHeaders = fc.dictionary(fc.stringMatching(/^x-amz-meta-[a-z0-9-]{1,10}$/), headerValue, { maxKeys: 4 });
const request = fc.record({
  method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD'),
  segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
  query: queryPairs,
  meta: metaHeaders,
});
type Drawn = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function sign(r: Drawn): Promise<Wire> {
  const path = '/' + r.segments.map(awsEncode).join('/');
  const signed = await signer.sign(new HttpRequest({
    method: r.method, protocol: 'http:', hostname: '127.0.0.1', port: 9000, path, query: Object.fromEntries(r.query),
    headers: { host: HOST, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...r.meta },
  }), { signingDate: new Date(NOW) });
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: r.method, path, rawQuery: r.query.map(([k, v]) => `${awsEncode(k)}=${awsEncode(v)}`).join('&'), headers };
}

/** One change to a signed part of the request that no canonical form makes equal again. */
const tamper = fc.constantFrom('method', 'path', 'query', 'header', 'signature', 'date');
function tampered(w: Wire, how: string): Wire {
  const headers = { ...w.headers };
  switch (how) {
    case 'method': return { ...w, method: w.method === 'GET' ? 'PUT' : 'GET' };
    case 'path': return { ...w, path: `${w.path}x` };
    case 'query': return { ...w, rawQuery: w.rawQuery ? `${w.rawQuery}&extra=1` : 'extra=1' };
    case 'header': headers['x-amz-content-sha256'] = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'; break;
    case 'signature': headers.authorization = headers.authorization.replace(/Signature=(.)/, (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`); break;
    default: headers['x-amz-date'] = '20260101T120001Z';
  }
  return { ...w, headers };
}

describe('SigV4 header auth', () => {
  it('accepts any request signed by the SDK signer', async () => {
    await fc.assert(fc.asyncProperty(request, async (r) => {
      const w = await sign(r);
      await expect(authenticate(fakeReq(w), ctx(w))).resolves.toMatchObject({ accessKey: KEYS.accessKey, payloadMode: 'UNSIGNED-PAYLOAD' });
    }), { numRuns: RUNS });
  });

  it('refuses it with an S3Error once any signed part changes', async () => {
    await fc.assert(fc.asyncProperty(request, tamper, async (r, how) => {
      const w = tampered(await sign(r), how);
      await expect(authenticate(fakeReq(w), ctx(w))).rejects.toBeInstanceOf(S3Error);
    }), { numRuns: RUNS });
  });

  it('answers any Authorization header and x-amz-date with a result or an S3Error', async () => {
    // Signatures of the expected length but not hex (a header value is latin1: é is one character, two UTF-8 bytes).
    const signature = fc.oneof(hostileText(70), fc.string({ unit: fc.constantFrom('a', '0', 'é', 'ÿ', ' '), minLength: 64, maxLength: 64 }));
    const credential = fc.oneof(hostileText(30), fc.constant(`${KEYS.accessKey}/20260101/ru-msk/s3/aws4_request`));
    const authorization = fc.oneof(hostileText(120), fc.tuple(credential, fc.oneof(hostileText(30), fc.constant('host')), signature)
      .map(([c, s, sig]) => `AWS4-HMAC-SHA256 Credential=${c}, SignedHeaders=${s}, Signature=${sig}`));
    await fc.assert(fc.asyncProperty(authorization, fc.option(fc.oneof(hostileText(20), fc.constant('20260101T120000Z')), { nil: undefined }),
      fc.oneof(hostileText(40), fc.constant('UNSIGNED-PAYLOAD')),
      async (auth, date, sha) => {
        const headers: Record<string, string> = { host: HOST, authorization: auth, 'x-amz-content-sha256': sha };
        if (date !== undefined) headers['x-amz-date'] = date;
        const w = { method: 'GET', path: '/b/k', rawQuery: '', headers };
        await onlyThrows(S3Error, () => authenticate(fakeReq(w), ctx(w)));
      }), { numRuns: RUNS });
  });
});

describe('SigV4 presigned URLs', () => {
  const presign = async (r: Drawn, expiresIn: number): Promise<Wire> => {
    const path = '/' + r.segments.map(awsEncode).join('/');
    const req = await signer.presign(new HttpRequest({ method: r.method, protocol: 'http:', hostname: '127.0.0.1', port: 9000, path,
      query: Object.fromEntries(r.query), headers: { host: HOST, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }), {
      signingDate: new Date(NOW), expiresIn,
      // As @aws-sdk/s3-request-presigner does: the payload is unsigned and the header stays out of the URL.
      unhoistableHeaders: new Set(['x-amz-content-sha256']), unsignableHeaders: new Set(['x-amz-content-sha256']),
    });
    const rawQuery = Object.entries(req.query ?? {}).map(([k, v]) => `${awsEncode(k)}=${awsEncode(String(v))}`).join('&');
    return { method: r.method, path, rawQuery, headers: { host: HOST } };
  };

  it('accepts any presigned URL before it expires and refuses it after', async () => {
    await fc.assert(fc.asyncProperty(request, fc.integer({ min: 1, max: 7 * 24 * 3600 }), async (r, expiresIn) => {
      const w = await presign(r, expiresIn);
      await expect(authenticate(fakeReq(w), ctx(w, NOW + expiresIn * 1000))).resolves.toMatchObject({ accessKey: KEYS.accessKey });
      await expect(authenticate(fakeReq(w), ctx(w, NOW + expiresIn * 1000 + 1000))).rejects.toMatchObject({ code: 'AccessDenied' });
    }), { numRuns: RUNS });
  });

  it('answers any X-Amz-* query parameters with a result or an S3Error', async () => {
    const names = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature',
      'X-Amz-Content-Sha256', 'AWSAccessKeyId', 'Signature'];
    const params = fc.array(fc.tuple(fc.constantFrom(...names), fc.oneof(hostileText(30), fc.constantFrom('AWS4-HMAC-SHA256', '20260101T120000Z', '3600', 'host'))),
      { minLength: 1, maxLength: 8 });
    await fc.assert(fc.asyncProperty(params, async (pairs) => {
      const w = { method: 'GET', path: '/b/k', rawQuery: pairs.map(([k, v]) => `${k}=${encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))}`).join('&'), headers: { host: HOST } };
      await onlyThrows(S3Error, () => authenticate(fakeReq(w), ctx(w)));
    }), { numRuns: RUNS });
  });
});
