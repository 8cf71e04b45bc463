// The hook health service: fed by the delivery engine's outcome events (one subscription) and by committed object
// changes, it keeps per-hook figures in memory, persists per-minute rollups in batches, suspends hooks by their
// policy, runs the write-back loop guard and feeds the Prometheus metrics. Reads the log only for pending counts.
import type { Db } from '../db/open';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { ObjectChange } from '../model/object-change';
import type { Delivery, DeliveryEvent } from '../delivery/create-delivery';
import type { Notifications } from '../notifications/create-notifications';
import type { Hook } from '../notifications/types';
import { eventMatches } from '../../../src-shared/event-match';
import { createMinutesStore } from './minutes-store';
import { createHookTracker, KEEP_MS, type TimelinePoint } from './hook-tracker';
import { suspensionReason } from './suspension';
import { createLoopGuard } from './loop-guard';
import { createReceiverAddresses } from './receiver-address';
import { createPending } from './pending';
import { createMetrics } from './metrics';
import { toFigures, type HookFigures } from './figures';

export interface HealthDeps {
  db: Db; clock: Clock; logger: Logger;
  delivery: Pick<Delivery, 'on' | 'onSending' | 'onSent'>;
  notifications: Pick<Notifications, 'listHooks' | 'pauseWithReason'>;
  /** How often changed minutes are written (default 5 s). */
  flushIntervalMs?: number;
}

const SCHEDULED = new Set(['initial', 'retry', 'backfill']);
const HOUR = 3600_000;

/** Build and start the service; `close()` writes what is left and unsubscribes. */
export function createHealth(deps: HealthDeps) {
  const { db, clock, logger, notifications } = deps;
  const store = createMinutesStore(db);
  const tracker = createHookTracker(clock.now());
  tracker.load(store.since(clock.now() - KEEP_MS));
  const pending = createPending(db);
  const metrics = createMetrics(() => pending.all(clock.now()));
  const addresses = createReceiverAddresses();
  /** Hooks by bucket, re-read at most once a second (the policy and filter of the hooks that deliver). */
  const hookCache = new Map<string, { at: number; hooks: Map<string, Hook> }>();
  const hookOf = (bucket: string, id: string): Hook | undefined => {
    let entry = hookCache.get(bucket);
    if (!entry || clock.now() - entry.at > 1000) {
      let hooks: Hook[] = [];
      try { hooks = notifications.listHooks(bucket); } catch { hooks = []; }
      entry = { at: clock.now(), hooks: new Map(hooks.map((h) => [h.id, h])) };
      hookCache.set(bucket, entry);
    }
    return entry.hooks.get(id);
  };
  const pause = (bucket: string, id: string, reason: string): void => {
    if (notifications.pauseWithReason(bucket, id, reason)) hookCache.delete(bucket);
  };
  const guard = createLoopGuard({
    covers: eventMatches, onLoop: pause,
    hook(bucket, id) {
      const h = hookOf(bucket, id);
      return h && { prefix: h.prefix, suffix: h.suffix, events: h.events, limit: h.health.loopLimit, isReceiver: (ip) => addresses.matches(h.url, ip) };
    },
  });
  const attempted = new Map<number, Extract<DeliveryEvent, { type: 'delivery.attempted' }>>();

  function onAttempt(e: Extract<DeliveryEvent, { type: 'delivery.attempted' }>): void {
    if (e.remoteProfile !== undefined) return; // forwarded by `listen`: a remote's hook, not one of ours
    const at = e.startedAt + e.durationMs;
    const error = e.ok ? null : `${e.errorClass ?? 'other'}: ${e.errorMessage ?? ''}`;
    const scheduled = SCHEDULED.has(e.trigger);
    const state = tracker.attempt(e.bucket, e.hookId, { at, ms: e.durationMs, ok: e.ok, error, scheduled });
    metrics.attempt(e.bucket, e.hookId, e.ok, e.durationMs);
    attempted.set(e.deliveryId, e);
    if (e.ok || !scheduled) return;
    const policy = hookOf(e.bucket, e.hookId)?.health;
    if (!policy || (policy.suspendAfterFailures === null && policy.suspendFailureRate === null)) return;
    const window = tracker.failuresSince(e.bucket, e.hookId, clock.now() - policy.failureRateWindowMs);
    const reason = suspensionReason(policy, { inARow: state.inARow, windowAttempts: window.attempts, windowFailures: window.failures, lastError: error ?? '' });
    if (reason) { state.inARow = 0; pause(e.bucket, e.hookId, reason); }
  }

  function onOutcome(e: Extract<DeliveryEvent, { type: 'delivery.finished' | 'delivery.retrying' }>): void {
    const d = e.delivery;
    if (d.remoteProfile !== undefined) return;
    const a = attempted.get(d.id);
    attempted.delete(d.id);
    if (a?.trigger === 'duplicate') return;
    const kind = e.type === 'delivery.retrying' ? 'retried' : d.status === 'delivered' ? 'delivered' : d.status === 'failed' ? 'failed' : undefined;
    if (!kind) return;
    tracker.outcome(d.bucket, d.hookId, kind, clock.now());
    metrics.outcome(d.bucket, d.hookId, kind);
  }

  const unsending = deps.delivery.onSending((hook, rows, at) => guard.sending(hook.bucket, hook.id, rows, at));
  const unsent = deps.delivery.onSent((_hook, rows, at) => { for (const r of rows) guard.sent(r.id, at); });
  const unsubscribe = deps.delivery.on((e) => {
    if (e.type === 'delivery.attempted') onAttempt(e);
    else if (e.type === 'delivery.finished' || e.type === 'delivery.retrying') onOutcome(e);
  }, ['delivery.attempted', 'delivery.finished', 'delivery.retrying']);
  const flush = (): void => {
    try {
      store.write(tracker.takeDirty(clock.now()));
    } catch (err) {
      logger.warn('writing hook figures failed; kept in memory', { error: String(err) });
    }
  };
  let cancel = clock.setTimer(function tick() { flush(); cancel = clock.setTimer(tick, deps.flushIntervalMs ?? 5000); }, deps.flushIntervalMs ?? 5000);
  let cancelPrune = clock.setTimer(function prune() {
    store.prune(clock.now() - KEEP_MS - HOUR);
    cancelPrune = clock.setTimer(prune, HOUR);
  }, 60_000);

  return {
    metrics,
    /** Feed a committed object change to the loop guard (inside its transaction: never throws). */
    observeChange(change: ObjectChange): void {
      try {
        guard.wrote({ bucket: change.bucket, key: change.key, sequencer: change.sequencer, eventName: change.eventName, time: change.time, sourceIp: change.sourceIp });
      } catch (err) {
        logger.warn('loop guard failed', { error: String(err) });
      }
    },
    /** Figures of every hook of `bucket`, in configuration order. */
    stats(bucket: string): HookFigures[] {
      const now = clock.now();
      return notifications.listHooks(bucket).map((h) => toFigures(h, tracker, pending.of(bucket, h.id, now), now));
    },
    /** A hook's deliveries per minute over the last `minutes` (default 60). */
    timeline(bucket: string, hookId: string, minutes = 60): TimelinePoint[] {
      const now = clock.now();
      return tracker.timeline(bucket, hookId, now - (minutes - 1) * 60_000, now);
    },
    /** Write the changed minutes now (tests, close). */
    flush,
    close(): void {
      cancel();
      cancelPrune();
      unsubscribe();
      unsending();
      unsent();
      flush();
    },
  };
}

export type Health = ReturnType<typeof createHealth>;
