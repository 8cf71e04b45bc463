// Writes outbox rows. Called by notifications/ inside the object change's transaction; the engine drains them.
import type { Db } from '../db/open';

/** One delivery to enqueue: an event for one hook. */
export interface OutboxEntry {
  eventId: string;
  bucket: string;
  hookId: string;
  key: string;
  eventName: string;
  sequencer: number;
  body: string;
  now: number;
}

/** Returns a function that inserts outbox rows with a prepared statement (synchronous, same connection). */
export function createOutboxWriter(db: Db): (entry: OutboxEntry) => void {
  const insert = db.prepare(`INSERT INTO deliveries
    (event_id, bucket, hook_id, key, event_name, sequencer, body, status, attempts, next_at, created_at, updated_at)
    VALUES (@eventId, @bucket, @hookId, @key, @eventName, @sequencer, @body, 'pending', 0, @now, @now, @now)`);
  return (entry) => { insert.run(entry); };
}
