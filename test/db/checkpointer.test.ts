// The checkpointer on real SQLite: its thread copies committed pages into the database file while the main
// connection never checkpoints, and under constant writes the WAL still starts over (it does not grow without end).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CATCH_UP_FRAMES, openDb, type Db } from '../../src-main/core/db/open';
import { startCheckpointer, type Checkpointer } from '../../src-main/core/db/checkpointer';
import { tempDir } from '../helpers/temp-dir';

const PAGE = 4096;
let file: string;
let db: Db;
let checkpointer: Checkpointer | undefined;
let errors: string[];

beforeEach(() => {
  file = join(tempDir('bh-checkpointer-'), 'buckethooks.sqlite');
  db = openDb(file);
  db.exec('CREATE TABLE t (v BLOB)');
  errors = [];
});
afterEach(async () => { await checkpointer?.stop(); checkpointer = undefined; db.close(); });

/** Commit `pages` pages of fresh rows in one transaction. */
const write = (pages: number) => db.transaction(() => {
  const insert = db.prepare('INSERT INTO t (v) VALUES (randomblob(3900))');
  for (let i = 0; i < pages; i++) insert.run();
})();

async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 20) {
    if (waited > 10_000) throw new Error('timed out');
    await sleep(20);
  }
}

test('committed pages reach the database file while the main connection never checkpoints', async () => {
  const before = statSync(file).size;
  write(400); // well under CATCH_UP_FRAMES: the main connection does not checkpoint
  await sleep(300);
  expect(statSync(file).size).toBe(before);
  checkpointer = startCheckpointer(db, (why) => errors.push(why));
  await until(() => statSync(file).size >= before + 400 * PAGE);
  expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(400);
  expect(errors).toEqual([]);
});

test('under constant writes the WAL starts over instead of growing', async () => {
  checkpointer = startCheckpointer(db, (why) => errors.push(why));
  const turns = 300;
  for (let i = 0; i < turns; i++) {
    write(50);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const walBytes = statSync(`${file}-wal`).size;
  // Never restarted, the WAL would hold every frame: 15,000 pages. Restarts from CATCH_UP_FRAMES on keep it near that
  // (a catch-up that finds the checkpointer busy is tried again at the next commit).
  expect(walBytes).toBeLessThan(2 * CATCH_UP_FRAMES * (PAGE + 24));
  expect(turns * 50 * PAGE).toBeGreaterThan(3 * CATCH_UP_FRAMES * PAGE);
  expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(turns * 50);
  expect(errors).toEqual([]);
});

test('a connection that closes stops its checkpointer first: the WAL is checkpointed and removed', async () => {
  checkpointer = startCheckpointer(db, (why) => errors.push(why));
  write(100);
  await checkpointer.stop();
  checkpointer = undefined;
  db.close();
  expect(() => statSync(`${file}-wal`)).toThrow(/ENOENT/);
  db = openDb(file);
  expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(100);
});
