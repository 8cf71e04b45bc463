// Outbox rows a caller follows by id (a backfill): written by the one outbox writer in a transaction of their own,
// with their ids returned; on cancel, those still waiting for their first attempt fail (announced like any finished
// delivery).
import type { Db } from '../db/open';
import type { EventHub } from './events';
import { createOutboxWriter } from './outbox';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './rows';

/** Prepare the statements on `db`; finished rows are announced on `hub`. */
export function createTrackedOutbox(db: Db, hub: EventHub) {
  const enqueue = db.transaction(createOutboxWriter(db));
  const fail = db.prepare(`UPDATE deliveries SET status = 'failed', next_at = @now, updated_at = @now, last_error = @reason
    WHERE id = @id AND status = 'pending' AND attempts = 0 RETURNING ${SUMMARY_COLUMNS}`);
  const cancel = db.transaction((ids: readonly number[], now: number, reason: string): SummaryRow[] =>
    ids.flatMap((id) => (fail.get({ id, now, reason }) as SummaryRow | undefined) ?? []));

  return {
    /** Insert `entries` in one transaction; returns their delivery ids in order. */
    enqueue,
    /** Fail the deliveries of `ids` that are pending and not attempted yet, with `reason`; returns their ids. */
    cancel(ids: readonly number[], now: number, reason: string): number[] {
      const rows = cancel(ids, now, reason);
      for (const row of rows) hub.emit({ type: 'delivery.finished', delivery: toSummary(row) });
      return rows.map((r) => r.id);
    },
  };
}
