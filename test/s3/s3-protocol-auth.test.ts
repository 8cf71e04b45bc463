// SigV4 verification against requests signed by @smithy/signature-v4 (the SDK's signer): header auth,
// presigned URLs (good, tampered, expired), unknown key, payload modes and the chunk chain seed.
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { createHash, createHmac } from 'node:crypto';
import { getCanonicalQuery, SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { authenticate, type AuthContext } from '../../src-main/core/s3/auth/authenticate';
import { createSigningKeys } from '../../src-main/core/s3/auth/signing-key';
import { parseQuery } from '../../src-main/core/s3/protocol/query';
import { canonicalQuery } from '../../src-main/core/s3/auth/verify-request';
import { deriveKey, KEYS, signHeaders } from './s3-protocol-helpers';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const keys = createSigningKeys(KEYS);
const HOST = '127.0.0.1:9000';

function fakeReq(method: string, headers: Record<string, string>): IncomingMessage {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  return { method, headers: lower } as unknown as IncomingMessage;
}

function ctx(url: string, now = NOW): AuthContext {
  const q = url.indexOf('?');
  return { rawPath: q < 0 ? url : url.slice(0, q), query: parseQuery(q < 0 ? '' : url.slice(q + 1)),
    accessKey: KEYS.accessKey, keys, now };
}

async function presign(path: string, expiresIn: number, query: Record<string, string> = {}, secret = KEYS.secretKey): Promise<string> {
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', sha256: Sha256, uriEscapePath: false,
    credentials: { accessKeyId: KEYS.accessKey, secretAccessKey: secret } });
  const req = await signer.presign(new HttpRequest({ method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port: 9000, path,
    query, headers: { host: HOST, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }), {
    signingDate: new Date(NOW), expiresIn,
    unhoistableHeaders: new Set(['x-amz-content-sha256']), unsignableHeaders: new Set(['x-amz-content-sha256']),
  });
  return path + '?' + new URLSearchParams(req.query as Record<string, string>).toString();
}

const signed = (method: string, path: string, headers: Record<string, string>, extra: { secret?: string; accessKey?: string;
  query?: Record<string, string> } = {}) => signHeaders({ method, host: HOST, path, headers, date: new Date(NOW), ...extra });

describe('SigV4 header auth', () => {
  it.each([
    ['/', {}],
    ['/bucket/key%20with%20space%2Bplus', {}],
    ['/bucket/%E2%9C%93/%D0%BF', { 'list-type': '2', prefix: 'a b/c+d', 'continuation-token': 'x=y&z' }],
    ['/bucket', { notification: '' }],
  ])('accepts %s %o', async (path, query) => {
    const headers = await signed('GET', path, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-meta-a': '  two  spaces ' }, { query });
    const qs = new URLSearchParams(query).toString();
    const result = await authenticate(fakeReq('GET', headers), ctx(qs ? `${path}?${qs}` : path));
    expect(result).toMatchObject({ accessKey: KEYS.accessKey, payloadMode: 'UNSIGNED-PAYLOAD' });
    expect(result.chain).toBeUndefined();
  });

  it('seeds a chunk chain for signed streaming', async () => {
    const headers = await signed('PUT', '/b/k', { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' });
    expect((await authenticate(fakeReq('PUT', headers), ctx('/b/k'))).chain).toBeDefined();
  });

  it.each([
    ['wrong secret', { secret: 'nope' }, 'SignatureDoesNotMatch'],
    ['unknown key', { accessKey: 'AKIAUNKNOWN' }, 'InvalidAccessKeyId'],
  ])('%s → %s', async (_n, extra, code) => {
    const headers = await signed('GET', '/b/k', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, extra);
    await expect(authenticate(fakeReq('GET', headers), ctx('/b/k'))).rejects.toMatchObject({ code });
  });

  it('rejects a changed path, method or signed header', async () => {
    const headers = await signed('GET', '/b/k', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-meta-a': '1' });
    await expect(authenticate(fakeReq('GET', headers), ctx('/b/k2'))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    await expect(authenticate(fakeReq('DELETE', headers), ctx('/b/k'))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    await expect(authenticate(fakeReq('GET', { ...headers, 'x-amz-meta-a': '2' }), ctx('/b/k'))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('checks UTF-8 header values as the bytes on the wire (node hands them over latin1-decoded)', async () => {
    const headers = await signed('PUT', '/b/k', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-meta-word': 'Hello Worldé ✓' });
    const onTheWire = Buffer.from('Hello Worldé ✓', 'utf8').toString('latin1');
    await expect(authenticate(fakeReq('PUT', { ...headers, 'x-amz-meta-word': onTheWire }), ctx('/b/k'))).resolves.toBeDefined();
  });

  it('refuses x-amz-* headers left out of SignedHeaders, listing them', async () => {
    const headers = await signed('PUT', '/b/k', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    const req = fakeReq('PUT', { ...headers, 'x-amz-meta-added': '1', 'X-Amz-Copy-Source': '/other/secret', 'user-agent': 'not x-amz' });
    await expect(authenticate(req, ctx('/b/k'))).rejects.toMatchObject({ code: 'AccessDenied', status: 403,
      message: 'There were headers present in the request which were not signed',
      extra: { HeadersNotSigned: 'x-amz-meta-added, x-amz-copy-source' } });
  });

  it('rejects no auth, v2 auth, unknown payload modes and unhashable bodies without x-amz-content-sha256', async () => {
    await expect(authenticate(fakeReq('GET', {}), ctx('/b/k'))).rejects.toMatchObject({ code: 'AccessDenied', status: 403 });
    await expect(authenticate(fakeReq('GET', { authorization: 'AWS AK:sig' }), ctx('/b/k'))).rejects.toMatchObject({ code: 'InvalidRequest' });
    const noMode = await signed('GET', '/b/k', {});
    await expect(authenticate(fakeReq('GET', noMode), ctx('/b/k'))).resolves.toMatchObject({ bufferedBody: Buffer.alloc(0) });
    const chunked = { ...noMode, 'transfer-encoding': 'chunked' };
    await expect(authenticate(fakeReq('GET', chunked), ctx('/b/k'))).rejects.toMatchObject({ code: 'InvalidRequest' });
    const bad = await signed('GET', '/b/k', { 'x-amz-content-sha256': 'nonsense' });
    await expect(authenticate(fakeReq('GET', bad), ctx('/b/k'))).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('canonical query', () => {
  it.each([
    'a=1&a=0&b&a-b=3&X-Amz-Signature=x&%E2%82%AC=*(&c=%20+&a=1',
    'uploads', 'list-type=2&prefix=a%2Fb&x=!\'()', '', 'versionId=&versioning',
  ])('matches @smithy/signature-v4 for %j', (raw) => {
    const query = parseQuery(raw);
    expect(canonicalQuery(query)).toBe(getCanonicalQuery(new HttpRequest({ query })));
  });

  it('handles a million repeats of one parameter (linear, where a quadratic parse never finishes)', () => {
    const query = parseQuery('a&'.repeat(1_000_000) + 'b=2');
    expect((query.a as string[]).length).toBe(1_000_000);
    expect(canonicalQuery(query)).toBe('a=&'.repeat(1_000_000) + 'b=2');
  });
});

describe('client quirks', () => {
  it("accepts curl 7.88's signature of a bare ?notification (signed as `notification`, no `=`)", async () => {
    const amzDate = '20260101T120000Z';
    const canonical = `GET\n/b\nnotification\nhost:${HOST}\nx-amz-date:${amzDate}\n\nhost;x-amz-date\n${createHash('sha256').update('').digest('hex')}`;
    const scope = '20260101/ru-msk/s3/aws4_request';
    const sts = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', deriveKey(KEYS.secretKey, '20260101', 'ru-msk')).update(sts).digest('hex');
    const headers = { host: HOST, 'x-amz-date': amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=${KEYS.accessKey}/${scope}, SignedHeaders=host;x-amz-date, Signature=${signature}` };
    await expect(authenticate(fakeReq('GET', headers), ctx('/b?notification'))).resolves.toMatchObject({ accessKey: KEYS.accessKey });
    await expect(authenticate(fakeReq('GET', headers), ctx('/b?versioning'))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });
});

describe('presigned URLs', () => {
  it('accepts a fresh URL, also with extra query parameters', async () => {
    expect(await authenticate(fakeReq('GET', { host: HOST }), ctx(await presign('/b/k%20x', 60)))).toMatchObject({ payloadMode: 'UNSIGNED-PAYLOAD' });
    const url = await presign('/b/k', 60, { 'response-content-type': 'text/plain; a=b' });
    await expect(authenticate(fakeReq('GET', { host: HOST }), ctx(url))).resolves.toBeDefined();
  });

  it('rejects an expired URL with AccessDenied "Request has expired"', async () => {
    const url = await presign('/b/k', 60);
    await expect(authenticate(fakeReq('GET', { host: HOST }), ctx(url, NOW + 60_000))).resolves.toBeDefined();
    await expect(authenticate(fakeReq('GET', { host: HOST }), ctx(url, NOW + 61_000)))
      .rejects.toMatchObject({ code: 'AccessDenied', message: 'Request has expired' });
  });

  it('rejects a tampered URL, a wrong secret and a wrong host', async () => {
    const url = await presign('/b/k', 60);
    await expect(authenticate(fakeReq('GET', { host: HOST }), ctx(url.replace('/b/k', '/b/other')))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    await expect(authenticate(fakeReq('GET', { host: HOST }), ctx(await presign('/b/k', 60, {}, 'bad'))))
      .rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    await expect(authenticate(fakeReq('GET', { host: 'evil:1' }), ctx(url))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    await expect(authenticate(fakeReq('GET', { host: HOST }), ctx(url.replace('X-Amz-Expires=60', 'X-Amz-Expires=6000'))))
      .rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('refuses a URL dated more than 15 minutes ahead of the server clock with "Request is not valid yet"', async () => {
    const url = await presign('/b/k', 3600);
    await expect(authenticate(fakeReq('GET', { host: HOST }), ctx(url, NOW - 15 * 60_000))).resolves.toBeDefined();
    await expect(authenticate(fakeReq('GET', { host: HOST }), ctx(url, NOW - 15 * 60_000 - 1000)))
      .rejects.toMatchObject({ code: 'AccessDenied', status: 403, message: 'Request is not valid yet' });
  });

  it('refuses x-amz-* headers the URL does not sign', async () => {
    const url = await presign('/b/k', 60);
    await expect(authenticate(fakeReq('PUT', { host: HOST, 'x-amz-copy-source': '/other/secret' }), ctx(url)))
      .rejects.toMatchObject({ code: 'AccessDenied', message: 'There were headers present in the request which were not signed',
        extra: { HeadersNotSigned: 'x-amz-copy-source' } });
  });

  it.each(['604801', '-1', '1.5', 'soon'])('rejects a lifetime of %s seconds with 403, as AWS does', async (expires) => {
    const url = (await presign('/b/k', 60)).replace('X-Amz-Expires=60', `X-Amz-Expires=${expires}`);
    await expect(authenticate(fakeReq('GET', { host: HOST }), ctx(url)))
      .rejects.toMatchObject({ code: 'AuthorizationQueryParametersError', status: 403, message: expect.stringContaining('604800 seconds') });
  });

  it('accepts the full week (604800 seconds)', async () => {
    const url = await presign('/b/k', 604800);
    expect(url).toContain('X-Amz-Expires=604800');
    await expect(authenticate(fakeReq('GET', { host: HOST }), ctx(url))).resolves.toMatchObject({ accessKey: KEYS.accessKey });
  });
});
