// Single replays: one delivery sent again now (trigger 'replay' or, for bulk-replay.ts, 'bulk-replay') and the
// per-hook test event. A replay appends an attempt and never edits history: success marks the delivery
// delivered, failure leaves its status and schedule as they were (a delivered one stays delivered).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import type { Store } from './store';
import type { EventHub } from './events';
import type { DeliveryHooks, HookInfo } from './hooks';
import { toSummary } from './rows';
import { deliveryHeaders } from './headers';
import { sendOnce } from './sender';
import { testEventBody } from './test-event';
import type { AttemptTrigger, DeliverySummary, ErrorClass } from './types';

export interface ReplayDeps { db: Db; store: Store; hooks: DeliveryHooks; clock: Clock; hub: EventHub; version: string }

/** What a replay or test event produced. */
export interface ReplayResult {
  delivery: DeliverySummary;
  ok: boolean;
  status: number | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
}

/** Build the single-delivery replay and the test event sender. */
export function createReplayer(deps: ReplayDeps) {
  const { db, store, clock, hub } = deps;
  const row = db.prepare('SELECT id, event_id, bucket, hook_id, body FROM deliveries WHERE id = ?');
  const insertTest = db.prepare(`INSERT INTO deliveries (event_id, bucket, hook_id, key, event_name, sequencer, body,
      status, attempts, next_at, created_at, updated_at) VALUES (?, ?, ?, '', 's3:TestEvent', 0, ?, 'failed', 0, ?, ?, ?)`);

  function hookOrThrow(bucket: string, hookId: string): HookInfo {
    const hook = deps.hooks.get(bucket, hookId);
    if (!hook) throw new AppError('NoSuchHook', `Bucket ${bucket} has no hook with Id ${hookId}`);
    return hook;
  }

  async function attemptNow(id: number, eventId: string, body: string, hook: HookInfo, trigger: AttemptTrigger): Promise<ReplayResult> {
    const headers = deliveryHeaders({ eventId, body, version: deps.version, secret: hook.secret, now: clock.now() });
    const o = await sendOnce({ url: hook.url, headers, body, timeoutMs: hook.timeoutMs }, clock);
    const result = store.transaction(() => store.record({
      deliveryId: id, trigger, url: hook.url, requestHeaders: headers, requestBody: null,
      responseStatus: o.status, responseHeaders: o.headers, responseBody: o.body, errorClass: o.errorClass,
      errorMessage: o.errorMessage, durationMs: o.durationMs, startedAt: o.startedAt, now: clock.now(),
      scheduled: false, ok: o.ok, status: 'delivered', nextAt: clock.now(), autoAttempts: 0,
    }));
    if (!result) throw new AppError('NotFound', `delivery ${id} was pruned`);
    const delivery = toSummary(result.row);
    hub.emit({ type: 'delivery.attempted', deliveryId: id, attempt: result.attempt, trigger, ok: o.ok, status: o.status, errorClass: o.errorClass,
      bucket: hook.bucket, hookId: hook.id, startedAt: o.startedAt, durationMs: o.durationMs, errorMessage: o.errorMessage });
    hub.emit({ type: 'delivery.finished', delivery });
    return { delivery, ok: o.ok, status: o.status, errorClass: o.errorClass, errorMessage: o.errorMessage };
  }

  return {
    /** Send delivery `id` once more, now, to its hook's current URL (whatever the delivery's state). */
    async replay(id: number, trigger: AttemptTrigger = 'replay'): Promise<ReplayResult> {
      const r = row.get(id) as { id: number; event_id: string; bucket: string; hook_id: string; body: string } | undefined;
      if (!r) throw new AppError('NotFound', `no delivery ${id}`);
      return attemptNow(r.id, r.event_id, r.body, hookOrThrow(r.bucket, r.hook_id), trigger);
    },
    /** POST an AWS-shaped s3:TestEvent to a hook; recorded as a delivery with one 'test' attempt. */
    async sendTestEvent(bucket: string, hookId: string): Promise<ReplayResult> {
      const hook = hookOrThrow(bucket, hookId);
      const now = clock.now();
      const body = testEventBody(bucket, now);
      const eventId = `test-${randomUUID()}`;
      const id = Number(insertTest.run(eventId, bucket, hookId, body, now, now, now).lastInsertRowid);
      return attemptNow(id, eventId, body, hook, 'test');
    },
  };
}

export type Replayer = ReturnType<typeof createReplayer>;
