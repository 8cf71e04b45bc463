// S3 object operations through the real @aws-sdk/client-s3 (default settings) against a real core:
// sizes byte-exact with ETags, multipart via lib-storage, copy, ranges, conditionals, deletes, presigned URLs, keys.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand, CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, DeleteObjectsCommand,
  GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListBucketsCommand, PutObjectCommand, S3ServiceException,
  GetBucketLocationCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
const B = 'objects';
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

async function getBytes(key: string, extra: Record<string, unknown> = {}): Promise<Buffer> {
  const r = await core.s3.send(new GetObjectCommand({ Bucket: B, Key: key, ...extra }));
  return Buffer.from(await (r.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

async function s3Error(p: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try { await p; } catch (err) {
    if (err instanceof S3ServiceException) return { name: err.name, status: err.$metadata.httpStatusCode };
    throw err;
  }
  throw new Error('expected an S3 error');
}

beforeAll(async () => {
  core = await startTestCore();
  await core.s3.send(new CreateBucketCommand({ Bucket: B }));
});
afterAll(async () => { await core.stop(); });

describe('buckets', () => {
  test('list, head, location, bad name, duplicate, missing, non-empty delete', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'second-bucket' }));
    const list = await core.s3.send(new ListBucketsCommand({}));
    expect(list.Buckets?.map((b) => b.Name)).toEqual(['objects', 'second-bucket']);
    await core.s3.send(new HeadBucketCommand({ Bucket: 'second-bucket' }));
    expect((await core.s3.send(new GetBucketLocationCommand({ Bucket: B }))).LocationConstraint).toBe('ru-msk');
    expect(await s3Error(core.s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })))).toEqual({ name: 'InvalidBucketName', status: 400 });
    expect(await s3Error(core.s3.send(new CreateBucketCommand({ Bucket: B })))).toEqual({ name: 'BucketAlreadyOwnedByYou', status: 409 });
    expect(await s3Error(core.s3.send(new PutObjectCommand({ Bucket: 'nope-bucket', Key: 'k', Body: 'x' })))).toEqual({ name: 'NoSuchBucket', status: 404 });
    expect((await s3Error(core.s3.send(new HeadBucketCommand({ Bucket: 'nope-bucket' })))).status).toBe(404);
    await core.s3.send(new PutObjectCommand({ Bucket: 'second-bucket', Key: 'k', Body: 'x' }));
    expect(await s3Error(core.s3.send(new DeleteBucketCommand({ Bucket: 'second-bucket' })))).toEqual({ name: 'BucketNotEmpty', status: 409 });
    await core.s3.send(new DeleteObjectCommand({ Bucket: 'second-bucket', Key: 'k' }));
    await core.s3.send(new DeleteBucketCommand({ Bucket: 'second-bucket' }));
    expect((await core.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['objects']);
  });
});

describe('objects', () => {
  test.each([0, 1, 5 * 1024 * 1024])('PutObject/GetObject %i bytes byte-exact with MD5 ETag', async (size) => {
    const data = randomBytes(size);
    const key = `size/${size}`;
    const put = await core.s3.send(new PutObjectCommand({ Bucket: B, Key: key, Body: data }));
    expect(put.ETag).toBe(`"${md5(data)}"`);
    const got = await getBytes(key);
    expect(got.equals(data)).toBe(true);
    const head = await core.s3.send(new HeadObjectCommand({ Bucket: B, Key: key }));
    expect(head.ContentLength).toBe(size);
    expect(head.ETag).toBe(`"${md5(data)}"`);
  });

  test('50 MiB multipart upload through lib-storage: bytes and ETag md5-of-md5s-N', async () => {
    const partSize = 8 * 1024 * 1024;
    const data = randomBytes(50 * 1024 * 1024);
    const upload = new Upload({ client: core.s3, params: { Bucket: B, Key: 'big/file.bin', Body: data }, partSize, queueSize: 4 });
    const done = await upload.done();
    const parts: Buffer[] = [];
    for (let i = 0; i < data.length; i += partSize) parts.push(createHash('md5').update(data.subarray(i, i + partSize)).digest());
    const expected = `"${md5(Buffer.concat(parts))}-${parts.length}"`;
    expect(done.ETag).toBe(expected);
    const got = await getBytes('big/file.bin');
    expect(got.length).toBe(data.length);
    expect(got.equals(data)).toBe(true);
    expect((await core.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'big/file.bin' }))).ETag).toBe(expected);
  });

  test('a stream body (aws-chunked with trailing CRC32) is stored byte-exact without the transfer encoding', async () => {
    const data = randomBytes(300 * 1024);
    await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'streamed', Body: Readable.from([data.subarray(0, 1000), data.subarray(1000)]), ContentLength: data.length }));
    const head = await core.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'streamed', ChecksumMode: 'ENABLED' }));
    expect(head.ContentEncoding).toBeUndefined();
    expect(head.ChecksumCRC32).toBeTruthy();
    expect((await getBytes('streamed')).equals(data)).toBe(true);
  });

  test('metadata and content headers round-trip; checksums stored and returned', async () => {
    await core.s3.send(new PutObjectCommand({
      Bucket: B, Key: 'meta.txt', Body: 'meta body', ContentType: 'text/plain; charset=utf-8', ContentDisposition: 'attachment',
      CacheControl: 'max-age=60', ContentLanguage: 'ru', Metadata: { colour: 'blue', 'two-words': 'a b' }, ChecksumAlgorithm: 'SHA256',
    }));
    const head = await core.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'meta.txt', ChecksumMode: 'ENABLED' }));
    expect(head.ContentType).toBe('text/plain; charset=utf-8');
    expect(head.ContentDisposition).toBe('attachment');
    expect(head.CacheControl).toBe('max-age=60');
    expect(head.ContentLanguage).toBe('ru');
    expect(head.Metadata).toEqual({ colour: 'blue', 'two-words': 'a b' });
    expect(head.ChecksumSHA256).toBe(createHash('sha256').update('meta body').digest('base64'));
  });

  test('conditional writes: If-None-Match * and If-Match', async () => {
    const first = await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'cond-put', Body: 'v1', IfNoneMatch: '*' }));
    expect((await s3Error(core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'cond-put', Body: 'v2', IfNoneMatch: '*' })))).status).toBe(412);
    expect((await s3Error(core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'cond-put', Body: 'v2', IfMatch: '"0"' })))).status).toBe(412);
    await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'cond-put', Body: 'v3', IfMatch: first.ETag }));
    expect((await getBytes('cond-put')).toString()).toBe('v3');
  });

  test('Content-MD5 mismatch → BadDigest and nothing stored', async () => {
    const err = await s3Error(core.s3.send(new PutObjectCommand({
      Bucket: B, Key: 'bad-md5', Body: 'abc', ContentMD5: createHash('md5').update('xyz').digest('base64'),
    })));
    expect(err).toEqual({ name: 'BadDigest', status: 400 });
    expect((await s3Error(core.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'bad-md5' })))).status).toBe(404);
  });

  test('keys with spaces, unicode, +, %, ../ are stored exactly and never become paths', async () => {
    const keys = ['with space.txt', 'юникод/файл ✓.txt', 'a+b=c.txt', '100% sure', '../../escape', 'dir/../x', '/leading', 'q?x=1&y#z'];
    for (const key of keys) await core.s3.send(new PutObjectCommand({ Bucket: B, Key: key, Body: `body of ${key}` }));
    for (const key of keys) expect((await getBytes(key)).toString()).toBe(`body of ${key}`);
    const top = readdirSync(core.dir).sort();
    expect(top.every((n) => ['buckethooks.sqlite', 'buckethooks.sqlite-wal', 'objects', 'tmp', 'ui-token', 'sns-signing-key.pem', 'sns-signing-cert.pem'].includes(n))).toBe(true);
    for (const sub of readdirSync(join(core.dir, 'objects'))) expect(sub).toMatch(/^[0-9a-f]{2}$/);
  });
});

describe('reads', () => {
  const data = Buffer.from('0123456789abcdefghij');
  beforeAll(async () => { await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'range.txt', Body: data })); });

  test('ranges: first-last, open-ended, suffix, unsatisfiable', async () => {
    const r = await core.s3.send(new GetObjectCommand({ Bucket: B, Key: 'range.txt', Range: 'bytes=2-5' }));
    expect(r.$metadata.httpStatusCode).toBe(206);
    expect(r.ContentRange).toBe('bytes 2-5/20');
    expect(await r.Body?.transformToString()).toBe('2345');
    expect((await getBytes('range.txt', { Range: 'bytes=15-' })).toString()).toBe('fghij');
    expect((await getBytes('range.txt', { Range: 'bytes=-3' })).toString()).toBe('hij');
    expect((await getBytes('range.txt', { Range: 'bytes=18-100' })).toString()).toBe('ij');
    expect(await s3Error(core.s3.send(new GetObjectCommand({ Bucket: B, Key: 'range.txt', Range: 'bytes=20-' })))).toEqual({ name: 'InvalidRange', status: 416 });
  });

  test('conditionals: If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since', async () => {
    const etag = `"${md5(data)}"`;
    expect((await getBytes('range.txt', { IfMatch: etag })).toString()).toBe(data.toString());
    expect((await s3Error(core.s3.send(new GetObjectCommand({ Bucket: B, Key: 'range.txt', IfMatch: '"nope"' })))).status).toBe(412);
    expect((await s3Error(core.s3.send(new GetObjectCommand({ Bucket: B, Key: 'range.txt', IfNoneMatch: etag })))).status).toBe(304);
    const past = new Date(Date.now() - 3600_000);
    const future = new Date(Date.now() + 3600_000);
    expect((await s3Error(core.s3.send(new GetObjectCommand({ Bucket: B, Key: 'range.txt', IfModifiedSince: future })))).status).toBe(304);
    expect((await getBytes('range.txt', { IfModifiedSince: past })).length).toBe(20);
    expect((await s3Error(core.s3.send(new GetObjectCommand({ Bucket: B, Key: 'range.txt', IfUnmodifiedSince: past })))).status).toBe(412);
    expect((await getBytes('range.txt', { IfMatch: etag, IfUnmodifiedSince: past })).length).toBe(20);
  });

  test('response-* overrides and missing key', async () => {
    const r = await core.s3.send(new GetObjectCommand({ Bucket: B, Key: 'range.txt', ResponseContentType: 'x/y', ResponseContentDisposition: 'inline; filename="r"' }));
    expect(r.ContentType).toBe('x/y');
    expect(r.ContentDisposition).toBe('inline; filename="r"');
    await r.Body?.transformToString();
    expect(await s3Error(core.s3.send(new GetObjectCommand({ Bucket: B, Key: 'no/such/key' })))).toEqual({ name: 'NoSuchKey', status: 404 });
  });
});

describe('copy and delete', () => {
  test('CopyObject COPY keeps metadata, REPLACE replaces, self-copy needs REPLACE, conditionals', async () => {
    await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'src key+%.txt', Body: 'copy me', ContentType: 'text/x-src', Metadata: { m: '1' } }));
    const copy = await core.s3.send(new CopyObjectCommand({ Bucket: B, Key: 'dst.txt', CopySource: `${B}/${encodeURIComponent('src key+%.txt')}` }));
    expect(copy.CopyObjectResult?.ETag).toBe(`"${md5(Buffer.from('copy me'))}"`);
    const head = await core.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'dst.txt' }));
    expect(head.ContentType).toBe('text/x-src');
    expect(head.Metadata).toEqual({ m: '1' });
    await core.s3.send(new CopyObjectCommand({ Bucket: B, Key: 'dst.txt', CopySource: `${B}/dst.txt`, MetadataDirective: 'REPLACE', ContentType: 'text/new', Metadata: { n: '2' } }));
    const head2 = await core.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'dst.txt' }));
    expect(head2.ContentType).toBe('text/new');
    expect(head2.Metadata).toEqual({ n: '2' });
    expect((await getBytes('dst.txt')).toString()).toBe('copy me');
    expect(await s3Error(core.s3.send(new CopyObjectCommand({ Bucket: B, Key: 'dst.txt', CopySource: `${B}/dst.txt` })))).toEqual({ name: 'InvalidRequest', status: 400 });
    expect((await s3Error(core.s3.send(new CopyObjectCommand({ Bucket: B, Key: 'd2', CopySource: `${B}/dst.txt`, CopySourceIfMatch: '"x"' })))).status).toBe(412);
    expect((await s3Error(core.s3.send(new CopyObjectCommand({ Bucket: B, Key: 'd2', CopySource: `${B}/missing` })))).name).toBe('NoSuchKey');
  });

  test('DeleteObject (missing key still 204) and DeleteObjects with Quiet and per-key results', async () => {
    for (const k of ['del/1', 'del/2', 'del/3']) await core.s3.send(new PutObjectCommand({ Bucket: B, Key: k, Body: k }));
    const r = await core.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'del/none' }));
    expect(r.$metadata.httpStatusCode).toBe(204);
    await core.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'del/1' }));
    expect((await s3Error(core.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'del/1' })))).status).toBe(404);
    const multi = await core.s3.send(new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'del/2' }, { Key: 'del/missing' }] } }));
    expect(multi.Deleted?.map((d) => d.Key).sort()).toEqual(['del/2', 'del/missing']);
    const quiet = await core.s3.send(new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'del/3' }], Quiet: true } }));
    expect(quiet.Deleted ?? []).toEqual([]);
    expect((await s3Error(core.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'del/3' })))).status).toBe(404);
  });
});

test('presigned GET and PUT', async () => {
  const putUrl = await getSignedUrl(core.s3, new PutObjectCommand({ Bucket: B, Key: 'presigned/x y.txt' }), { expiresIn: 300 });
  const put = await fetch(putUrl, { method: 'PUT', body: 'via presigned' });
  expect(put.status).toBe(200);
  const getUrl = await getSignedUrl(core.s3, new GetObjectCommand({ Bucket: B, Key: 'presigned/x y.txt' }), { expiresIn: 300 });
  const get = await fetch(getUrl);
  expect(get.status).toBe(200);
  expect(await get.text()).toBe('via presigned');
});
