// openDb on real files: one connection holds a data dir at a time (in this process too, and again once it closes),
// every file SQLite makes is owner-only, and a file system that cannot map the -shm file (LazyFS with direct I/O, as
// some FUSE and network mounts) still opens, with the WAL index in the connection's memory and no checkpointer.
import { afterAll, expect, test } from 'vitest';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, sharesWalIndex } from '../../src-main/core/db/open';
import { startCheckpointer } from '../../src-main/core/db/checkpointer';
import { lazyFsUnavailable, mountLazyFs, type LazyMount } from '../helpers/lazy-mount';
import { tempDir } from '../helpers/temp-dir';

let mount: LazyMount | undefined;
afterAll(async () => { await mount?.powerCut(); });

test('a second connection to a held database is refused with DataDirInUse; it opens once the first closes', () => {
  const file = join(tempDir('bh-open-'), 'buckethooks.sqlite');
  const first = openDb(file);
  expect(() => openDb(file)).toThrow(expect.objectContaining({ code: 'DataDirInUse' }));
  first.prepare('CREATE TABLE t (v)').run();
  first.close();
  const again = openDb(file);
  expect(again.prepare("SELECT name FROM sqlite_schema WHERE name = 't'").pluck().get()).toBe('t');
  again.close();
});

test('the WAL index is shared, and every file in the folder is owner-only', () => {
  const dir = tempDir('bh-open-');
  const db = openDb(join(dir, 'buckethooks.sqlite'));
  db.exec('CREATE TABLE t (v); INSERT INTO t VALUES (1)');
  expect(sharesWalIndex(db)).toBe(true);
  const files = readdirSync(dir).sort();
  expect(files).toEqual(['buckethooks.sqlite', 'buckethooks.sqlite-shm', 'buckethooks.sqlite-wal', 'buckethooks.sqlite.lock']);
  for (const name of files) expect([name, statSync(join(dir, name)).mode & 0o777]).toEqual([name, 0o600]);
  db.close();
});

test('a file system without shared maps keeps the WAL index in memory: data dir held, writes kept, no checkpointer', async (ctx) => {
  const unavailable = lazyFsUnavailable();
  if (unavailable) {
    process.stderr.write(`\n# NOT RUN: openDb on a mount without shared maps (FUSE LazyFS): ${unavailable}\n\n`);
    ctx.skip();
  }
  const root = tempDir('bh-open-fuse-');
  mkdirSync(join(root, 'disk'));
  mkdirSync(join(root, 'mnt'));
  mount = await mountLazyFs(join(root, 'disk'), join(root, 'mnt'), { directIo: true });
  const file = join(root, 'mnt', 'buckethooks.sqlite');
  for (const round of [1, 2]) {
    const db = openDb(file);
    expect(sharesWalIndex(db)).toBe(false);
    expect(() => openDb(file)).toThrow(expect.objectContaining({ code: 'DataDirInUse' }));
    const checkpointer = startCheckpointer(db, (why) => { throw new Error(why); });
    db.exec('CREATE TABLE IF NOT EXISTS t (v); INSERT INTO t VALUES (1)');
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(round);
    await checkpointer.stop();
    db.close();
  }
});
