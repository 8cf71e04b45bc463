// Multipart behaviours AWS clients rely on, through the SDK on a real core: a repeated complete answers like the
// first, a part re-sent while the first upload of it is in flight (last to finish wins), GetObject/HeadObject by
// partNumber, per-part checksums (BadDigest, InvalidPart, the composite `…-N` checksum) and a 10,000-part body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand, HeadObjectCommand,
  ListObjectVersionsCommand, PutBucketVersioningCommand, PutObjectCommand, UploadPartCommand, type ChecksumAlgorithm,
  type ChecksumType, type CompletedPart,
} from '@aws-sdk/client-s3';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { send, signHeaders } from './s3-protocol-helpers';

const MiB = 1024 * 1024;
let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
  await core.s3.send(new CreateBucketCommand({ Bucket: 'mpu' }));
});
afterAll(async () => { await core.stop(); });

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();
const bytesOf = async (out: { Body?: unknown }) => Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());

/** Create an upload, send `parts`, return what CompleteMultipartUpload needs. */
async function upload(Key: string, parts: Buffer[], opts: { ChecksumAlgorithm?: ChecksumAlgorithm; ChecksumType?: ChecksumType } = {}) {
  const { UploadId } = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'mpu', Key, ...opts }));
  const done: CompletedPart[] = [];
  for (const [i, Body] of parts.entries()) {
    const extra = opts.ChecksumAlgorithm === 'SHA256' ? { ChecksumSHA256: sha256(Body).toString('base64') } : {};
    const out = await core.s3.send(new UploadPartCommand({ Bucket: 'mpu', Key, UploadId, PartNumber: i + 1, Body, ...extra }));
    done.push({ PartNumber: i + 1, ETag: out.ETag, ChecksumSHA256: out.ChecksumSHA256, ChecksumCRC32: out.ChecksumCRC32 });
  }
  const complete = (Parts: CompletedPart[] = done) =>
    core.s3.send(new CompleteMultipartUploadCommand({ Bucket: 'mpu', Key, UploadId, MultipartUpload: { Parts } }));
  return { UploadId: UploadId ?? '', parts: done, complete };
}

describe('a repeated CompleteMultipartUpload', () => {
  it('answers 200 with the same ETag and version, writing nothing twice; NoSuchUpload once the object changed', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'mp-versioned' }));
    await core.s3.send(new PutBucketVersioningCommand({ Bucket: 'mp-versioned', VersioningConfiguration: { Status: 'Enabled' } }));
    const { UploadId } = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'mp-versioned', Key: 'k' }));
    const part = await core.s3.send(new UploadPartCommand({ Bucket: 'mp-versioned', Key: 'k', UploadId, PartNumber: 1, Body: 'only part' }));
    const complete = () => core.s3.send(new CompleteMultipartUploadCommand({ Bucket: 'mp-versioned', Key: 'k', UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    const first = await complete();
    const again = await complete();
    expect(again).toMatchObject({ ETag: first.ETag, VersionId: first.VersionId, Key: 'k' });
    expect((await core.s3.send(new ListObjectVersionsCommand({ Bucket: 'mp-versioned' }))).Versions).toHaveLength(1);
    await core.s3.send(new PutObjectCommand({ Bucket: 'mp-versioned', Key: 'k', Body: 'newer' }));
    expect((await complete()).VersionId).toBe(first.VersionId);
    await core.s3.send(new PutBucketVersioningCommand({ Bucket: 'mp-versioned', VersioningConfiguration: { Status: 'Suspended' } }));
    const plain = await upload('plain', [Buffer.from('p')]);
    await plain.complete();
    await core.s3.send(new PutObjectCommand({ Bucket: 'mpu', Key: 'plain', Body: 'overwritten' }));
    await expect(plain.complete()).rejects.toMatchObject({ name: 'NoSuchUpload' });
  });
});

describe('a part re-sent while its first upload is in flight', () => {
  it('keeps the upload that finished last; a complete naming both entries uses the last', async () => {
    const { UploadId } = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'mpu', Key: 'race' }));
    const a = Buffer.alloc(64 * 1024, 'A');
    const path = `/mpu/race?partNumber=1&uploadId=${encodeURIComponent(UploadId ?? '')}`;
    const headers = await signHeaders({ method: 'PUT', host: `127.0.0.1:${core.port}`, path: '/mpu/race', query: { partNumber: '1', uploadId: UploadId ?? '' },
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': String(a.length) }, accessKey: TEST_KEYS.accessKey, secret: TEST_KEYS.secretKey });
    let answered!: (etag: string) => void;
    const firstDone = new Promise<string>((resolve) => { answered = resolve; });
    const first = http.request({ host: '127.0.0.1', port: core.port, method: 'PUT', path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => answered(String(res.headers.etag)));
    });
    first.write(a.subarray(0, 1000));
    const b = await core.s3.send(new UploadPartCommand({ Bucket: 'mpu', Key: 'race', UploadId, PartNumber: 1, Body: Buffer.alloc(64 * 1024, 'B') }));
    first.end(a.subarray(1000));
    const aEtag = await firstDone;
    const complete = (Parts: CompletedPart[]) => core.s3.send(new CompleteMultipartUploadCommand({ Bucket: 'mpu', Key: 'race', UploadId, MultipartUpload: { Parts } }));
    await expect(complete([{ PartNumber: 1, ETag: b.ETag }])).rejects.toMatchObject({ name: 'InvalidPart' });
    await complete([{ PartNumber: 1, ETag: b.ETag }, { PartNumber: 1, ETag: aEtag }]);
    expect((await bytesOf(await core.s3.send(new GetObjectCommand({ Bucket: 'mpu', Key: 'race' })))).equals(a)).toBe(true);
  });
});

describe('GetObject and HeadObject by partNumber', () => {
  const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(MiB)];
  beforeAll(async () => { await (await upload('parts', parts)).complete(); });

  it('answer that part: 206, Content-Range, x-amz-mp-parts-count, the object\'s ETag', async () => {
    const whole = await core.s3.send(new HeadObjectCommand({ Bucket: 'mpu', Key: 'parts' }));
    expect(whole.PartsCount).toBeUndefined();
    const head = await core.s3.send(new HeadObjectCommand({ Bucket: 'mpu', Key: 'parts', PartNumber: 2 }));
    expect(head).toMatchObject({ PartsCount: 3, ContentLength: 5 * MiB, ContentRange: `bytes ${5 * MiB}-${10 * MiB - 1}/${11 * MiB}`, ETag: whole.ETag });
    expect(head.$metadata.httpStatusCode).toBe(206);
    const got = await core.s3.send(new GetObjectCommand({ Bucket: 'mpu', Key: 'parts', PartNumber: 3 }));
    expect(got).toMatchObject({ PartsCount: 3, ContentRange: `bytes ${10 * MiB}-${11 * MiB - 1}/${11 * MiB}` });
    expect((await bytesOf(got)).equals(parts[2])).toBe(true);
  });

  it('answers 416 InvalidPartNumber past the last part, 400 for a bad number or with a Range', async () => {
    await expect(core.s3.send(new GetObjectCommand({ Bucket: 'mpu', Key: 'parts', PartNumber: 4 })))
      .rejects.toMatchObject({ name: 'InvalidPartNumber', $metadata: { httpStatusCode: 416 } });
    await expect(core.s3.send(new GetObjectCommand({ Bucket: 'mpu', Key: 'parts', PartNumber: 1, Range: 'bytes=0-1' })))
      .rejects.toMatchObject({ name: 'InvalidRequest', $metadata: { httpStatusCode: 400 } });
    await expect(core.s3.send(new GetObjectCommand({ Bucket: 'mpu', Key: 'parts', PartNumber: 10001 })))
      .rejects.toMatchObject({ name: 'InvalidArgument' });
  });

  it('reads a non-multipart object as one part: partNumber=1 is the whole object', async () => {
    await core.s3.send(new PutObjectCommand({ Bucket: 'mpu', Key: 'single', Body: 'one piece' }));
    const got = await core.s3.send(new GetObjectCommand({ Bucket: 'mpu', Key: 'single', PartNumber: 1 }));
    expect((await bytesOf(got)).toString()).toBe('one piece');
    expect(got.PartsCount).toBeUndefined();
    await expect(core.s3.send(new HeadObjectCommand({ Bucket: 'mpu', Key: 'single', PartNumber: 2 })))
      .rejects.toMatchObject({ $metadata: { httpStatusCode: 416 } });
  });
});

describe('per-part checksums', () => {
  const parts = [randomBytes(5 * MiB), randomBytes(1000)];

  it('refuse a part whose checksum does not match with BadDigest', async () => {
    const { UploadId } = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'mpu', Key: 'bad', ChecksumAlgorithm: 'SHA256' }));
    await expect(core.s3.send(new UploadPartCommand({ Bucket: 'mpu', Key: 'bad', UploadId, PartNumber: 1, Body: parts[1],
      ChecksumSHA256: sha256(Buffer.from('other')).toString('base64') }))).rejects.toMatchObject({ name: 'BadDigest' });
  });

  it('refuse a complete listing a wrong part checksum (InvalidPart) or none (InvalidRequest)', async () => {
    const up = await upload('listed', parts, { ChecksumAlgorithm: 'SHA256' });
    await expect(up.complete([up.parts[0], { ...up.parts[1], ChecksumSHA256: sha256(Buffer.from('x')).toString('base64') }]))
      .rejects.toMatchObject({ name: 'InvalidPart' });
    await expect(up.complete(up.parts.map((p) => ({ PartNumber: p.PartNumber, ETag: p.ETag }))))
      .rejects.toMatchObject({ name: 'InvalidRequest' });
  });

  it('make the composite checksum with its -N suffix, returned by complete and by HEAD with checksum mode', async () => {
    const up = await upload('composite', parts, { ChecksumAlgorithm: 'SHA256' });
    const done = await up.complete();
    const expected = `${sha256(Buffer.concat(parts.map(sha256))).toString('base64')}-2`;
    expect(done).toMatchObject({ ChecksumSHA256: expected, ChecksumType: 'COMPOSITE' });
    const head = await core.s3.send(new HeadObjectCommand({ Bucket: 'mpu', Key: 'composite', ChecksumMode: 'ENABLED' }));
    expect(head).toMatchObject({ ChecksumSHA256: expected, ChecksumType: 'COMPOSITE' });
    const got = await core.s3.send(new GetObjectCommand({ Bucket: 'mpu', Key: 'composite', ChecksumMode: 'ENABLED' }));
    expect((await bytesOf(got)).equals(Buffer.concat(parts))).toBe(true);
    const part = await core.s3.send(new HeadObjectCommand({ Bucket: 'mpu', Key: 'composite', PartNumber: 2, ChecksumMode: 'ENABLED' }));
    expect(part.ChecksumSHA256).toBe(sha256(parts[1]).toString('base64'));
  });

  it('check the object checksum a complete sends: BadDigest (the upload stays) unless it matches', async () => {
    const up = await upload('expected', parts, { ChecksumAlgorithm: 'SHA256' });
    const expected = `${sha256(Buffer.concat(parts.map(sha256))).toString('base64')}-2`;
    const complete = (ChecksumSHA256: string) => core.s3.send(new CompleteMultipartUploadCommand({ Bucket: 'mpu', Key: 'expected',
      UploadId: up.UploadId, ChecksumSHA256, MultipartUpload: { Parts: up.parts } }));
    await expect(complete(sha256(Buffer.from('other')).toString('base64'))).rejects.toMatchObject({ name: 'BadDigest' });
    await expect(core.s3.send(new HeadObjectCommand({ Bucket: 'mpu', Key: 'expected' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    expect((await complete(expected)).ChecksumSHA256).toBe(expected);
  });

  it('make a FULL_OBJECT CRC32 over all the bytes when the upload asks for it', async () => {
    const up = await upload('full', parts, { ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' });
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat(parts)));
    expect(await up.complete()).toMatchObject({ ChecksumCRC32: crc.toString('base64'), ChecksumType: 'FULL_OBJECT' });
  });
});

describe('the CompleteMultipartUpload body limit', () => {
  it('fits 10,000 parts with every checksum element: the parts are checked, not the size refused', async () => {
    const { UploadId } = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'mpu', Key: 'many' }));
    let xml = '<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\n';
    for (let n = 1; n <= 10_000; n++) {
      xml += `  <Part>\n    <PartNumber>${n}</PartNumber>\n    <ETag>"${'0'.repeat(32)}"</ETag>\n    <ChecksumCRC32>AAAAAA==</ChecksumCRC32>\n`
        + `    <ChecksumCRC32C>AAAAAA==</ChecksumCRC32C>\n    <ChecksumSHA1>${'A'.repeat(27)}=</ChecksumSHA1>\n`
        + `    <ChecksumSHA256>${'A'.repeat(43)}=</ChecksumSHA256>\n  </Part>\n`;
    }
    const body = Buffer.from(`${xml}</CompleteMultipartUpload>`);
    const headers = await signHeaders({ method: 'POST', host: `127.0.0.1:${core.port}`, path: '/mpu/many', query: { uploadId: UploadId ?? '' },
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': String(body.length) }, accessKey: TEST_KEYS.accessKey, secret: TEST_KEYS.secretKey });
    const res = await send(core.port, 'POST', `/mpu/many?uploadId=${encodeURIComponent(UploadId ?? '')}`, headers, [body]);
    expect(body.length).toBeGreaterThan(3 * MiB);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>InvalidPart</Code>');
  });
});
