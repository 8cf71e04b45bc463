// Small bodies inline in SQLite beside large ones in files, on real SQLite in a temp dir: which kind a write
// becomes, reads and ranges, overwrites and versions across kinds, copies, multipart, listing, the orphan
// sweep, and a data dir from before inline bodies (migrated without loss).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { openDb, type Db } from '../../src-main/core/db/open';
import { createWalSync } from '../../src-main/core/db/wal-sync';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { createStorage, type Storage } from '../../src-main/core/storage/create-storage';
import type { ObjectVersion } from '../../src-main/core/storage/types';
import type { CompletePartList } from '../../src-main/core/storage/multipart';
import { MIGRATIONS } from '../../src-main/core/db/migrations';
import { inlineBodiesSchema } from '../../src-main/core/db/migrations/008-inline-bodies';
import { tempDir } from '../helpers/temp-dir';

const LIMIT = 1024;
const ctx = { requestId: 'req', hostId: 'host', sourceIp: '127.0.0.1', principalId: 'AK' };
let dir: string;
let db: Db;
let storage: Storage;

function open(inlineLimit = LIMIT): void {
  db = openDb(join(dir, 'buckethooks.sqlite'));
  storage = createStorage({
    db, dataDir: dir, clock: new FakeClock(), logger: silentLogger, onChange: () => undefined,
    onBucketDeleted: () => undefined, durable: createWalSync(db).durable, inlineLimit,
  });
}
const bytes = (n: number, fill = 7) => Buffer.alloc(n, fill);
const put = (key: string, body: Buffer | (() => Readable), bucket = 'bkt') => storage.putObject({
  bucket, key, source: Buffer.isBuffer(body) ? Readable.from([body]) : [body], meta: {}, algorithms: ['CRC32'],
  eventName: 's3:ObjectCreated:Put', ctx,
});
async function readAll(v: ObjectVersion, start?: number, end?: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of storage.readObject(v, start, end)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
const files = () => readdirSync(join(dir, 'objects')).flatMap((d) => readdirSync(join(dir, 'objects', d)));
const inlineRows = () => db.prepare('SELECT count(*) FROM object_bodies').pluck().get() as number;

beforeEach(() => {
  dir = tempDir('bh-inline-');
  open();
  storage.createBucket('bkt');
});
afterEach(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

describe('kind of a write', () => {
  test('up to the limit a body lives in its row; one byte more is a file; both read back whole and by range', async () => {
    const small = await put('small', bytes(LIMIT, 1));
    const large = await put('large', bytes(LIMIT + 1, 2));
    const empty = await put('empty', bytes(0));
    expect([small.file, empty.file]).toEqual([null, null]);
    expect(large.file).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(files()).toHaveLength(1);
    expect(inlineRows()).toBe(2);
    expect(await readAll(storage.getObject('bkt', 'small')!)).toEqual(bytes(LIMIT, 1));
    expect(await readAll(storage.getObject('bkt', 'large')!)).toEqual(bytes(LIMIT + 1, 2));
    const v = storage.getObject('bkt', 'small')!;
    expect(storage.readObjectBody(v, 10, 19)).toEqual(bytes(10, 1));
    expect(await readAll(v, LIMIT - 2, LIMIT - 1)).toEqual(bytes(2, 1));
    expect(small.etag).toBe(createHash('md5').update(bytes(LIMIT, 1)).digest('hex'));
  });

  test('overwrites across kinds drop what they replace (row body or file)', async () => {
    await put('k', bytes(10));
    await put('k', bytes(LIMIT * 2));
    expect([inlineRows(), files().length]).toEqual([0, 1]);
    await put('k', bytes(20, 3));
    expect([inlineRows(), files().length]).toEqual([1, 0]);
    expect(await readAll(storage.getObject('bkt', 'k')!)).toEqual(bytes(20, 3));
  });

  test('versions of both kinds: each version keeps its bytes; deleting a version drops only its body', async () => {
    storage.setVersioning('bkt', 'Enabled');
    const v1 = await put('k', bytes(5, 1));
    const v2 = await put('k', bytes(LIMIT + 5, 2));
    const v3 = await put('k', bytes(6, 3));
    const marker = await storage.deleteObject('bkt', 'k', undefined, ctx);
    expect(marker.deleteMarker).toBe(true);
    expect([inlineRows(), files().length]).toEqual([2, 1]);
    expect(await readAll(storage.getObject('bkt', 'k', v1.versionId)!)).toEqual(bytes(5, 1));
    expect(await readAll(storage.getObject('bkt', 'k', v2.versionId)!)).toEqual(bytes(LIMIT + 5, 2));
    await storage.deleteObject('bkt', 'k', v3.versionId, ctx);
    await storage.deleteObject('bkt', 'k', v2.versionId, ctx);
    expect([inlineRows(), files().length]).toEqual([1, 0]);
    expect(await readAll(storage.getObject('bkt', 'k', v1.versionId)!)).toEqual(bytes(5, 1));
  });

  test('a copy reads either kind and is stored by its own size', async () => {
    const small = await put('small', bytes(100, 4));
    const large = await put('large', bytes(LIMIT * 3, 5));
    const copiedSmall = await put('copy-of-small', () => storage.readObject(small));
    const copiedLarge = await put('copy-of-large', () => storage.readObject(large));
    expect([copiedSmall.file, copiedSmall.etag]).toEqual([null, small.etag]);
    expect(copiedLarge.file).not.toBeNull();
    expect(copiedLarge.etag).toBe(large.etag);
    const part = await put('range-of-large', () => storage.readObject(large, 0, 99));
    expect(part.file).toBeNull();
  });

  test('listing shows both kinds alike', async () => {
    await put('a', bytes(1));
    await put('b', bytes(LIMIT + 1));
    const page = storage.listObjects({ bucket: 'bkt', maxKeys: 10 });
    expect(page.items.map((i) => [i.key, i.size])).toEqual([['a', 1], ['b', LIMIT + 1]]);
  });
});

describe('multipart', () => {
  const upload = async (sizes: number[]) => {
    const u = storage.multipart.create('bkt', 'mp', {});
    const list: { partNumber: number; etag: string }[] = [];
    for (const [i, size] of sizes.entries()) {
      const blob = await storage.writeBlob(Readable.from([bytes(size, i + 1)]), []);
      const part = storage.multipart.savePart(u, i + 1, blob, blob.checksums);
      list.push({ partNumber: part.partNumber, etag: part.etag });
    }
    const [first, ...rest] = list;
    const parts: CompletePartList = [first, ...rest];
    return { u, list: parts };
  };

  test('parts are files; a small completed object is inline, a large one a file; part files go', async () => {
    const { u, list } = await upload([10]);
    expect(files()).toHaveLength(1);
    const small = await storage.multipart.complete(u, list, ctx);
    expect(small.file).toBeNull();
    expect(small.etag).toMatch(/-1$/);
    expect(files()).toHaveLength(0);
    expect(await readAll(small)).toEqual(bytes(10, 1));
    const big = await upload([5 * 1024 * 1024, 10]);
    const large = await storage.multipart.complete(big.u, big.list, ctx);
    expect(large.file).not.toBeNull();
    expect(files()).toEqual([large.file!.split('/')[1]]);
    expect((await readAll(large)).subarray(5 * 1024 * 1024)).toEqual(bytes(10, 2));
  });
});

test('the startup sweep keeps referenced files and leaves inline rows alone', async () => {
  await put('small', bytes(3));
  await put('large', bytes(LIMIT + 3));
  db.close();
  open();
  expect([inlineRows(), files().length]).toEqual([1, 1]);
  expect(await readAll(storage.getObject('bkt', 'small')!)).toEqual(bytes(3));
});

test('a data dir from before inline bodies migrates without loss: its files stay, new small writes go inline', async () => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
  dir = tempDir('bh-inline-');
  // What an older version left: the schema before inline bodies and objects as files (written here by hand).
  const old = new Database(join(dir, 'buckethooks.sqlite'));
  old.pragma('journal_mode = WAL');
  for (const sql of MIGRATIONS.slice(0, MIGRATIONS.indexOf(inlineBodiesSchema))) old.exec(sql);
  old.pragma(`user_version = ${MIGRATIONS.indexOf(inlineBodiesSchema)}`);
  old.prepare("INSERT INTO buckets (name, created_at) VALUES ('bkt', 0)").run();
  mkdirSync(join(dir, 'objects', 'ab'), { recursive: true });
  for (const [key, file, body] of [['old-small', 'ab/ab01', bytes(8, 9)], ['old-large', 'ab/ab02', bytes(LIMIT * 2, 8)]] as const) {
    writeFileSync(join(dir, 'objects', file), body);
    old.prepare(`INSERT INTO objects (bucket, key, version_id, is_latest, size, etag, file, last_modified, sequencer)
      VALUES ('bkt', ?, 'null', 1, ?, ?, ?, 0, ?)`).run(key, body.length, createHash('md5').update(body).digest('hex'), file, body[0]);
  }
  old.close();
  open();
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  expect(await readAll(storage.getObject('bkt', 'old-small')!)).toEqual(bytes(8, 9));
  expect(await readAll(storage.getObject('bkt', 'old-large')!)).toEqual(bytes(LIMIT * 2, 8));
  expect(files()).toHaveLength(2);
  const fresh = await put('new-small', bytes(8, 1));
  expect(fresh.file).toBeNull();
  await put('old-small', bytes(4, 2));
  expect(files()).toEqual(['ab02']);
});

