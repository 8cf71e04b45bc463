// The WAL barrier on real SQLite, counting its fdatasync calls: callers whose commits a running sync covers share
// it (a turn's group acknowledges after one sync), a commit made while a sync runs gets one of its own, and
// nothing written means no sync.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from '../../src-main/core/db/open';
import { createWalSync, type WalSync } from '../../src-main/core/db/wal-sync';
import { tempDir } from '../helpers/temp-dir';

const syncs = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const fdatasync = (fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => { syncs.count++; fs.fdatasync(fd, callback); };
  return { ...fs, fdatasync, default: { ...fs, fdatasync } };
});

let dir: string;
let db: Db;
let wal: WalSync;
const insert = (v: number) => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);

beforeEach(() => {
  dir = tempDir('bh-wal-sync-');
  db = openDb(join(dir, 'buckethooks.sqlite'));
  db.exec('CREATE TABLE t (v INTEGER)');
  wal = createWalSync(db);
  syncs.count = 0;
});
afterEach(() => { wal.close(); db.close(); rmSync(dir, { recursive: true, force: true }); });

describe('createWalSync', () => {
  test('every caller of one commit shares one sync', async () => {
    insert(1);
    await Promise.all(Array.from({ length: 16 }, () => wal.durable()));
    expect(syncs.count).toBe(1);
  });

  test('a commit made while a sync runs gets a sync of its own, shared by its callers', async () => {
    insert(1);
    const first = [wal.durable(), wal.durable()];
    insert(2);
    const later = [wal.durable(), wal.durable()];
    await Promise.all([...first, ...later]);
    expect(syncs.count).toBe(2);
  });

  test('nothing written since the last sync: no sync at all', async () => {
    insert(1);
    await wal.durable();
    await wal.durable();
    await Promise.all([wal.durable(), wal.durable()]);
    expect(syncs.count).toBe(1);
  });
});
