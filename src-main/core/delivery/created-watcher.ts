// Emits 'delivery.created' for rows the engine has not seen yet (rows are written by notifications/
// inside object transactions, so the engine learns of them by id). Idle when nobody listens for them.
import type { Db } from '../db/open';
import type { EventHub } from './events';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './rows';

const BATCH = 500;

/** Returns `poll()`: emit created events for rows above the last seen id (call on every engine pass). */
export function createCreatedWatcher(db: Db, hub: EventHub) {
  const maxId = db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM deliveries');
  const newer = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id > ? ORDER BY id LIMIT ${BATCH}`);
  let lastSeen: number | null = null;
  return {
    poll(): void {
      if (!hub.active('delivery.created')) {
        lastSeen = null;
        return;
      }
      if (lastSeen === null) {
        lastSeen = (maxId.get() as { id: number }).id;
        return;
      }
      const rows = newer.all(lastSeen) as SummaryRow[];
      for (const row of rows) {
        lastSeen = row.id;
        hub.emit({ type: 'delivery.created', delivery: toSummary(row) });
      }
    },
  };
}
