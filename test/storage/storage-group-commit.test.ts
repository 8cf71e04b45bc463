// Group commit and the block-reserving sequencer on real SQLite: writes queued in one turn commit together,
// a failing one rolls back alone, callers settle only after commit, sequencer values never repeat across restarts.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readdirSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from '../../src-main/core/db/open';
import { GroupCommit } from '../../src-main/core/db/group-commit';
import { Sequencer } from '../../src-main/core/storage/sequencer';
import { tempDir } from '../helpers/temp-dir';

let dir: string;
let db: Db;
const file = () => join(dir, 'buckethooks.sqlite');

beforeEach(() => {
  dir = tempDir('bh-group-');
  db = openDb(file());
  db.exec('CREATE TABLE t (v TEXT PRIMARY KEY)');
});
afterEach(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

describe('GroupCommit', () => {
  test('bodies of one turn share a transaction; a throwing body rolls back alone; settled after commit', async () => {
    const group = new GroupCommit(db);
    const insert = db.prepare<[string]>('INSERT INTO t (v) VALUES (?)');
    const seen: number[] = [];
    const settledOutside: boolean[] = [];
    const run = (fn: () => string) => group.run(fn).finally(() => { settledOutside.push(!db.inTransaction); });
    const body = (v: string, fail = false) => () => {
      expect(db.inTransaction).toBe(true);
      insert.run(v);
      seen.push((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n);
      if (fail) throw new Error(`fail ${v}`);
      return v;
    };
    const results = await Promise.allSettled([run(body('a')), run(body('b', true)), run(body('c'))]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'fail b', 'c']);
    // b's row was visible inside its savepoint, then undone before c ran: all three ran in one transaction.
    expect(seen).toEqual([1, 2, 2]);
    expect(settledOutside).toEqual([true, true, true]);
    expect(db.prepare('SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 'a' }, { v: 'c' }]);
  });

  test('a lone body commits on its own and its error reaches its caller', async () => {
    const group = new GroupCommit(db);
    await expect(group.run(() => { db.prepare("INSERT INTO t (v) VALUES ('x')").run(); throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await group.run(() => db.prepare("INSERT INTO t (v) VALUES ('y')").run().changes)).toBe(1);
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 'y' }]);
  });

  test("a group's savepoints keep their undo pages in memory: no temp file, however much the group rewrites", async () => {
    // Each body rewrites every row of a 200-page table inside its savepoint; SQLite's statement journal holds the
    // old pages, and past 64 KiB it would spill to a (deleted) temp file and pay a write syscall per page.
    db.exec('CREATE TABLE big (id INTEGER PRIMARY KEY, v BLOB)');
    const fill = db.prepare('INSERT INTO big (v) VALUES (zeroblob(4000))');
    db.transaction(() => { for (let i = 0; i < 200; i++) fill.run(); })();
    const group = new GroupCommit(db);
    const rewrite = db.prepare('UPDATE big SET v = randomblob(4000)');
    const openFiles = () => readdirSync('/proc/self/fd').map((fd) => { try { return readlinkSync(`/proc/self/fd/${fd}`); } catch { return ''; } });
    const before = new Set(openFiles());
    const during = await Promise.all(Array.from({ length: 3 }, () => group.run(() => { rewrite.run(); return openFiles().filter((f) => !before.has(f)); })));
    expect(during.flat()).toEqual([]);
  });
});

describe('Sequencer', () => {
  test('values grow strictly, also after a rolled-back reservation and across a reopen', () => {
    let seq = new Sequencer(db);
    const committed: number[] = [];
    const take = db.transaction(() => seq.take());
    committed.push(take(), take());
    // A transaction that reserves a fresh block and aborts: the row reverts; the next block must start above.
    seq.rolledBack();
    expect(() => db.transaction(() => { seq.take(); throw new Error('abort'); })()).toThrow('abort');
    seq.rolledBack();
    committed.push(take(), take());
    db.close();
    db = openDb(file());
    seq = new Sequencer(db);
    committed.push(db.transaction(() => seq.take())());
    for (let i = 1; i < committed.length; i++) expect(committed[i]).toBeGreaterThan(committed[i - 1]);
  });

  test('one row update per block of values', () => {
    const seq = new Sequencer(db);
    const row = () => (db.prepare('SELECT value FROM sequencer').get() as { value: number }).value;
    const first = db.transaction(() => seq.take())();
    const reserved = row();
    for (let i = 0; i < 100; i++) db.transaction(() => seq.take())();
    expect(row()).toBe(reserved);
    expect(reserved).toBeGreaterThanOrEqual(first + 100);
  });
});
