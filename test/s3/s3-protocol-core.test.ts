// The protocol layer in front of the real operations and storage (startTestCore): SDK defaults, presigned
// URLs, a tampered signed stream and a bad trailer leave nothing behind, a POST form upload lands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3ClientFor, startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { deriveKey, encodeChunks, seedOf, send, signHeaders } from './s3-protocol-helpers';

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
  await core.s3.send(new CreateBucketCommand({ Bucket: 'proto' }));
});
afterAll(async () => { await core.stop(); });

const keys = { accessKey: TEST_KEYS.accessKey, secret: TEST_KEYS.secretKey };

describe('protocol layer over the real core', () => {
  it('stores stream and buffer bodies with awkward keys and reads them back', async () => {
    const big = randomBytes(200_000);
    await core.s3.send(new PutObjectCommand({ Bucket: 'proto', Key: 'dir/a b+c%.bin', Body: Readable.from([big]), ContentLength: big.length }));
    await core.s3.send(new PutObjectCommand({ Bucket: 'proto', Key: '../юникод', Body: 'hello' }));
    const got = await core.s3.send(new GetObjectCommand({ Bucket: 'proto', Key: 'dir/a b+c%.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(big)).toBe(true);
    const list = await core.s3.send(new ListObjectsV2Command({ Bucket: 'proto' }));
    expect(list.Contents?.map((o) => o.Key).sort()).toEqual(['../юникод', 'dir/a b+c%.bin']);
    // A WHATWG URL (fetch) would resolve '../' in a presigned path, so presign the other key.
    const url = await getSignedUrl(core.s3, new GetObjectCommand({ Bucket: 'proto', Key: 'dir/a b+c%.bin' }), { expiresIn: 60 });
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(big)).toBe(true);
  });

  it('rejects a wrong secret with SignatureDoesNotMatch', async () => {
    const wrong = s3ClientFor(core.endpoint, { accessKey: TEST_KEYS.accessKey, secretKey: 'nope' });
    await expect(wrong.send(new HeadObjectCommand({ Bucket: 'proto', Key: '../юникод' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    wrong.destroy();
  });

  it('commits nothing for a tampered signed chunk or a bad trailing checksum', async () => {
    const host = `127.0.0.1:${core.port}`;
    const data = [randomBytes(70_000), randomBytes(1000)];
    const total = String(data[0].length + data[1].length);
    const signed = await signHeaders({ method: 'PUT', host, path: '/proto/tampered', accessKey: keys.accessKey, secret: keys.secret,
      headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': total } });
    const seed = { ...seedOf(signed) };
    seed.key = deriveKey(keys.secret, seed.scope.split('/')[0], seed.scope.split('/')[1]);
    const wire = encodeChunks(data, seed);
    wire[50_000] ^= 1;
    const res = await send(core.port, 'PUT', '/proto/tampered', { ...signed, 'transfer-encoding': 'chunked' }, [wire]);
    expect(res.status).toBe(403);
    const bad = await signHeaders({ method: 'PUT', host, path: '/proto/baddigest', accessKey: keys.accessKey, secret: keys.secret,
      headers: { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-trailer': 'x-amz-checksum-crc32',
        'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': total } });
    const res2 = await send(core.port, 'PUT', '/proto/baddigest', { ...bad, 'transfer-encoding': 'chunked' },
      [encodeChunks(data, { trailers: { 'x-amz-checksum-crc32': 'AAAAAA==' } })]);
    expect(res2.status).toBe(400);
    expect(res2.body).toContain('BadDigest');
    for (const key of ['tampered', 'baddigest']) {
      await expect(core.s3.send(new HeadObjectCommand({ Bucket: 'proto', Key: key }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    }
  });

  it('refuses a presigned PUT carrying an unsigned x-amz-copy-source instead of copying', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'secret-bucket' }));
    await core.s3.send(new PutObjectCommand({ Bucket: 'secret-bucket', Key: 'secret', Body: 'top secret' }));
    const url = await getSignedUrl(core.s3, new PutObjectCommand({ Bucket: 'proto', Key: 'granted' }), { expiresIn: 60 });
    const res = await fetch(url, { method: 'PUT', headers: { 'x-amz-copy-source': '/secret-bucket/secret' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('There were headers present in the request which were not signed');
    await expect(core.s3.send(new HeadObjectCommand({ Bucket: 'proto', Key: 'granted' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    expect((await fetch(url, { method: 'PUT', body: 'granted bytes' })).status).toBe(200);
  });

  it('does not apply x-amz-* parameters a presigned URL carries in its query (metadata, the empty body\'s CRC32)', async () => {
    const url = await getSignedUrl(core.s3, new PutObjectCommand({ Bucket: 'proto', Key: 'hoisted', Metadata: { via: 'query' } }), { expiresIn: 60 });
    expect(url).toContain('x-amz-meta-via=query');
    expect(url).toContain('x-amz-checksum-crc32=AAAAAA%3D%3D');
    expect((await fetch(url, { method: 'PUT', body: 'not empty' })).status).toBe(200);
    expect((await core.s3.send(new HeadObjectCommand({ Bucket: 'proto', Key: 'hoisted' }))).Metadata).toEqual({});
  });

  it('accepts a browser POST form upload, the object described by its form fields only', async () => {
    const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const credential = `${keys.accessKey}/${date}/ru-msk/s3/aws4_request`;
    const fields = { key: 'forms/${filename}', 'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': credential,
      'x-amz-date': `${date}T000000Z`, 'x-amz-meta-from': 'form', 'Content-Type': 'text/plain' };
    const policy = Buffer.from(JSON.stringify({ expiration: new Date(Date.now() + 60_000).toISOString(),
      conditions: [{ bucket: 'proto' }, ['starts-with', '$key', 'forms/'], ...Object.entries(fields).filter(([k]) => k !== 'key').map(([k, v]) => ({ [k]: v }))] })).toString('base64');
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('policy', policy);
    form.append('x-amz-signature', createHmac('sha256', deriveKey(keys.secret, date, 'ru-msk')).update(policy).digest('hex'));
    form.append('file', new Blob(['form bytes'], { type: 'image/png' }), 'up.txt');
    // Headers of the HTTP request itself describe the transfer, not the object: none of them may reach it.
    const res = await fetch(`${core.endpoint}/proto`, { method: 'POST', body: form,
      headers: { 'x-amz-meta-injected': 'yes', 'cache-control': 'no-store', 'content-language': 'xx', expires: 'Thu, 01 Jan 2099 00:00:00 GMT' } });
    expect(res.status).toBe(204);
    const head = await core.s3.send(new HeadObjectCommand({ Bucket: 'proto', Key: 'forms/up.txt' }));
    expect(head).toMatchObject({ ContentLength: 10, ContentType: 'text/plain' });
    expect(head.Metadata).toEqual({ from: 'form' });
    expect(head.CacheControl).toBeUndefined();
    expect(head.ContentLanguage).toBeUndefined();
    expect(head.ExpiresString).toBeUndefined();
  });
});
