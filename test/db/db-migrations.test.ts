// Schema migrations on real SQLite files: a database made before hooks_version moved to its own migration (006)
// upgrades without losing a row and ends with the same schema as a fresh one; a database at 015 (flavour and auth)
// takes 016 (hook health) keeping its hooks' extras; one at 017 takes 018 (compact traces) reading back the same
// verdicts; the stamp moves on every hooks write.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src-main/core/db/open';
import { MIGRATIONS } from '../../src-main/core/db/migrations';
import { hookHealthSchema } from '../../src-main/core/db/migrations/016-hook-health';
import { compactTracesSchema } from '../../src-main/core/db/migrations/018-compact-traces';
import { createTraceStore } from '../../src-main/core/notifications/trace-store';
import { tempDir } from '../helpers/temp-dir';

/** What 003-delivery created before 006 took hooks_version over (databases in the field have exactly this). */
const HOOKS_VERSION_IN_003 = `
CREATE TABLE hooks_version (v INTEGER NOT NULL);
INSERT INTO hooks_version (v) VALUES (0);
CREATE TRIGGER hooks_version_insert AFTER INSERT ON hooks BEGIN UPDATE hooks_version SET v = random(); END;
CREATE TRIGGER hooks_version_update AFTER UPDATE ON hooks BEGIN UPDATE hooks_version SET v = random(); END;
CREATE TRIGGER hooks_version_delete AFTER DELETE ON hooks BEGIN UPDATE hooks_version SET v = random(); END;
`;

const dirs: string[] = [];
const dbFile = () => { const d = tempDir('bh-migrate-'); dirs.push(d); return join(d, 'buckethooks.sqlite'); };
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A database at user_version 5 as the released migrations 001–005 left it, with a hook and a delivery. */
function databaseBefore006(file: string): void {
  const db = new Database(file);
  db.exec(MIGRATIONS.slice(0, 3).join('\n'));
  db.exec(HOOKS_VERSION_IN_003);
  db.exec(MIGRATIONS.slice(3, 5).join('\n'));
  db.pragma('user_version = 5');
  db.prepare("INSERT INTO hooks (bucket, id, position, dialect, url, events, created_at, updated_at) VALUES ('b', 'h', 0, 'vk', 'http://x', '[]', 1, 1)").run();
  db.prepare("INSERT INTO deliveries (event_id, bucket, hook_id, key, event_name, sequencer, body, next_at, created_at, updated_at) VALUES ('e', 'b', 'h', 'k', 's3:ObjectCreated:Put', 1, '{}', 0, 0, 0)").run();
  db.close();
}

const schema = (db: Db) => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
const stamp = (db: Db) => db.prepare('SELECT v FROM hooks_version').pluck().get();

describe('migrations', () => {
  it('upgrades a database made before 006 without losing a row, to the schema of a fresh one', () => {
    const file = dbFile();
    databaseBefore006(file);
    const upgraded = openDb(file);
    const fresh = openDb(dbFile());
    try {
      expect(upgraded.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(upgraded.prepare('SELECT bucket, id, url FROM hooks').all()).toEqual([{ bucket: 'b', id: 'h', url: 'http://x' }]);
      expect(upgraded.prepare('SELECT event_id, status FROM deliveries').all()).toEqual([{ event_id: 'e', status: 'pending' }]);
      expect(upgraded.prepare('SELECT COUNT(*) FROM hooks_version').pluck().get()).toBe(1);
      expect(schema(upgraded)).toEqual(schema(fresh));
    } finally {
      upgraded.close();
      fresh.close();
    }
  });

  it('applies 016 (hook health) to a database at 015 without touching its hooks\' flavour and auth', () => {
    const file = dbFile();
    const at = MIGRATIONS.indexOf(hookHealthSchema);
    expect(at).toBe(15);
    const old = new Database(file);
    old.exec(MIGRATIONS.slice(0, at).join('\n'));
    old.pragma(`user_version = ${at}`);
    old.prepare(`INSERT INTO hooks (bucket, id, position, dialect, url, events, state, flavour, auth, created_at, updated_at)
      VALUES ('b', 'h', 0, 'vk', 'http://x', '[]', 'paused', 'sns', 'sealed', 1, 1)`).run();
    old.close();
    const upgraded = openDb(file);
    const fresh = openDb(dbFile());
    try {
      expect(upgraded.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(upgraded.prepare('SELECT state, flavour, auth, state_reason, health_policy FROM hooks').all())
        .toEqual([{ state: 'paused', flavour: 'sns', auth: 'sealed', state_reason: null, health_policy: null }]);
      expect(upgraded.prepare('SELECT COUNT(*) FROM hook_minutes').pluck().get()).toBe(0);
      expect(schema(upgraded)).toEqual(schema(fresh));
    } finally {
      upgraded.close();
      fresh.close();
    }
  });

  it('applies 018 (compact traces) to a database at 017: every verdict reads back the same, in hook order', () => {
    const file = dbFile();
    const at = MIGRATIONS.indexOf(compactTracesSchema);
    expect(at).toBe(17);
    const verdicts = [
      { id: 'z-last-in-order', outcome: 'fired' },
      { id: 'a', outcome: 'skipped', why: 'prefix', detail: 'img/' },
      { id: 'm', outcome: 'held', why: 'paused' },
      { id: 'u', outcome: 'fired', why: 'unconfirmed', detail: 'the handshake failed' },
    ];
    const old = new Database(file);
    old.exec(MIGRATIONS.slice(0, at).join('\n'));
    old.pragma(`user_version = ${at}`);
    const trace = old.prepare(`INSERT INTO match_traces (bucket, key, event_name, version_id, size, etag, sequencer, at, verdicts)
      VALUES ('b', ?, 's3:ObjectCreated:Put', NULL, 1, '"e"', 1, 1, ?)`);
    trace.run('k', JSON.stringify(verdicts));
    trace.run('none', '[]');
    old.close();
    const upgraded = openDb(file);
    const fresh = openDb(dbFile());
    try {
      const traces = createTraceStore(upgraded, { maxAgeMs: Infinity, maxRows: 10 });
      expect(traces.ofKey('b', 'k', 10).map((t) => t.verdicts)).toEqual([verdicts]);
      expect(traces.ofKey('b', 'none', 10).map((t) => t.verdicts)).toEqual([[]]);
      expect(upgraded.prepare("SELECT verdicts FROM match_traces WHERE key = 'k'").pluck().get())
        .toBe('[["z-last-in-order","fired"],["a","skipped","prefix","img/"],["m","held","paused"],["u","fired","unconfirmed","the handshake failed"]]');
      expect(schema(upgraded)).toEqual(schema(fresh));
    } finally {
      upgraded.close();
      fresh.close();
    }
  });

  it('moves the hooks_version stamp on every insert, update and delete of a hook', () => {
    const db = openDb(dbFile());
    try {
      const seen = [stamp(db)];
      db.prepare("INSERT INTO hooks (bucket, id, position, dialect, url, events, created_at, updated_at) VALUES ('b', 'h', 0, 'vk', 'http://x', '[]', 1, 1)").run();
      seen.push(stamp(db));
      db.prepare("UPDATE hooks SET state = 'paused'").run();
      seen.push(stamp(db));
      db.prepare('DELETE FROM hooks').run();
      seen.push(stamp(db));
      expect(new Set(seen).size).toBe(4);
    } finally {
      db.close();
    }
  });
});
