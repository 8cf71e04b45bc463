// Single replays: one delivery sent again now (trigger 'replay' or, for bulk-replay.ts, 'bulk-replay'; an event
// forwarded by `listen` goes again to its local receiver with the headers as received) and the per-hook test event,
// a hook's within its concurrency (replay-slots). A replay appends an attempt and never edits history: success marks the delivery
// delivered, failure leaves its status and schedule as they were (a delivered one stays delivered).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import type { Store } from './store';
import type { EventHub } from './events';
import type { DeliveryHooks, HookInfo } from './hooks';
import { toSummary } from './rows';
import { buildRequest, type BuiltRequest, type RequestContext } from './request';
import type { Send } from './sender';
import { disablesHook, outcomeColumns } from './outcome';
import { testEventBody } from './test-event';
import type { ReplaySlots } from './replay-slots';
import type { AttemptTrigger, DeliverySummary, ErrorClass } from './types';
import type { ForwardedLog, ForwardTarget } from './forwarded';

export interface ReplayDeps {
  db: Db; store: Store; hooks: DeliveryHooks; clock: Clock; hub: EventHub;
  requestContext: (now: number) => RequestContext;
  forwarded: ForwardedLog;
  /** The hook's concurrency, shared with the engine: a replay waits for a free slot. */
  slots: Pick<ReplaySlots, 'acquire'>;
  /** How requests go out (the engine's way). */
  send: Send;
}

/** Where one attempt goes: a hook (its request built afresh) or a forwarded event's receiver with its own headers. */
type Target = { hook: HookInfo } | { forward: ForwardTarget };

/** How long a replay of a forwarded event waits for the local receiver. */
const FORWARD_TIMEOUT_MS = 10_000;

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

  async function attemptNow(id: number, eventId: string, body: string, target: Target, trigger: AttemptTrigger): Promise<ReplayResult> {
    const hook = 'hook' in target ? target.hook : null;
    const request: BuiltRequest = hook
      ? buildRequest(hook, [{ eventId, body }], deps.requestContext(clock.now()))
      : { ...(target as { forward: ForwardTarget }).forward, body, logged: (target as { forward: ForwardTarget }).forward.headers };
    const timeoutMs = hook ? hook.timeoutMs : FORWARD_TIMEOUT_MS;
    const release = hook ? await deps.slots.acquire(hook) : () => undefined;
    let outcome: Awaited<ReturnType<Send>>;
    try {
      outcome = await deps.send({ url: request.url, headers: request.headers, body: request.body, timeoutMs }, clock);
    } finally {
      release();
    }
    const o = outcomeColumns(outcome);
    const result = store.transaction(() => {
      if (hook && disablesHook(outcome)) deps.hooks.disable(hook.bucket, hook.id);
      return store.record({
        deliveryId: id, trigger, url: request.url, requestHeaders: request.logged, requestBody: request.body === body ? null : request.body,
        responseStatus: o.status, responseHeaders: o.headers, responseBody: o.body, errorClass: o.errorClass,
        errorMessage: o.errorMessage, durationMs: o.durationMs, startedAt: o.startedAt, now: clock.now(),
        scheduled: false, ok: o.ok, status: 'delivered', nextAt: clock.now(), autoAttempts: 0,
      });
    });
    if (!result) throw new AppError('NotFound', `delivery ${id} was pruned`);
    const delivery = toSummary(result.row);
    hub.emit({ type: 'delivery.attempted', deliveryId: id, attempt: result.attempt, trigger, ok: o.ok, status: o.status, errorClass: o.errorClass,
      bucket: delivery.bucket, hookId: delivery.hookId, startedAt: o.startedAt, durationMs: o.durationMs, errorMessage: o.errorMessage,
      ...(delivery.remoteProfile === undefined ? {} : { remoteProfile: delivery.remoteProfile }) });
    hub.emit({ type: 'delivery.finished', delivery });
    return { delivery, ok: o.ok, status: o.status, errorClass: o.errorClass, errorMessage: o.errorMessage };
  }

  return {
    /** Send delivery `id` once more, now, to its hook's current URL (whatever the delivery's state). */
    async replay(id: number, trigger: AttemptTrigger = 'replay'): Promise<ReplayResult> {
      const r = row.get(id) as { id: number; event_id: string; bucket: string; hook_id: string; body: string } | undefined;
      if (!r) throw new AppError('NotFound', `no delivery ${id}`);
      const forward = deps.forwarded.target(r.id);
      const target: Target = forward ? { forward } : { hook: hookOrThrow(r.bucket, r.hook_id) };
      return attemptNow(r.id, r.event_id, r.body, target, trigger);
    },
    /** POST an AWS-shaped s3:TestEvent to a hook; recorded as a delivery with one 'test' attempt. */
    async sendTestEvent(bucket: string, hookId: string): Promise<ReplayResult> {
      const hook = hookOrThrow(bucket, hookId);
      const now = clock.now();
      const body = testEventBody(bucket, now);
      const eventId = `test-${randomUUID()}`;
      const id = Number(insertTest.run(eventId, bucket, hookId, body, now, now, now).lastInsertRowid);
      return attemptNow(id, eventId, body, { hook }, 'test');
    },
  };
}

export type Replayer = ReturnType<typeof createReplayer>;
