// Pending deliveries per hook, read from the engine's partial index of pending rows (the queue, not the log):
// how many and how old the oldest is. Read on each view or scrape; never writes.
import type { Db } from '../db/open';

/** What waits for one hook. */
export interface PendingFigures { pending: number; oldestAgeMs: number | null }

/** Prepared reads of pending deliveries. */
export function createPending(db: Db) {
  const one = db.prepare<[string, string], { n: number; first: number | null }>(`SELECT COUNT(*) AS n, MIN(id) AS first
    FROM deliveries INDEXED BY deliveries_due WHERE bucket = ? AND hook_id = ? AND status = 'pending'`);
  const all = db.prepare<[], { bucket: string; hook_id: string; n: number; first: number }>(`SELECT bucket, hook_id, COUNT(*) AS n,
    MIN(id) AS first FROM deliveries INDEXED BY deliveries_due WHERE status = 'pending' GROUP BY bucket, hook_id`);
  const createdAt = db.prepare<[number], number>('SELECT created_at FROM deliveries WHERE id = ?').pluck();
  const age = (first: number | null, now: number): number | null => {
    const at = first === null ? undefined : createdAt.get(first);
    return at === undefined ? null : Math.max(0, now - at);
  };
  return {
    /** One hook's pending count and the age of its oldest pending delivery (the earliest enqueued). */
    of(bucket: string, hookId: string, now: number): PendingFigures {
      const r = one.get(bucket, hookId);
      return { pending: r?.n ?? 0, oldestAgeMs: r?.n ? age(r.first, now) : null };
    },
    /** Every hook with pending deliveries. */
    all: (now: number) => all.all().map((r) => ({ bucket: r.bucket, hookId: r.hook_id, pending: r.n, oldestAgeMs: age(r.first, now) })),
  };
}
