// The indexes behind per-key order and the log's key filter (migration 017) on real SQLite: the key-line checks read
// a partial index that holds pending rows only (an outcome drops its row from it), the key-prefix seek reads
// (bucket, key), and neither sorts.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src-main/core/db/open';
import { tempDir } from '../helpers/temp-dir';

let dir: string;
let db: Db;
const plan = (sql: string, params: unknown[] = []) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
const inLineIndex = () => db.prepare("SELECT COUNT(*) FROM deliveries INDEXED BY deliveries_line WHERE status = 'pending'").pluck().get();

beforeEach(() => {
  dir = tempDir('bh-key-lines-');
  db = openDb(join(dir, 'buckethooks.sqlite'));
  const insert = db.prepare(`INSERT INTO deliveries (event_id, bucket, hook_id, key, event_name, sequencer, body, next_at, created_at, updated_at)
    VALUES (?, 'b', ?, ?, 's3:ObjectCreated:Put', ?, '{}', 0, 0, 0)`);
  for (let i = 0; i < 300; i++) insert.run(`e${i}`, `h${i % 3}`, `k${i % 20}`, i);
  db.exec('ANALYZE');
});
afterEach(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

describe('delivery key lines', () => {
  it('checks a key line through the partial index of pending rows', () => {
    expect(plan(`SELECT 1 FROM deliveries WHERE bucket = ? AND key = ? AND hook_id = ? AND status = 'pending' LIMIT 1`, ['b', 'k1', 'h1']))
      .toMatch(/INDEX deliveries_line/);
    expect(plan(`SELECT COUNT(*) FROM deliveries e WHERE e.bucket = ? AND e.hook_id = ? AND e.key = ? AND e.status = 'pending'
      AND (e.sequencer < ? OR (e.sequencer = ? AND e.id < ?))`, ['b', 'h1', 'k1', 10, 10, 11])).toMatch(/INDEX deliveries_line/);
  });

  it('keeps only pending rows in the line index: an outcome drops its row', () => {
    expect(inLineIndex()).toBe(300);
    db.prepare("UPDATE deliveries SET status = 'delivered' WHERE id <= 100").run();
    db.prepare("UPDATE deliveries SET status = 'failed' WHERE id > 280").run();
    expect(inLineIndex()).toBe(180);
  });

  it('seeks a key prefix of the log on (bucket, key), whatever the status', () => {
    expect(plan("SELECT id FROM deliveries WHERE bucket = ? AND key >= ? AND key < ? || char(1114111)", ['b', 'k1', 'k1']))
      .toMatch(/INDEX deliveries_key \(bucket=\? AND key>\? AND key<\?\)/);
  });
});
