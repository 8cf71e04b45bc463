// How one POST's outcome becomes attempt writes: each delivery it carried is delivered, retried at its schedule's
// next time or failed; realism effects are marked on the attempt (holds on a first try, batch, overtaking); a
// duplicate is one more write per delivery. Also the body of a batch. Pure.
import type { AttemptEffect } from '../realism/realism';
import type { HookInfo } from './hooks';
import type { AttemptOutcome } from './sender';
import type { AttemptWrite, DueRow } from './store';
import { nextAttemptAt, parseRetryAfter } from './schedule';

/** What was posted: the headers and the body (a batch's, or the delivery's own). */
export interface Posted { headers: Record<string, string>; body: string }

/** One POST of several deliveries: `{"Records":[…]}` with every record, in claim order. */
export function batchBody(rows: readonly DueRow[]): string {
  return JSON.stringify({ Records: rows.flatMap((r) => (JSON.parse(r.body) as { Records: unknown[] }).Records) });
}

/** The effects to mark on `row`'s attempt within the POST of `carried` (holds only on a first try). */
export function effectsOf(row: DueRow, carried: readonly DueRow[]): AttemptEffect[] {
  const effects: AttemptEffect[] = row.auto_attempts === 0 && row.effects ? JSON.parse(row.effects) as AttemptEffect[] : [];
  if (carried.length > 1) effects.push({ kind: 'batch', records: carried.length, deliveryIds: carried.filter((r) => r !== row).map((r) => r.id) });
  if (row.overtaking > 0) effects.push({ kind: 'overtook', events: row.overtaking });
  return effects;
}

/** The scheduled attempt of `row`: delivered, or pending until its next try, or failed (410, schedule done). */
export function scheduledWrite(
  hook: HookInfo, row: DueRow, posted: Posted, o: AttemptOutcome, effects: AttemptEffect[], now: number, random: () => number,
): AttemptWrite {
  const autoAttempts = row.auto_attempts + 1;
  let status: AttemptWrite['status'] = 'delivered';
  let nextAt = now;
  if (!o.ok) {
    const retryAfterMs = parseRetryAfter(o.headers?.['retry-after'], now);
    const at = o.status === 410 ? null : nextAttemptAt({
      autoAttempts, schedule: hook.schedule, random, retryAfterMs, createdAt: row.created_at, now, maxAgeMs: hook.maxAgeMs,
    });
    status = at === null ? 'failed' : 'pending';
    nextAt = at ?? now;
  }
  return {
    deliveryId: row.id, trigger: row.auto_attempts > 0 ? 'retry' : row.origin === 'backfill' ? 'backfill' : 'initial', url: hook.url,
    requestHeaders: posted.headers, requestBody: posted.body === row.body ? null : posted.body, responseStatus: o.status,
    responseHeaders: o.headers, responseBody: o.body, errorClass: o.errorClass, errorMessage: o.errorMessage,
    durationMs: o.durationMs, startedAt: o.startedAt, now, scheduled: true, ok: o.ok, status, nextAt, autoAttempts, effects,
  };
}

/** A duplicate's attempt of `row` (realism): it never changes the delivery's status or schedule. */
export function duplicateWrite(hook: HookInfo, row: DueRow, posted: Posted, o: AttemptOutcome, now: number): AttemptWrite {
  return {
    deliveryId: row.id, trigger: 'duplicate', url: hook.url, requestHeaders: posted.headers,
    requestBody: posted.body === row.body ? null : posted.body, responseStatus: o.status, responseHeaders: o.headers,
    responseBody: o.body, errorClass: o.errorClass, errorMessage: o.errorMessage, durationMs: o.durationMs,
    startedAt: o.startedAt, now, scheduled: false, ok: o.ok, status: 'delivered', nextAt: now, autoAttempts: row.auto_attempts + 1,
    effects: [{ kind: 'duplicate' }],
  };
}
