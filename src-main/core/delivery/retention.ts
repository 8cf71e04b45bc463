// Retention: delivered deliveries (and their attempts) finished more than `retentionMs` ago are deleted
// in small batches; pending and failed ones are never pruned.
import type { Db } from '../db/open';
import { firstIdAtOrAfter } from './queries';

const BATCH = 2000;

/** Build the pruner; `prune(now)` deletes everything due and resolves with how many deliveries went. */
export function createRetention(db: Db, retentionMs: number) {
  // Rows created after the cutoff cannot have finished before it: the id bound keeps the scan short.
  const due = db.prepare(`SELECT id FROM deliveries WHERE status = 'delivered' AND id < @below AND next_at < @cutoff
    ORDER BY id LIMIT ${BATCH}`);
  const dropAttempts = db.prepare('DELETE FROM delivery_attempts WHERE delivery_id = ?');
  const dropDelivery = db.prepare('DELETE FROM deliveries WHERE id = ?');
  const batch = db.transaction((cutoff: number, below: number) => {
    const ids = (due.all({ cutoff, below }) as { id: number }[]).map((r) => r.id);
    for (const id of ids) {
      dropAttempts.run(id);
      dropDelivery.run(id);
    }
    return ids.length;
  });
  return {
    async prune(now: number): Promise<number> {
      const cutoff = now - retentionMs;
      let total = 0;
      for (;;) {
        if (!db.open) return total;
        const n = batch(cutoff, firstIdAtOrAfter(db, cutoff));
        total += n;
        if (n < BATCH) return total;
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
