// The protocol layer driven by the real @aws-sdk/client-s3 (default settings: flexible checksums,
// aws-chunked trailers, 100-continue) and presigned URLs, against createS3Handler on a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Clock } from '../../src-main/core/kernel/clock';
import { systemClock } from '../../src-main/core/kernel/clock';
import { KEYS, startProtocolServer } from './s3-protocol-helpers';

let offset = 0;
const clock: Clock = { ...systemClock, now: () => Date.now() + offset };
let server: Awaited<ReturnType<typeof startProtocolServer>>;
let s3: S3Client;

const client = (keys = KEYS) => new S3Client({ endpoint: server.endpoint, region: 'ru-msk', forcePathStyle: true,
  credentials: { accessKeyId: keys.accessKey, secretAccessKey: keys.secretKey } });

beforeAll(async () => {
  server = await startProtocolServer(clock);
  s3 = client();
});
afterAll(async () => {
  s3.destroy();
  await server.close();
});

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

describe('S3 protocol with @aws-sdk/client-s3', () => {
  it('round-trips a buffer body (signed SHA-256 payload) and sets request ids', async () => {
    const body = randomBytes(1000);
    const put = await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'buf', Body: body }));
    expect(put.ETag).toBe(`"${md5(body)}"`);
    expect(put.$metadata.requestId).toMatch(/^[0-9A-F]{16}$/);
    expect(put.$metadata.extendedRequestId).toBeTruthy();
    const got = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'buf' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(server.objects.get('b/buf')?.headers['x-amz-checksum-crc32']).toBeTruthy();
    expect(server.objects.get('b/buf')?.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('decodes a stream body sent aws-chunked with a checksum trailer', async () => {
    const body = randomBytes(300_000);
    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'stream', Body: Readable.from([body.subarray(0, 70_000), body.subarray(70_000)]),
      ContentLength: body.length, ContentEncoding: 'gzip' }));
    const stored = server.objects.get('b/stream');
    expect(stored?.body.equals(body)).toBe(true);
    expect(stored?.headers['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    expect(stored?.trailers['x-amz-checksum-crc32']).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    expect(stored?.contentLength).toBe(body.length);
    expect(stored?.headers['content-encoding']).toBe('gzip');
  });

  it('uploads a 6 MiB body (Expect: 100-continue)', async () => {
    const body = randomBytes(6 * 1024 * 1024);
    const put = await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'big', Body: body }));
    expect(put.ETag).toBe(`"${md5(body)}"`);
    expect(server.objects.get('b/big')?.headers.expect).toBe('100-continue');
  });

  it.each(['with space', 'plus+sign', 'per%cent', '../../escape', 'юникод/✓', 'a?b#c&d=e', 'x'.repeat(1024)])('stores key %s exactly', async (key) => {
    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: key, Body: key }));
    expect(server.objects.get(`b/${key}`)?.body.toString()).toBe(key);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'b', Key: key }));
    expect(head.ContentLength).toBe(Buffer.byteLength(key));
  });

  it('answers errors as S3 XML with the standard status', async () => {
    await expect(s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'missing' }))).rejects.toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'missing' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'b' }))).rejects.toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
    await expect(s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k'.repeat(1025), Body: 'x' }))).rejects.toMatchObject({ name: 'KeyTooLongError' });
    expect((await s3.send(new ListBucketsCommand({}))).Buckets).toEqual([]);
  });

  it('rejects a wrong secret and an unknown key without calling the operation', async () => {
    const before = server.calls.length;
    const wrong = client({ accessKey: KEYS.accessKey, secretKey: 'wrong-secret' });
    await expect(wrong.send(new PutObjectCommand({ Bucket: 'b', Key: 'no', Body: 'x' })))
      .rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    const unknown = client({ accessKey: 'AKIANOBODY', secretKey: KEYS.secretKey });
    await expect(unknown.send(new GetObjectCommand({ Bucket: 'b', Key: 'buf' })))
      .rejects.toMatchObject({ name: 'InvalidAccessKeyId', $metadata: { httpStatusCode: 403 } });
    wrong.destroy();
    unknown.destroy();
    expect(server.calls.length).toBe(before);
    expect(server.objects.has('b/no')).toBe(false);
  });
});

describe('presigned URLs via fetch', () => {
  it('GET and PUT work; an expired URL is refused', async () => {
    const body = Buffer.from('presigned body');
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'pre sign+d' }), { expiresIn: 60 });
    const put = await fetch(putUrl, { method: 'PUT', body });
    expect(put.status).toBe(200);
    expect(server.objects.get('b/pre sign+d')?.body.equals(body)).toBe(true);
    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'pre sign+d' }), { expiresIn: 60 });
    const get = await fetch(getUrl);
    expect(get.status).toBe(200);
    expect(get.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    expect(Buffer.from(await get.arrayBuffer()).equals(body)).toBe(true);
    offset = 61_000;
    try {
      const expired = await fetch(getUrl);
      expect(expired.status).toBe(403);
      const xml = await expired.text();
      expect(xml).toContain('<Code>AccessDenied</Code>');
      expect(xml).toContain('<Message>Request has expired</Message>');
    } finally {
      offset = 0;
    }
  });

  it('refuses a presigned URL signed with the wrong secret', async () => {
    const wrong = client({ accessKey: KEYS.accessKey, secretKey: 'wrong' });
    const url = await getSignedUrl(wrong, new GetObjectCommand({ Bucket: 'b', Key: 'buf' }), { expiresIn: 60 });
    wrong.destroy();
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });
});
