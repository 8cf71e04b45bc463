// The delivery log's record of events forwarded by `listen`: one delivery per remote event (origin 'listen', named by
// remote profile, remote bucket and listen hook), one attempt per time the remote sent it (its retries carry the same
// webhook-id, or the same body), each with the local receiver's answer. Finished at once: the remote does the retrying.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import type { EventHub } from './events';
import { outcomeColumns, type AttemptOutcome } from './outcome';
import type { Store } from './store';
import { toSummary } from './rows';
import type { DeliverySummary } from './types';

/** One event the relay forwarded, and what the local receiver answered. */
export interface ForwardedEvent {
  profile: string;
  bucket: string;
  hookId: string;
  key: string;
  eventName: string;
  /** The body as received from the remote. */
  body: string;
  /** Where it was forwarded, with the headers as received. */
  url: string;
  headers: Record<string, string>;
  outcome: AttemptOutcome;
}

/** Where and how a forwarded delivery is sent again (a replay repeats the request as received). */
export interface ForwardTarget { url: string; headers: Record<string, string> }

/** The event id of a forwarded event: its `webhook-id` header, else a digest of its body (a retry sends the same). */
export function forwardedEventId(headers: Record<string, string>, body: string): string {
  return headers['webhook-id'] ?? `fwd-${createHash('sha256').update(body).digest('hex').slice(0, 32)}`;
}

/** Prepare the statements on `db`; new attempts go through `store` and are announced on `hub`. */
export function createForwardedLog(db: Db, store: Store, hub: EventHub) {
  const existing = db.prepare(`SELECT id FROM deliveries WHERE event_id = ? AND +bucket = ? AND +hook_id = ? AND origin = 'listen'
    ORDER BY id DESC LIMIT 1`).pluck();
  const insert = db.prepare(`INSERT INTO deliveries (event_id, bucket, hook_id, key, event_name, sequencer, body, status,
      attempts, next_at, created_at, updated_at, origin, remote_profile, forward)
    VALUES (@eventId, @bucket, @hookId, @key, @eventName, 0, @body, 'failed', 0, @now, @now, @now, 'listen', @profile, @forward)`);
  const target = db.prepare(`SELECT forward FROM deliveries WHERE id = ? AND origin = 'listen'`).pluck();

  return {
    /** Record one forwarded request (a new delivery, or one more attempt of the same event); returns its row. */
    record(e: ForwardedEvent, now: number): DeliverySummary {
      const eventId = forwardedEventId(e.headers, e.body);
      const o = outcomeColumns(e.outcome);
      const result = store.transaction(() => {
        const id = (existing.get(eventId, e.bucket, e.hookId) as number | undefined)
          ?? Number(insert.run({ ...e, eventId, now, forward: JSON.stringify({ url: e.url, headers: e.headers }) }).lastInsertRowid);
        return store.record({
          deliveryId: id, trigger: 'forward', url: e.url, requestHeaders: e.headers, requestBody: null,
          responseStatus: o.status, responseHeaders: o.headers, responseBody: o.body, errorClass: o.errorClass,
          errorMessage: o.errorMessage, durationMs: o.durationMs, startedAt: o.startedAt, now,
          scheduled: false, ok: o.ok, status: 'delivered', nextAt: now, autoAttempts: 0,
        });
      });
      if (!result) throw new Error('forwarded delivery vanished while recording it');
      const delivery = toSummary(result.row);
      hub.emit({ type: 'delivery.attempted', deliveryId: delivery.id, attempt: result.attempt, trigger: 'forward', ok: o.ok, status: o.status, errorClass: o.errorClass,
        bucket: e.bucket, hookId: e.hookId, startedAt: o.startedAt, durationMs: o.durationMs, errorMessage: o.errorMessage, remoteProfile: e.profile });
      hub.emit({ type: 'delivery.finished', delivery });
      return delivery;
    },
    /** The request a forwarded delivery repeats, or undefined for any other delivery. */
    target(id: number): ForwardTarget | undefined {
      const raw = target.get(id) as string | null | undefined;
      return raw ? (JSON.parse(raw) as ForwardTarget) : undefined;
    },
  };
}

export type ForwardedLog = ReturnType<typeof createForwardedLog>;
