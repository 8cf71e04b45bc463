// Test harness for delivery/inbox core tests: a temp SQLite database, hook and outbox rows written in
// SQL, and a real-time waitFor (the receiver is test/helpers/receiver.ts).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from '../../src-main/core/db/open';
import { createOutboxWriter } from '../../src-main/core/delivery/outbox';
import { systemClock } from '../../src-main/core/kernel/clock';
import type { HookDirectory } from '../../src-main/core/model/hook-directory';
import type { RealismOptions } from '../../src-main/core/realism/realism';
import { createHooksRepo } from '../../src-main/core/notifications/hooks-repo';
import { createHookDirectory } from '../../src-main/core/notifications/hook-directory';
import { tempDir } from '../helpers/temp-dir';

export interface TempDb { db: Db; dir: string; cleanup(): void }

/** A migrated database in a fresh temp folder. */
export function tempDb(): TempDb {
  const dir = tempDir('bh-delivery-');
  const db = openDb(join(dir, 'test.sqlite'));
  return { db, dir, cleanup: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export interface HookSpec {
  bucket?: string; id?: string; url: string; state?: string; secret?: string | null;
  schedule?: number[] | null; maxAgeMs?: number | null; timeoutMs?: number; concurrency?: number;
}

/** Insert a hooks row directly. */
export function insertHook(db: Db, h: HookSpec): void {
  db.prepare(`INSERT INTO hooks (bucket, id, position, dialect, url, events, state, secret, retry_schedule, max_age_ms,
      timeout_ms, concurrency, created_at, updated_at)
    VALUES (?, ?, 0, 'vk', ?, '["s3:ObjectCreated:*"]', ?, ?, ?, ?, ?, ?, 0, 0)`).run(
    h.bucket ?? 'bucket', h.id ?? 'hook', h.url, h.state ?? 'active', h.secret ?? null,
    h.schedule ? JSON.stringify(h.schedule) : null, h.maxAgeMs ?? null, h.timeoutMs ?? 10_000, h.concurrency ?? 8,
  );
}

/** The real hook directory notifications/ gives delivery, over `db` (hooks without realism options get `realism`). */
export function hookDirectory(db: Db, realism: RealismOptions | null = null): HookDirectory {
  return createHookDirectory(createHooksRepo(db), systemClock, realism);
}

let eventCounter = 0;

/** Enqueue one outbox row through the real writer; returns its event id. */
export function enqueue(db: Db, e: { bucket?: string; hookId?: string; key: string; sequencer: number; now: number; body?: string }): string {
  const eventId = `evt-${++eventCounter}-${e.key}-${e.sequencer}`;
  createOutboxWriter(db)({
    eventId, bucket: e.bucket ?? 'bucket', hookId: e.hookId ?? 'hook', key: e.key, eventName: 's3:ObjectCreated:Put',
    sequencer: e.sequencer, now: e.now,
    body: e.body ?? JSON.stringify({ Records: [{ s3: { object: { key: e.key, sequencer: e.sequencer } } }] }),
  });
  return eventId;
}

/** Poll `cond` in real time until true (or fail after `timeoutMs`). */
export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Row of a delivery by event id. */
export function deliveryRow(db: Db, eventId: string) {
  return db.prepare('SELECT * FROM deliveries WHERE event_id = ?').get(eventId) as {
    id: number; status: string; attempts: number; auto_attempts: number; next_at: number; last_status: number | null; last_error: string | null;
  };
}

/** Attempts of a delivery by event id, oldest first. */
export function attemptRows(db: Db, eventId: string) {
  return db.prepare(`SELECT a.* FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
    WHERE d.event_id = ? ORDER BY a.id`).all(eventId) as {
    attempt: number; trigger: string; url: string; request_headers: string; request_body: string | null;
    response_status: number | null; response_headers: string | null; response_body: string | null;
    error_class: string | null; error_message: string | null; duration_ms: number; started_at: number; next_at: number | null;
  }[];
}
