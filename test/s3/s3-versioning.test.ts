// Versioning and multipart edge cases through the real SDK: version ids, delete markers, version listing,
// deleting a version; UploadPartCopy, ListParts, ListMultipartUploads, Abort, part validation errors.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand,
  DeleteObjectCommand, DeleteObjectsCommand, GetBucketVersioningCommand, GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand,
  ListObjectVersionsCommand, ListObjectsV2Command, ListPartsCommand, PutBucketVersioningCommand, PutObjectCommand,
  S3ServiceException, UploadPartCommand, UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { startTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
const B = 'versions';

async function text(key: string, VersionId?: string): Promise<string> {
  const r = await core.s3.send(new GetObjectCommand({ Bucket: B, Key: key, VersionId }));
  return (await r.Body?.transformToString()) ?? '';
}

async function errorName(p: Promise<unknown>): Promise<string> {
  try { await p; } catch (err) { if (err instanceof S3ServiceException) return err.name; throw err; }
  throw new Error('expected an S3 error');
}

beforeAll(async () => {
  core = await startTestCore();
  await core.s3.send(new CreateBucketCommand({ Bucket: B }));
});
afterAll(async () => { await core.stop(); });

describe('versioning', () => {
  test('versions, delete markers, version listing, deleting a version restores the previous', async () => {
    expect((await core.s3.send(new GetBucketVersioningCommand({ Bucket: B }))).Status).toBeUndefined();
    await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'v.txt', Body: 'null version' }));
    await core.s3.send(new PutBucketVersioningCommand({ Bucket: B, VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await core.s3.send(new GetBucketVersioningCommand({ Bucket: B }))).Status).toBe('Enabled');
    const v1 = await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'v.txt', Body: 'one' }));
    const v2 = await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'v.txt', Body: 'two' }));
    expect(v1.VersionId).toBeTruthy();
    expect(v2.VersionId).not.toBe(v1.VersionId);
    expect(await text('v.txt')).toBe('two');
    expect(await text('v.txt', v1.VersionId)).toBe('one');
    expect(await text('v.txt', 'null')).toBe('null version');

    const del = await core.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'v.txt' }));
    expect(del.DeleteMarker).toBe(true);
    expect(await errorName(core.s3.send(new GetObjectCommand({ Bucket: B, Key: 'v.txt' })))).toBe('NoSuchKey');
    const markerGet = await core.s3.send(new GetObjectCommand({ Bucket: B, Key: 'v.txt' })).catch((e: { $response?: { headers: Record<string, string> } }) => e);
    expect((markerGet as { $response?: { headers: Record<string, string> } }).$response?.headers['x-amz-delete-marker']).toBe('true');
    expect((await core.s3.send(new ListObjectsV2Command({ Bucket: B }))).KeyCount).toBe(0);

    const listed = await core.s3.send(new ListObjectVersionsCommand({ Bucket: B }));
    expect(listed.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([[v2.VersionId, false], [v1.VersionId, false], ['null', false]]);
    expect(listed.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest])).toEqual([[del.VersionId, true]]);

    await core.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'v.txt', VersionId: del.VersionId }));
    expect(await text('v.txt')).toBe('two');
    await core.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'v.txt', VersionId: v2.VersionId }));
    expect(await text('v.txt')).toBe('one');

    const copied = await core.s3.send(new CopyObjectCommand({ Bucket: B, Key: 'copied.txt', CopySource: `${B}/v.txt?versionId=${v1.VersionId}` }));
    expect(copied.CopySourceVersionId).toBe(v1.VersionId);
    expect(await text('copied.txt')).toBe('one');
    await core.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'copied.txt', VersionId: copied.VersionId }));

    const paged = await core.s3.send(new ListObjectVersionsCommand({ Bucket: B, MaxKeys: 1 }));
    expect(paged.IsTruncated).toBe(true);
    const rest = await core.s3.send(new ListObjectVersionsCommand({ Bucket: B, KeyMarker: paged.NextKeyMarker, VersionIdMarker: paged.NextVersionIdMarker }));
    expect([...(paged.Versions ?? []), ...(rest.Versions ?? [])].map((v) => v.VersionId)).toEqual([v1.VersionId, 'null']);
  });

  test('DeleteObjects names the delete markers it creates and the ones it removes in DeleteMarkerVersionId', async () => {
    for (const Key of ['dm/a', 'dm/b']) await core.s3.send(new PutObjectCommand({ Bucket: B, Key, Body: Key }));
    const created = await core.s3.send(new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'dm/a' }, { Key: 'dm/b' }] } }));
    const markers = (created.Deleted ?? []).map((d) => ({ Key: d.Key, VersionId: d.DeleteMarkerVersionId }));
    expect(created.Deleted?.every((d) => d.DeleteMarker && d.DeleteMarkerVersionId)).toBe(true);
    const removed = await core.s3.send(new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: markers } }));
    expect(removed.Deleted?.map((d) => [d.Key, d.DeleteMarker, d.DeleteMarkerVersionId, d.VersionId]))
      .toEqual(markers.map((m) => [m.Key, true, m.VersionId, m.VersionId]));
    expect(await text('dm/a')).toBe('dm/a');
  });

  test('suspended: writes replace the null version', async () => {
    await core.s3.send(new PutBucketVersioningCommand({ Bucket: B, VersioningConfiguration: { Status: 'Suspended' } }));
    await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 's.txt', Body: 'a' }));
    await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 's.txt', Body: 'b' }));
    const listed = await core.s3.send(new ListObjectVersionsCommand({ Bucket: B, Prefix: 's.txt' }));
    expect(listed.Versions?.map((v) => v.VersionId)).toEqual(['null']);
    expect(await text('s.txt')).toBe('b');
  });
});

describe('multipart', () => {
  const MiB = 1024 * 1024;
  test('UploadPartCopy, ListParts, ListMultipartUploads, Complete', async () => {
    const source = randomBytes(6 * MiB);
    await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'mp/source', Body: source }));
    const { UploadId } = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'mp/target', ContentType: 'application/x-mp' }));
    const p1 = await core.s3.send(new UploadPartCopyCommand({ Bucket: B, Key: 'mp/target', UploadId, PartNumber: 1, CopySource: `${B}/mp/source`, CopySourceRange: `bytes=0-${5 * MiB}` }));
    const tail = Buffer.from('tail');
    const p2 = await core.s3.send(new UploadPartCommand({ Bucket: B, Key: 'mp/target', UploadId, PartNumber: 2, Body: tail }));
    const parts = await core.s3.send(new ListPartsCommand({ Bucket: B, Key: 'mp/target', UploadId }));
    expect(parts.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([[1, 5 * MiB + 1], [2, 4]]);
    const uploads = await core.s3.send(new ListMultipartUploadsCommand({ Bucket: B }));
    expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([['mp/target', UploadId]]);
    const done = await core.s3.send(new CompleteMultipartUploadCommand({ Bucket: B, Key: 'mp/target', UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.CopyPartResult?.ETag }, { PartNumber: 2, ETag: p2.ETag }] } }));
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    const got = await core.s3.send(new GetObjectCommand({ Bucket: B, Key: 'mp/target' }));
    expect(got.ContentType).toBe('application/x-mp');
    const bytes = Buffer.from(await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    expect(bytes.equals(Buffer.concat([source.subarray(0, 5 * MiB + 1), tail]))).toBe(true);
    expect((await core.s3.send(new ListMultipartUploadsCommand({ Bucket: B }))).Uploads ?? []).toEqual([]);
  });

  test('UploadPartCopy: a range past the source end → 416 InvalidRange, a malformed one → 400 InvalidArgument', async () => {
    await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'mp/five', Body: '12345' }));
    const { UploadId } = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'mp/ranged' }));
    const copy = (CopySourceRange: string) => core.s3.send(new UploadPartCopyCommand({ Bucket: B, Key: 'mp/ranged', UploadId,
      PartNumber: 1, CopySource: `${B}/mp/five`, CopySourceRange }));
    await expect(copy('bytes=0-21')).rejects.toMatchObject({ name: 'InvalidRange', $metadata: { httpStatusCode: 416 } });
    for (const bad of ['bytes=0-', 'bytes=3-1', 'x']) {
      await expect(copy(bad)).rejects.toMatchObject({ name: 'InvalidArgument', $metadata: { httpStatusCode: 400 } });
    }
    expect((await copy('bytes=1-3')).CopyPartResult?.ETag).toBe(`"${createHash('md5').update('234').digest('hex')}"`);
  });

  test('InvalidPart, InvalidPartOrder, EntityTooSmall, Abort → NoSuchUpload', async () => {
    const { UploadId } = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'mp/bad' }));
    const a = await core.s3.send(new UploadPartCommand({ Bucket: B, Key: 'mp/bad', UploadId, PartNumber: 1, Body: 'small' }));
    const b = await core.s3.send(new UploadPartCommand({ Bucket: B, Key: 'mp/bad', UploadId, PartNumber: 2, Body: 'small' }));
    const complete = (Parts: { PartNumber: number; ETag?: string }[]) =>
      core.s3.send(new CompleteMultipartUploadCommand({ Bucket: B, Key: 'mp/bad', UploadId, MultipartUpload: { Parts } }));
    expect(await errorName(complete([{ PartNumber: 1, ETag: '"0000"' }]))).toBe('InvalidPart');
    expect(await errorName(complete([{ PartNumber: 2, ETag: b.ETag }, { PartNumber: 1, ETag: a.ETag }]))).toBe('InvalidPartOrder');
    expect(await errorName(complete([{ PartNumber: 1, ETag: a.ETag }, { PartNumber: 2, ETag: b.ETag }]))).toBe('EntityTooSmall');
    await core.s3.send(new AbortMultipartUploadCommand({ Bucket: B, Key: 'mp/bad', UploadId }));
    expect(await errorName(complete([{ PartNumber: 1, ETag: a.ETag }]))).toBe('NoSuchUpload');
    expect(await errorName(core.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'mp/bad' })))).toBe('NotFound');
  });
});
