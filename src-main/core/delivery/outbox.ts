// Writes outbox rows. Called by notifications/ inside the object change's transaction; the engine drains them.
// All rows of one change go in one multi-row INSERT (statements prepared once per row count); their ids come back.
import type { Db } from '../db/open';
import type { OutboxEntry } from '../model/outbox-entry';

/** Inserts one entry, or several in one statement (synchronous, same connection, caller's transaction); returns their ids. */
export type OutboxWriter = (entries: OutboxEntry | readonly OutboxEntry[]) => number[];

/** Most rows per INSERT statement (a change firing more hooks takes several). */
const MAX_ROWS = 32;

/** Returns a writer over prepared multi-row INSERTs (synchronous, same connection). */
export function createOutboxWriter(db: Db): OutboxWriter {
  const statements = new Map<number, ReturnType<Db['prepare']>>();
  const statement = (rows: number) => {
    let s = statements.get(rows);
    if (!s) {
      const values = Array.from({ length: rows }, () => `(?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)`).join(', ');
      s = db.prepare(`INSERT INTO deliveries (event_id, bucket, hook_id, key, event_name, sequencer, body, status, attempts,
        next_at, created_at, updated_at, effects, origin) VALUES ${values} RETURNING id`).pluck();
      statements.set(rows, s);
    }
    return s;
  };
  const params: unknown[] = [];
  return (entries) => {
    const list: readonly OutboxEntry[] = Array.isArray(entries) ? entries : [entries as OutboxEntry];
    const ids: number[] = [];
    for (let from = 0; from < list.length; from += MAX_ROWS) {
      const rows = Math.min(MAX_ROWS, list.length - from);
      params.length = 0;
      for (let i = from; i < from + rows; i++) {
        const e = list[i];
        params.push(e.eventId, e.bucket, e.hookId, e.key, e.eventName, e.sequencer, e.body, e.dueAt ?? e.now, e.now, e.now,
          e.effects?.length ? JSON.stringify(e.effects) : null, e.origin ?? 'change');
      }
      for (const id of statement(rows).all(params) as number[]) ids.push(id);
    }
    return ids;
  };
}
