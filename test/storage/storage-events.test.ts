// The operations on real storage (SQLite in a temp dir), called with S3Requests as the protocol layer builds
// them: which ObjectChange each operation commits (Put, Post, Copy, CompleteMultipartUpload, Delete per key),
// and that failed operations commit nothing.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { openDb, type Db } from '../../src-main/core/db/open';
import { createWalSync } from '../../src-main/core/db/wal-sync';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { DEFAULTS, type CoreConfig } from '../../src-main/core/kernel/config';
import type { ObjectChange } from '../../src-main/core/model/object-change';
import { createStorage } from '../../src-main/core/storage/create-storage';
import { createObjectOperations } from '../../src-main/core/s3/ops';
import type { OperationName, OperationTable, S3Request, S3Response } from '../../src-main/core/s3/types';
import { tempDir } from '../helpers/temp-dir';

let dir: string;
let db: Db;
let ops: OperationTable;
let changes: ObjectChange[];

beforeEach(() => {
  dir = tempDir('bh-events-');
  db = openDb(join(dir, 'buckethooks.sqlite'));
  changes = [];
  const clock = new FakeClock();
  const storage = createStorage({ db, dataDir: dir, clock, logger: silentLogger, onChange: (c) => { changes.push(c); }, onBucketDeleted: () => undefined, durable: createWalSync(db).durable });
  const config: CoreConfig = { ...DEFAULTS, port: 0, dataDir: dir, accessKey: 'AK', secretKey: 'SK', ownerId: 'owner', confirmMode: 'off' };
  ops = createObjectOperations({ storage, config, clock });
});
afterEach(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

let n = 0;
function call(name: OperationName, init: { bucket?: string; key?: string; query?: string; headers?: Record<string, string>; body?: string; trailers?: Record<string, string> }): Promise<S3Response> {
  const req: S3Request = {
    method: 'X', bucket: init.bucket, key: init.key, query: new URLSearchParams(init.query ?? ''), headers: init.headers ?? {},
    body: Readable.from(init.body === undefined ? [] : [Buffer.from(init.body)]), trailers: init.trailers ?? {},
    requestId: `req-${++n}`, hostId: 'host', sourceIp: '10.0.0.1', accessKey: 'AK',
  };
  return (ops[name] as NonNullable<OperationTable[OperationName]>)(req);
}

test('each operation commits its own event with request details', async () => {
  await call('CreateBucket', { bucket: 'bkt' });
  await call('PutObject', { bucket: 'bkt', key: 'a', body: 'AAA' });
  await call('PostObject', { bucket: 'bkt', key: 'p', body: 'form', headers: { 'content-type': 'text/plain', success_action_status: '201' } });
  await call('CopyObject', { bucket: 'bkt', key: 'c', headers: { 'x-amz-copy-source': '/bkt/a' } });
  const init = await call('CreateMultipartUpload', { bucket: 'bkt', key: 'm' });
  const uploadId = /<UploadId>(.*)<\/UploadId>/.exec(String(init.body))![1];
  const part = await call('UploadPart', { bucket: 'bkt', key: 'm', query: `partNumber=1&uploadId=${uploadId}`, body: 'part' });
  await call('CompleteMultipartUpload', { bucket: 'bkt', key: 'm', query: `uploadId=${uploadId}`,
    body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${part.headers!.etag}</ETag></Part></CompleteMultipartUpload>` });
  const del = await call('DeleteObjects', { bucket: 'bkt', body: '<Delete><Object><Key>a</Key></Object><Object><Key>p</Key></Object><Object><Key>none</Key></Object></Delete>' });
  expect(String(del.body)).toContain('<Deleted><Key>none</Key></Deleted>');
  expect(changes.map((c) => [c.eventName, c.key])).toEqual([
    ['s3:ObjectCreated:Put', 'a'], ['s3:ObjectCreated:Post', 'p'], ['s3:ObjectCreated:Copy', 'c'],
    ['s3:ObjectCreated:CompleteMultipartUpload', 'm'], ['s3:ObjectRemoved:Delete', 'a'], ['s3:ObjectRemoved:Delete', 'p'],
  ]);
  const md5 = createHash('md5').update(createHash('md5').update('part').digest()).digest('hex');
  expect(changes[3].etag).toBe(`${md5}-1`);
  expect(changes[0]).toMatchObject({ size: 3, requestId: 'req-2', sourceIp: '10.0.0.1', principalId: 'AK', hostId: 'host' });
  const seqs = changes.map((c) => c.sequencer);
  expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
});

test('failed operations commit nothing: BadDigest, checksum mismatch, missing copy source', async () => {
  await call('CreateBucket', { bucket: 'bkt' });
  await expect(call('PutObject', { bucket: 'bkt', key: 'x', body: 'abc', headers: { 'content-md5': createHash('md5').update('zzz').digest('base64') } }))
    .rejects.toMatchObject({ code: 'BadDigest' });
  await expect(call('PutObject', { bucket: 'bkt', key: 'x', body: 'abc', headers: { 'x-amz-checksum-sha256': createHash('sha256').update('zzz').digest('base64') } }))
    .rejects.toMatchObject({ code: 'BadDigest' });
  await expect(call('CopyObject', { bucket: 'bkt', key: 'y', headers: { 'x-amz-copy-source': 'bkt/missing' } })).rejects.toMatchObject({ code: 'NoSuchKey' });
  await expect(call('PutObject', { bucket: 'bkt', key: 'k'.repeat(1025), body: 'x' })).rejects.toMatchObject({ code: 'KeyTooLongError' });
  expect(changes).toEqual([]);
});

test('a trailing checksum is verified and stored', async () => {
  await call('CreateBucket', { bucket: 'bkt' });
  const sha = createHash('sha1').update('trailed').digest('base64');
  const req = { bucket: 'bkt', key: 't', body: 'trailed', headers: { 'x-amz-trailer': 'x-amz-checksum-sha1' } };
  const put = await call('PutObject', req);
  expect(put.headers!['x-amz-checksum-sha1']).toBe(sha);
  const head = await call('HeadObject', { bucket: 'bkt', key: 't', headers: { 'x-amz-checksum-mode': 'ENABLED' } });
  expect(head.headers!['x-amz-checksum-sha1']).toBe(sha);
  await expect(call('PutObject', { ...req, key: 'bad', trailers: { 'x-amz-checksum-sha1': createHash('sha1').update('other').digest('base64') } }))
    .rejects.toMatchObject({ code: 'BadDigest' });
  expect(changes.map((c) => c.key)).toEqual(['t']);
});
