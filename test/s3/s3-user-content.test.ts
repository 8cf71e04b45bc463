// Objects never act as pages, and request bodies are judged by their bytes, against a real core through the real SDK
// and raw signed requests: GetObject/HeadObject of every browser-renderable type (and a response-content-type that
// makes one) carry `Content-Security-Policy: sandbox` and `nosniff`, media does not; a notification document that is
// not UTF-8 is 400 MalformedXML and changes nothing; DeleteObjects checks Content-MD5 over the bytes received.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { send, signHeaders } from './s3-protocol-helpers';
import { userContentHeaders } from '../../src-main/core/s3/protocol/user-content';

let core: TestCore;

beforeAll(async () => {
  core = await startTestCore();
  await core.s3.send(new CreateBucketCommand({ Bucket: 'site' }));
});
afterAll(async () => { await core?.stop(); });

const SANDBOX = { 'content-security-policy': 'sandbox', 'x-content-type-options': 'nosniff' };

describe('userContentHeaders', () => {
  it.each([
    ['text/html', true], ['text/html; charset=utf-8', true], ['TEXT/HTML', true], ['application/xhtml+xml', true],
    ['image/svg+xml', true], ['text/xml', true], ['application/xml', true], ['text/plain', true], ['application/pdf', true],
    ['application/json', true], ['text/javascript', true], ['garbage', true], ['', true], ['image/', true],
    ['image/png', false], ['image/jpeg', false], ['video/mp4', false], ['audio/mpeg', false], ['font/woff2', false],
    ['binary/octet-stream', false], ['application/octet-stream', false],
  ])('%s → sandboxed: %s', (type, sandboxed) => {
    expect(userContentHeaders(type)).toEqual(sandboxed ? SANDBOX : undefined);
  });
});

describe('objects served to a browser', () => {
  it('answers an HTML page, an SVG and a text file with the sandbox, an image without it', async () => {
    const cases: [string, string, boolean][] = [
      ['page.html', 'text/html', true], ['logo.svg', 'image/svg+xml', true], ['notes.txt', 'text/plain', true], ['cat.png', 'image/png', false],
    ];
    for (const [key, type, sandboxed] of cases) {
      await core.s3.send(new PutObjectCommand({ Bucket: 'site', Key: key, Body: '<script>parent.pwned=1</script>', ContentType: type }));
      const url = await getSignedUrl(core.s3, new GetObjectCommand({ Bucket: 'site', Key: key }), { expiresIn: 60 });
      const res = await fetch(url);
      expect(res.status, key).toBe(200);
      expect(res.headers.get('content-type'), key).toBe(type);
      expect([res.headers.get('content-security-policy'), res.headers.get('x-content-type-options')], key)
        .toEqual(sandboxed ? ['sandbox', 'nosniff'] : [null, null]);
      await res.arrayBuffer();
    }
    const head = await core.s3.send(new HeadObjectCommand({ Bucket: 'site', Key: 'page.html' }));
    expect(head.$metadata.httpStatusCode).toBe(200);
  });

  it('sandboxes an image whose presigned link asks for text/html, and keeps downloads intact', async () => {
    const url = await getSignedUrl(core.s3, new GetObjectCommand({ Bucket: 'site', Key: 'cat.png', ResponseContentType: 'text/html' }), { expiresIn: 60 });
    const res = await fetch(url);
    expect([res.headers.get('content-type'), res.headers.get('content-security-policy')]).toEqual(['text/html', 'sandbox']);
    const download = await getSignedUrl(core.s3, new GetObjectCommand({ Bucket: 'site', Key: 'page.html', ResponseContentDisposition: 'attachment' }), { expiresIn: 60 });
    const got = await fetch(download);
    expect([got.status, got.headers.get('content-disposition'), await got.text()]).toEqual([200, 'attachment', '<script>parent.pwned=1</script>']);
  });
});

/** A signed raw request of `body` to the core (UNSIGNED-PAYLOAD), with `extra` headers. */
async function raw(method: string, path: string, query: Record<string, string>, body: Buffer, extra: Record<string, string> = {}) {
  const headers = await signHeaders({ method, host: `127.0.0.1:${core.port}`, path, query,
    headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': String(body.length), ...extra },
    accessKey: TEST_KEYS.accessKey, secret: TEST_KEYS.secretKey });
  return send(core.port, method, `${path}?${new URLSearchParams(query).toString()}`, headers, [body]);
}

describe('request bodies are their bytes', () => {
  it('refuses a notification document that is not UTF-8 with 400 MalformedXML and keeps the hooks as they were', async () => {
    const before = await core.notifications.getConfigXml('site');
    const doc = Buffer.concat([
      Buffer.from('<NotificationConfiguration><TopicConfiguration><Id>caf'), Buffer.from([0xe9]),
      Buffer.from('</Id><Topic>http://127.0.0.1:1/hook</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration></NotificationConfiguration>'),
    ]);
    const res = await raw('PUT', '/site', { notification: '' }, doc);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>MalformedXML</Code>');
    expect(await core.notifications.getConfigXml('site')).toBe(before);
    const fine = await raw('PUT', '/site', { notification: '' }, Buffer.from(doc.toString('latin1'), 'utf8'));
    expect(fine.status).toBe(200);
    expect(await core.notifications.getConfigXml('site')).toContain('<Id>café</Id>');
  });

  it('checks DeleteObjects Content-MD5 over the bytes as received, also when they are not UTF-8', async () => {
    await core.s3.send(new PutObjectCommand({ Bucket: 'site', Key: 'gone.txt', Body: 'x' }));
    const body = Buffer.concat([Buffer.from('<Delete><Object><Key>gone.txt</Key></Object><!-- '), Buffer.from([0xff, 0xfe]), Buffer.from(' --></Delete>')]);
    const md5 = createHash('md5').update(body).digest('base64');
    const wrong = await raw('POST', '/site', { delete: '' }, body, { 'content-md5': createHash('md5').update('other').digest('base64') });
    expect([wrong.status, /<Code>(\w+)<\/Code>/.exec(wrong.body)?.[1]]).toEqual([400, 'BadDigest']);
    const res = await raw('POST', '/site', { delete: '' }, body, { 'content-md5': md5 });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<Deleted><Key>gone.txt</Key>');
    await expect(core.s3.send(new HeadObjectCommand({ Bucket: 'site', Key: 'gone.txt' }))).rejects.toMatchObject({ name: 'NotFound' });
  });
});
