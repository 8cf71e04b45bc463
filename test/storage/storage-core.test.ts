// Storage on real SQLite in a temp dir: events inside the commit, rollback on listener failure,
// failed streams commit nothing, sequencer order, version semantics, orphan sweep, index-driven listing.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openDb, type Db } from '../../src-main/core/db/open';
import { createWalSync } from '../../src-main/core/db/wal-sync';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import type { ObjectChange } from '../../src-main/core/model/object-change';
import { createStorage, type Storage } from '../../src-main/core/storage/create-storage';
import { S3Error } from '../../src-main/core/s3/s3-error';
import { tempDir } from '../helpers/temp-dir';

const ctx = { requestId: 'req', hostId: 'host', sourceIp: '127.0.0.1', principalId: 'AK' };
let dir: string;
let db: Db;
let storage: Storage;
let changes: ObjectChange[];
let failNext: boolean;
const deletedBuckets: string[] = [];

function open(): void {
  db = openDb(join(dir, 'buckethooks.sqlite'));
  storage = createStorage({
    db, dataDir: dir, clock: new FakeClock(), logger: silentLogger,
    onChange: (c) => {
      if (failNext) { failNext = false; throw new Error('listener failed'); }
      changes.push(c);
    },
    onBucketDeleted: (b) => { deletedBuckets.push(b); }, durable: createWalSync(db).durable, inlineLimit: 0,
  });
}

const put = (key: string, body: string | Readable, bucket = 'bkt') => storage.putObject({
  bucket, key, source: typeof body === 'string' ? Readable.from([Buffer.from(body)]) : body, meta: {},
  algorithms: ['CRC32'], eventName: 's3:ObjectCreated:Put', ctx,
});
const read = async (key: string, versionId?: string) => {
  const v = storage.getObject('bkt', key, versionId);
  if (!v || v.isDeleteMarker) return undefined;
  const chunks: Buffer[] = [];
  for await (const c of storage.readObject(v)) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
};
const files = () => readdirSync(join(dir, 'objects')).flatMap((d) => readdirSync(join(dir, 'objects', d)));

beforeEach(() => {
  dir = tempDir('bh-storage-');
  changes = [];
  failNext = false;
  open();
  storage.createBucket('bkt');
});
afterEach(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

describe('writes', () => {
  test('a put commits row and event together; sequencer grows; replaced file unlinked', async () => {
    const first = await put('k', 'one');
    const second = await put('k', 'two');
    expect(await read('k')).toBe('two');
    expect(changes.map((c) => [c.eventName, c.key, c.size, c.etag, c.versionId])).toEqual([
      ['s3:ObjectCreated:Put', 'k', 3, first.etag, undefined], ['s3:ObjectCreated:Put', 'k', 3, second.etag, undefined],
    ]);
    expect(changes[1].sequencer).toBeGreaterThan(changes[0].sequencer);
    expect(files()).toEqual([(second.file as string).split('/')[1]]);
    expect(second.checksums.CRC32).toBeTruthy();
    await put('other', '12345');
    expect(storage.bucketStats('bkt')).toEqual({ objects: 2, bytes: 8 });
  });

  test('a throwing listener rolls the write back and removes the file', async () => {
    await put('k', 'old');
    failNext = true;
    await expect(put('k', 'new')).rejects.toThrow('listener failed');
    expect(await read('k')).toBe('old');
    expect(files()).toHaveLength(1);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  test('a body stream that errors commits nothing and leaves no file', async () => {
    const body = new Readable({ read() { this.push(Buffer.alloc(1024)); this.destroy(new S3Error('SignatureDoesNotMatch', 'bad chunk')); } });
    await expect(put('k', body)).rejects.toThrow('bad chunk');
    expect(storage.getObject('bkt', 'k')).toBeUndefined();
    expect(changes).toEqual([]);
    expect(files()).toEqual([]);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  test('keys are never paths', async () => {
    await put('../../../etc/evil', 'x');
    expect(readdirSync(dir).sort()).toEqual(['buckethooks.sqlite', 'buckethooks.sqlite-wal', 'objects', 'tmp']);
    expect(await read('../../../etc/evil')).toBe('x');
  });
});

describe('deletes and versions', () => {
  test('unversioned delete fires Delete once; a missing key fires nothing', async () => {
    await put('k', 'x');
    await storage.deleteObject('bkt', 'k', undefined, ctx);
    await storage.deleteObject('bkt', 'k', undefined, ctx);
    expect(changes.map((c) => c.eventName)).toEqual(['s3:ObjectCreated:Put', 's3:ObjectRemoved:Delete']);
    expect(files()).toEqual([]);
  });

  test('versioned delete creates a marker (DeleteMarkerCreated); version delete fires Delete with its id', async () => {
    storage.setVersioning('bkt', 'Enabled');
    const v1 = await put('k', 'x');
    const marker = await storage.deleteObject('bkt', 'k', undefined, ctx);
    expect(marker.deleteMarker).toBe(true);
    expect(await read('k')).toBeUndefined();
    expect(await read('k', v1.versionId)).toBe('x');
    await storage.deleteObject('bkt', 'k', marker.versionId, ctx);
    expect(await read('k')).toBe('x');
    expect(changes.map((c) => [c.eventName, c.versionId])).toEqual([
      ['s3:ObjectCreated:Put', v1.versionId], ['s3:ObjectRemoved:DeleteMarkerCreated', marker.versionId], ['s3:ObjectRemoved:Delete', marker.versionId],
    ]);
    expect(new Set(changes.map((c) => c.sequencer)).size).toBe(3);
  });

  test('bucket delete: only when empty, tells notifications', async () => {
    await put('k', 'x');
    expect(() => storage.deleteBucket('bkt')).toThrow('not empty');
    await storage.deleteObject('bkt', 'k', undefined, ctx);
    storage.deleteBucket('bkt');
    expect(deletedBuckets).toContain('bkt');
    expect(storage.bucketExists('bkt')).toBe(false);
  });
});

test('startup sweep removes temp files and unreferenced files, keeps referenced ones', async () => {
  await put('keep', 'kept bytes');
  writeFileSync(join(dir, 'tmp', 'partial-upload'), 'half');
  mkdirSync(join(dir, 'objects', 'ff'), { recursive: true });
  writeFileSync(join(dir, 'objects', 'ff', 'fforphan'), 'orphan');
  db.close();
  open();
  expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  expect(files()).toHaveLength(1);
  expect(await read('keep')).toBe('kept bytes');
});

test('listing uses the partial (bucket, key) index as a range scan', () => {
  const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM objects WHERE bucket = ? AND is_latest = 1 AND is_delete_marker = 0
    AND key >= ? ORDER BY key`).all('bkt', 'a') as { detail: string }[];
  const text = plan.map((p) => p.detail).join(' | ');
  expect(text).toContain('USING INDEX objects_live (bucket=? AND key>?)');
  expect(text).not.toContain('TEMP B-TREE');
});
