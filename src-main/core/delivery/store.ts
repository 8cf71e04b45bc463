// Prepared statements of the engine over the deliveries tables: claim due heads per hook, record an attempt and
// its outcome in one short transaction, find the next due time, fail rows of removed hooks. Never reads hooks.
import type { Db } from '../db/open';
import type { AttemptRecord, DeliveryStatus } from './types';
import type { AttemptEffect } from '../realism/realism';
import { SUMMARY_COLUMNS, type SummaryRow } from './rows';

/** A claimable delivery: the head of its (bucket, hook, key) line, due now (any due row when key order may break). */
export interface DueRow {
  id: number; event_id: string; key: string; body: string; auto_attempts: number; created_at: number; sequencer: number;
  /** JSON AttemptEffect[] planned at enqueue (realism holds), or null. */
  effects: string | null;
  /** Earlier events of its key still undelivered (0 unless claimed with key order broken). */
  overtaking: number;
  origin: 'change' | 'backfill';
}

/** One attempt to append, with the outcome to apply to its delivery. */
export interface AttemptWrite extends Omit<AttemptRecord, 'id' | 'attempt' | 'requestBody' | 'nextAt' | 'effects'> {
  /** Only when it differs from the delivery's body. */
  requestBody: string | null;
  now: number;
  /** Scheduled attempts apply `status`/`nextAt` while the row is still pending; replays only ever deliver. */
  scheduled: boolean;
  ok: boolean;
  status: DeliveryStatus;
  nextAt: number;
  autoAttempts: number;
  /** Realism effects to mark on the attempt. */
  effects?: AttemptEffect[];
}

/** A hook named by bucket and id. */
type HookRef = { bucket: string; id: string };

/** Prepare the engine's statements on `db`. */
export function createStore(db: Db) {
  const earlier = `FROM deliveries e WHERE e.bucket = d.bucket AND e.hook_id = d.hook_id AND e.key = d.key
    AND e.status = 'pending' AND (e.sequencer < d.sequencer OR (e.sequencer = d.sequencer AND e.id < d.id))`;
  const columns = 'd.id, d.event_id, d.key, d.body, d.auto_attempts, d.created_at, d.sequencer, d.effects, d.origin';
  const due = "d.bucket = @bucket AND d.hook_id = @hookId AND d.status = 'pending' AND d.next_at <= @now";
  const claim = db.prepare(`SELECT ${columns}, 0 AS overtaking FROM deliveries d
    WHERE ${due} AND NOT EXISTS (SELECT 1 ${earlier}) ORDER BY d.next_at, d.id LIMIT @limit`);
  const claimUnordered = db.prepare(`SELECT ${columns}, (SELECT COUNT(*) ${earlier}) AS overtaking FROM deliveries d
    WHERE ${due} ORDER BY d.next_at, d.id LIMIT @limit`);
  const nextDue = db.prepare(`SELECT MIN(next_at) FROM deliveries WHERE bucket = ? AND hook_id = ? AND status = 'pending'
    AND next_at > ?`).pluck();
  const scheduledUpdate = db.prepare(`UPDATE deliveries SET attempts = attempts + 1, updated_at = @now,
      last_status = @responseStatus, last_error = @lastError,
      status = CASE WHEN status = 'pending' THEN @status ELSE status END,
      auto_attempts = CASE WHEN status = 'pending' THEN @autoAttempts ELSE auto_attempts END,
      next_at = CASE WHEN status = 'pending' THEN @nextAt ELSE next_at END
    WHERE id = @deliveryId RETURNING ${SUMMARY_COLUMNS}`);
  const replayUpdate = db.prepare(`UPDATE deliveries SET attempts = attempts + 1, updated_at = @now,
      last_status = @responseStatus, last_error = @lastError,
      next_at = CASE WHEN @ok = 1 AND status != 'delivered' THEN @now ELSE next_at END,
      status = CASE WHEN @ok = 1 THEN 'delivered' ELSE status END
    WHERE id = @deliveryId RETURNING ${SUMMARY_COLUMNS}`);
  const insertAttempt = db.prepare(`INSERT INTO delivery_attempts (delivery_id, attempt, trigger, url, request_headers,
      request_body, response_status, response_headers, response_body, error_class, error_message, duration_ms,
      started_at, next_at, effects)
    VALUES (@deliveryId, @attempt, @trigger, @url, @requestHeaders, @requestBody, @responseStatus, @responseHeaders,
      @responseBody, @errorClass, @errorMessage, @durationMs, @startedAt, @attemptNextAt, @effectsJson)`);
  const nextPair = db.prepare(`SELECT bucket, hook_id FROM deliveries INDEXED BY deliveries_due
    WHERE status = 'pending' AND (bucket, hook_id) > (?, ?)
    ORDER BY bucket, hook_id LIMIT 1`);
  const failPending = db.prepare(`UPDATE deliveries SET status = 'failed', next_at = @now, updated_at = @now,
      last_error = 'other: the hook no longer exists' WHERE bucket = @bucket AND hook_id = @hookId AND status = 'pending'`);
  /** Every (bucket, hook) pair with pending deliveries, by a loose index scan (one seek per pair, not per row). */
  const pairs = (): { bucket: string; hook_id: string }[] => {
    const out: { bucket: string; hook_id: string }[] = [];
    for (let p = nextPair.get('', '') as typeof out[number] | undefined; p; p = nextPair.get(p.bucket, p.hook_id) as typeof p) out.push(p);
    return out;
  };

  return {
    /**
     * Up to `limit` due heads of a hook's key lines (may include rows already in flight); with `keyOrder` false, any
     * due row, each with how many earlier events of its key it overtakes.
     */
    claim: (bucket: string, hookId: string, now: number, limit: number, keyOrder = true) =>
      (keyOrder ? claim : claimUnordered).all({ bucket, hookId, now, limit }) as DueRow[],
    /** Earliest future next_at of a pending row of `hooks` (default: every hook with pending rows), or null. */
    nextDue(now: number, of?: readonly HookRef[]): number | null {
      let min: number | null = null;
      for (const h of of ?? pairs().map((p) => ({ bucket: p.bucket, id: p.hook_id }))) {
        const at = nextDue.get(h.bucket, h.id, now) as number | null;
        if (at !== null && (min === null || at < min)) min = at;
      }
      return min;
    },
    /** Append an attempt and apply its outcome; returns the updated row and the attempt's number. */
    record(w: AttemptWrite): { row: SummaryRow; attempt: number } | undefined {
      const lastError = w.errorClass ? `${w.errorClass}: ${w.errorMessage ?? ''}` : null;
      const params = { ...w, lastError, ok: w.ok ? 1 : 0 };
      const row = (w.scheduled ? scheduledUpdate : replayUpdate).get(params) as SummaryRow | undefined;
      if (!row) return undefined;
      insertAttempt.run({
        ...params, attempt: row.attempts, requestHeaders: JSON.stringify(w.requestHeaders),
        responseHeaders: w.responseHeaders ? JSON.stringify(w.responseHeaders) : null,
        attemptNextAt: row.status === 'pending' ? row.next_at : null,
        effectsJson: w.effects?.length ? JSON.stringify(w.effects) : null,
      });
      return { row, attempt: row.attempts };
    },
    /** Pending rows whose hook was removed from the configuration (`exists` says no) become failed; returns how many. */
    failOrphans: (now: number, exists: (bucket: string, id: string) => boolean): number => pairs().filter((p) => !exists(p.bucket, p.hook_id))
      .reduce((n, p) => n + failPending.run({ now, bucket: p.bucket, hookId: p.hook_id }).changes, 0),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}

export type Store = ReturnType<typeof createStore>;
