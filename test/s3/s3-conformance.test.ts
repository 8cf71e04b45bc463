// S3 behaviours ceph's s3-tests found missing, through the real SDK: version listing that survives the page's
// versions being deleted, write answers in a Suspended bucket, CRC64NVME checksums, ListBuckets paging, re-creating
// an owned bucket, unsigned requests to a missing bucket, GetObjectAttributes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CompleteMultipartUploadCommand, CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteObjectsCommand,
  GetObjectAttributesCommand, HeadObjectCommand, ListBucketsCommand, ListObjectVersionsCommand, ListObjectsV2Command, PutBucketVersioningCommand, PutObjectCommand, S3Client,
  S3ServiceException, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { Crc64Nvme } from '../../src-main/core/storage/crc64nvme';

let core: TestCore;

async function errorOf(p: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try { await p; } catch (err) { if (err instanceof S3ServiceException) return { name: err.name, status: err.$metadata.httpStatusCode }; throw err; }
  throw new Error('expected an S3 error');
}

function crc64(data: Buffer): string {
  const c = new Crc64Nvme();
  c.update(data);
  return c.digest().toString('base64');
}

function clientIn(region: string): S3Client {
  return new S3Client({
    endpoint: core.endpoint, region, forcePathStyle: true,
    credentials: { accessKeyId: TEST_KEYS.accessKey, secretAccessKey: TEST_KEYS.secretKey },
  });
}

beforeAll(async () => { core = await startTestCore(); });
afterAll(async () => { await core.stop(); });

describe('ListObjectVersions', () => {
  test('a client that deletes each page before asking for the next one reaches the end (the marker version is gone)', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'nuke' }));
    await core.s3.send(new PutBucketVersioningCommand({ Bucket: 'nuke', VersioningConfiguration: { Status: 'Enabled' } }));
    for (let i = 0; i < 7; i++) await core.s3.send(new PutObjectCommand({ Bucket: 'nuke', Key: `k${i % 3}`, Body: String(i) }));
    let deleted = 0;
    let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
    for (let page = 0; page < 10; page++) {
      const listing = await core.s3.send(new ListObjectVersionsCommand({ Bucket: 'nuke', MaxKeys: 2, ...markers }));
      const objects = (listing.Versions ?? []).map((v) => ({ Key: v.Key, VersionId: v.VersionId }));
      if (objects.length) await core.s3.send(new DeleteObjectsCommand({ Bucket: 'nuke', Delete: { Objects: objects, Quiet: true } }));
      deleted += objects.length;
      if (!listing.IsTruncated) break;
      markers = { KeyMarker: listing.NextKeyMarker, VersionIdMarker: listing.NextVersionIdMarker };
    }
    expect(deleted).toBe(7);
    expect((await core.s3.send(new ListObjectVersionsCommand({ Bucket: 'nuke' }))).Versions).toBeUndefined();
  });

  test('a version-id-marker that is not a version id at all is still InvalidArgument', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'badmarker' }));
    const err = await errorOf(core.s3.send(new ListObjectVersionsCommand({ Bucket: 'badmarker', KeyMarker: 'a', VersionIdMarker: 'bad\tid' })));
    expect(err).toEqual({ name: 'InvalidArgument', status: 400 });
  });
});

describe('versioning Suspended', () => {
  test('writes do not announce the null version they make (PUT, copy, complete); reads name it', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'suspended' }));
    await core.s3.send(new PutBucketVersioningCommand({ Bucket: 'suspended', VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await core.s3.send(new PutObjectCommand({ Bucket: 'suspended', Key: 'k', Body: 'v1' }))).VersionId).toMatch(/^[0-9a-f]{32}$/);
    await core.s3.send(new PutBucketVersioningCommand({ Bucket: 'suspended', VersioningConfiguration: { Status: 'Suspended' } }));
    expect((await core.s3.send(new PutObjectCommand({ Bucket: 'suspended', Key: 'k', Body: 'null one' }))).VersionId).toBeUndefined();
    expect((await core.s3.send(new CopyObjectCommand({ Bucket: 'suspended', Key: 'copy', CopySource: 'suspended/k' }))).VersionId).toBeUndefined();
    const { UploadId } = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'suspended', Key: 'mp' }));
    const part = await core.s3.send(new UploadPartCommand({ Bucket: 'suspended', Key: 'mp', UploadId, PartNumber: 1, Body: 'x' }));
    const done = await core.s3.send(new CompleteMultipartUploadCommand({ Bucket: 'suspended', Key: 'mp', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    expect(done.VersionId).toBeUndefined();
    expect((await core.s3.send(new HeadObjectCommand({ Bucket: 'suspended', Key: 'k' }))).VersionId).toBe('null');
  });
});

describe('CRC64NVME', () => {
  test('a PUT is checked against it and answers it; a wrong one is 400 BadDigest and keeps the old object', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'crc64' }));
    const body = Buffer.alloc(1024, 'A');
    const put = await core.s3.send(new PutObjectCommand({ Bucket: 'crc64', Key: 'k', Body: body, ChecksumAlgorithm: 'CRC64NVME' }));
    expect(put.ChecksumCRC64NVME).toBe(crc64(body));
    const head = await core.s3.send(new HeadObjectCommand({ Bucket: 'crc64', Key: 'k', ChecksumMode: 'ENABLED' }));
    expect(head.ChecksumCRC64NVME).toBe(crc64(body));
    const wrong = core.s3.send(new PutObjectCommand({ Bucket: 'crc64', Key: 'k', Body: 'other', ChecksumCRC64NVME: crc64(body) }));
    expect(await errorOf(wrong)).toEqual({ name: 'BadDigest', status: 400 });
    expect((await core.s3.send(new HeadObjectCommand({ Bucket: 'crc64', Key: 'k' }))).ContentLength).toBe(1024);
  });

  test('a multipart upload with it gets the full-object CRC64NVME of all its bytes (its only checksum type)', async () => {
    const create = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'crc64', Key: 'mp', ChecksumAlgorithm: 'CRC64NVME' }));
    expect(create.ChecksumType).toBe('FULL_OBJECT');
    const parts = [Buffer.alloc(5 * 1024 * 1024, 'x'), Buffer.from('tail')];
    const Parts = [];
    for (const [i, Body] of parts.entries()) {
      const up = await core.s3.send(new UploadPartCommand({ Bucket: 'crc64', Key: 'mp', UploadId: create.UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'CRC64NVME' }));
      Parts.push({ PartNumber: i + 1, ETag: up.ETag, ChecksumCRC64NVME: up.ChecksumCRC64NVME });
    }
    const done = await core.s3.send(new CompleteMultipartUploadCommand({ Bucket: 'crc64', Key: 'mp', UploadId: create.UploadId, MultipartUpload: { Parts } }));
    expect([done.ChecksumType, done.ChecksumCRC64NVME]).toEqual(['FULL_OBJECT', crc64(Buffer.concat(parts))]);
    const composite = core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'crc64', Key: 'c', ChecksumAlgorithm: 'CRC64NVME', ChecksumType: 'COMPOSITE' }));
    expect(await errorOf(composite)).toEqual({ name: 'InvalidRequest', status: 400 });
  });
});

describe('ListBuckets', () => {
  test('max-buckets pages by name with a continuation token; prefix filters', async () => {
    for (const name of ['page-a', 'page-b', 'page-c', 'other-x']) await core.s3.send(new CreateBucketCommand({ Bucket: name }));
    const first = await core.s3.send(new ListBucketsCommand({ MaxBuckets: 2, Prefix: 'page-' }));
    expect(first.Buckets?.map((b) => b.Name)).toEqual(['page-a', 'page-b']);
    expect(first.Prefix).toBe('page-');
    expect(first.ContinuationToken).toBeTruthy();
    const rest = await core.s3.send(new ListBucketsCommand({ MaxBuckets: 2, Prefix: 'page-', ContinuationToken: first.ContinuationToken }));
    expect(rest.Buckets?.map((b) => b.Name)).toEqual(['page-c']);
    expect(rest.ContinuationToken).toBeUndefined();
    expect((await core.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toContain('other-x');
    expect(await errorOf(core.s3.send(new ListBucketsCommand({ MaxBuckets: 0 })))).toEqual({ name: 'InvalidArgument', status: 400 });
  });
});

describe('CreateBucket of a bucket you own', () => {
  test('signed for us-east-1 it answers 200 and keeps the objects; any other region gets 409 BucketAlreadyOwnedByYou', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'mine' }));
    await core.s3.send(new PutObjectCommand({ Bucket: 'mine', Key: 'kept', Body: 'x' }));
    const east = clientIn('us-east-1');
    expect((await east.send(new CreateBucketCommand({ Bucket: 'mine' }))).$metadata.httpStatusCode).toBe(200);
    expect((await core.s3.send(new ListObjectsV2Command({ Bucket: 'mine' }))).Contents?.map((o) => o.Key)).toEqual(['kept']);
    expect(await errorOf(core.s3.send(new CreateBucketCommand({ Bucket: 'mine' })))).toEqual({ name: 'BucketAlreadyOwnedByYou', status: 409 });
    east.destroy();
  });
});

describe('unsigned requests', () => {
  test('to a bucket that does not exist are 404 NoSuchBucket; to one that exists 403 AccessDenied', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'exists' }));
    const missing = await fetch(`${core.endpoint}/no-such-bucket/key`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<Code>NoSuchBucket</Code>');
    const present = await fetch(`${core.endpoint}/exists/key`, { method: 'DELETE' });
    expect(present.status).toBe(403);
    expect(await present.text()).toContain('<Code>AccessDenied</Code>');
  });
});

describe('GetObjectAttributes', () => {
  const ALL = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'] as const;

  test('a single-part object: ETag, size, storage class and its checksum, no ObjectParts', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'attrs' }));
    const put = await core.s3.send(new PutObjectCommand({ Bucket: 'attrs', Key: 'one', Body: 'hello', ChecksumAlgorithm: 'SHA256' }));
    const got = await core.s3.send(new GetObjectAttributesCommand({ Bucket: 'attrs', Key: 'one', ObjectAttributes: [...ALL] }));
    expect(got.ETag).toBe(put.ETag?.replaceAll('"', ''));
    expect(got.ObjectSize).toBe(5);
    expect(got.StorageClass).toBe('STANDARD');
    expect(got.Checksum?.ChecksumSHA256).toBe(put.ChecksumSHA256);
    expect(got.ObjectParts).toBeUndefined();
    expect(got.VersionId).toBeUndefined();
    const sizeOnly = await core.s3.send(new GetObjectAttributesCommand({ Bucket: 'attrs', Key: 'one', ObjectAttributes: ['ObjectSize'] }));
    expect([sizeOnly.ObjectSize, sizeOnly.ETag]).toEqual([5, undefined]);
  });

  test('a multipart object lists its parts, paged by MaxParts and PartNumberMarker', async () => {
    const { UploadId } = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'attrs', Key: 'mp' }));
    const sizes = [5 * 1024 * 1024, 5 * 1024 * 1024, 7];
    const Parts = [];
    for (const [i, size] of sizes.entries()) {
      const part = await core.s3.send(new UploadPartCommand({ Bucket: 'attrs', Key: 'mp', UploadId, PartNumber: i + 1, Body: Buffer.alloc(size, 97 + i) }));
      Parts.push({ PartNumber: i + 1, ETag: part.ETag });
    }
    await core.s3.send(new CompleteMultipartUploadCommand({ Bucket: 'attrs', Key: 'mp', UploadId, MultipartUpload: { Parts } }));
    const page = await core.s3.send(new GetObjectAttributesCommand({ Bucket: 'attrs', Key: 'mp', ObjectAttributes: [...ALL], MaxParts: 1, PartNumberMarker: '1' }));
    expect(page.ObjectSize).toBe(sizes[0] + sizes[1] + sizes[2]);
    expect(page.ObjectParts?.TotalPartsCount).toBe(3);
    expect(page.ObjectParts?.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([[2, sizes[1]]]);
    expect([page.ObjectParts?.IsTruncated, Number(page.ObjectParts?.NextPartNumberMarker)]).toEqual([true, 2]);
    const rest = await core.s3.send(new GetObjectAttributesCommand({ Bucket: 'attrs', Key: 'mp', ObjectAttributes: ['ObjectParts'], PartNumberMarker: '2' }));
    expect(rest.ObjectParts?.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([[3, 7]]);
    expect(rest.ObjectParts?.IsTruncated).toBe(false);
  });

  test('a version is named by versionId and answered with its version id; no attribute named is InvalidArgument', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'attrs-v' }));
    await core.s3.send(new PutBucketVersioningCommand({ Bucket: 'attrs-v', VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await core.s3.send(new PutObjectCommand({ Bucket: 'attrs-v', Key: 'k', Body: 'first' }));
    await core.s3.send(new PutObjectCommand({ Bucket: 'attrs-v', Key: 'k', Body: 'second!' }));
    const old = await core.s3.send(new GetObjectAttributesCommand({ Bucket: 'attrs-v', Key: 'k', VersionId: v1.VersionId, ObjectAttributes: ['ObjectSize'] }));
    expect([old.VersionId, old.ObjectSize]).toEqual([v1.VersionId, 5]);
    const res = await fetchSigned('attrs-v', 'k');
    expect(res).toEqual({ name: 'InvalidArgument', status: 400 });
  });
});

/** GetObjectAttributes without x-amz-object-attributes (the SDK always sends it, so the header is removed by middleware). */
async function fetchSigned(bucket: string, key: string): Promise<{ name: string; status?: number }> {
  const client = clientIn('ru-msk');
  client.middlewareStack.add((next) => async (args) => {
    const request = args.request as { headers: Record<string, string> };
    delete request.headers['x-amz-object-attributes'];
    return next(args);
  }, { step: 'build' });
  const err = await errorOf(client.send(new GetObjectAttributesCommand({ Bucket: bucket, Key: key, ObjectAttributes: ['ETag'] })));
  client.destroy();
  return err;
}
