// The hot-path caches of storage (bucket lookups, latest versions, small-file bytes) on real SQLite in a temp dir:
// every write, delete, rollback and bucket change is seen by the next read; small reads come back whole.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openDb, type Db } from '../../src-main/core/db/open';
import { createWalSync } from '../../src-main/core/db/wal-sync';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { createStorage, type Storage } from '../../src-main/core/storage/create-storage';
import { tempDir } from '../helpers/temp-dir';

const ctx = { requestId: 'req', hostId: 'host', sourceIp: '127.0.0.1', principalId: 'AK' };
let dir: string;
let db: Db;
let storage: Storage;
let failNext = false;

const put = (key: string, body: Buffer | string) => storage.putObject({
  bucket: 'bkt', key, source: Readable.from([Buffer.from(body)]), meta: {}, algorithms: [],
  eventName: 's3:ObjectCreated:Put', ctx,
});

/** What a GET would send: the latest version's bytes through readObjectBody (buffered or streamed). */
async function body(key: string, start?: number, end?: number): Promise<string | undefined> {
  const v = storage.getObject('bkt', key);
  if (!v || v.isDeleteMarker) return undefined;
  const out = storage.readObjectBody(v, start, end);
  if (Buffer.isBuffer(out)) return out.toString();
  const chunks: Buffer[] = [];
  for await (const c of out) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

beforeEach(() => {
  dir = tempDir('bh-cache-');
  db = openDb(join(dir, 'buckethooks.sqlite'));
  failNext = false;
  storage = createStorage({
    db, dataDir: dir, clock: new FakeClock(), logger: silentLogger,
    onChange: () => { if (failNext) { failNext = false; throw new Error('listener failed'); } },
    onBucketDeleted: () => undefined, durable: createWalSync(db).durable,
  });
  storage.createBucket('bkt');
});
afterEach(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

describe('latest versions and bytes', () => {
  test('an overwrite, a delete and a re-create are each seen by the next read', async () => {
    expect(await body('k')).toBeUndefined();
    await put('k', 'one');
    expect(await body('k')).toBe('one');
    await put('k', 'two');
    expect(await body('k')).toBe('two');
    await storage.deleteObject('bkt', 'k', undefined, ctx);
    expect(storage.getObject('bkt', 'k')).toBeUndefined();
    await put('k', 'three');
    expect(await body('k')).toBe('three');
  });

  test('a rolled-back write leaves the previous version readable', async () => {
    await put('k', 'kept');
    expect(await body('k')).toBe('kept');
    failNext = true;
    await expect(put('k', 'lost')).rejects.toThrow('listener failed');
    expect(await body('k')).toBe('kept');
    expect(storage.getObject('bkt', 'k')?.size).toBe(4);
  });

  test('versioned delete markers hide the key; removing the marker shows it again', async () => {
    storage.setVersioning('bkt', 'Enabled');
    await put('k', 'v1');
    expect(await body('k')).toBe('v1');
    const marker = await storage.deleteObject('bkt', 'k', undefined, ctx);
    expect(storage.getObject('bkt', 'k')?.isDeleteMarker).toBe(true);
    await storage.deleteObject('bkt', 'k', marker.versionId, ctx);
    expect(await body('k')).toBe('v1');
  });

  test('ranges of small objects (cached or not) and large objects (streamed) are exact', async () => {
    await put('small', 'abcdefghij');
    expect(await body('small', 2, 4)).toBe('cde');
    expect(await body('small')).toBe('abcdefghij');
    expect(await body('small', 7, 9)).toBe('hij');
    const big = Buffer.alloc(200 * 1024, 'x');
    big.write('tail', big.length - 4);
    await put('big', big);
    const v = storage.getObject('bkt', 'big');
    expect(v && Buffer.isBuffer(storage.readObjectBody(v))).toBe(false);
    expect(await body('big', big.length - 4, big.length - 1)).toBe('tail');
    expect((await body('big'))?.length).toBe(big.length);
  });
});

test('bucket lookups follow create, versioning and delete', () => {
  expect(storage.bucketExists('other')).toBe(false);
  storage.createBucket('other');
  expect(storage.bucketExists('other')).toBe(true);
  expect(storage.requireBucket('other').versioning).toBe('');
  storage.setVersioning('other', 'Enabled');
  expect(storage.getBucket('other')?.versioning).toBe('Enabled');
  storage.deleteBucket('other');
  expect(storage.bucketExists('other')).toBe(false);
  expect(() => storage.requireBucket('other')).toThrow('does not exist');
});
