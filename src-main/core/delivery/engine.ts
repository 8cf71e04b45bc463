// The scheduler: claims due heads per active hook within per-hook and total concurrency, sends them (several in one
// POST, and a duplicate, where the hook's realism says so), records each outcome (batched into one short transaction
// per tick) and sleeps on the clock until the next due time. In-flight rows stay 'pending' in SQLite, so a crash
// simply leaves them due again.
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { Store, DueRow, AttemptWrite } from './store';
import type { EventHub } from './events';
import type { DeliveryHooks, HookInfo } from './hooks';
import { toSummary } from './rows';
import { deliveryHeaders } from './headers';
import { sendOnce, type AttemptOutcome } from './sender';
import { batchBody, duplicateWrite, effectsOf, scheduledWrite, type Posted } from './attempt-plan';
import { duplicates } from '../realism/realism';

export interface EngineDeps {
  store: Store; hooks: DeliveryHooks; clock: Clock; logger: Logger; hub: EventHub; version: string;
  random: () => number; maxConcurrency: number;
  /** Look again at least this often even without a wake (resumed hooks, edited hooks). */
  pollIntervalMs: number;
  /** Called at the start of every pass (the created-event watcher). */
  beforePass?: () => void;
  /** Called as a request starts, with the deliveries it carries (the health service's loop guard). */
  onSending?: (hook: HookInfo, rows: readonly DueRow[], at: number) => void;
}

/** Extra due heads read per claim beyond the free slots. */
const PREFETCH = 64;
/** After outcomes fail to record (disk full…), claiming pauses this long, doubling per failure up to the cap. */
const STORE_BACKOFF_MS = 1000;
const STORE_BACKOFF_CAP_MS = 30_000;

/** One POST done: the writes of the deliveries it carried (and of its duplicate), to record together. */
interface Completion { writes: AttemptWrite[]; rows: DueRow[]; hook: HookInfo; gone: boolean }

/** Build the engine; `start` begins claiming, `wake` asks for a pass (coalesced), `stop` drains. */
export function createEngine(deps: EngineDeps) {
  const { store, hooks: directory, clock, hub } = deps;
  /** Requests in flight, by the id of their first delivery. */
  const inflight = new Map<number, Promise<void>>();
  /** Deliveries in flight (a batch carries several). */
  const claimed = new Set<number>();
  /** Due heads claimed but not started yet, per hook: refilled only when too short, so a pass rarely queries. */
  const queues = new Map<string, DueRow[]>();
  const perHook = new Map<string, number>();
  const controllers = new Set<AbortController>();
  const completions: Completion[] = [];
  let running = false;
  let closed = false;
  let passQueued = false;
  let flushQueued = false;
  let timer: { at: number; cancel: () => void } | undefined;
  let rotate = 0;
  /** While recording outcomes fails, no claims before this time (the rows are still due: sending now would spin). */
  let pausedUntil = 0;
  let storeBackoffMs = 0;

  const hookKey = (h: { bucket: string; id: string }) => `${h.bucket}\u0000${h.id}`;

  function wake(): void {
    if (!running || passQueued) return;
    passQueued = true;
    setImmediate(pass);
  }

  function pass(): void {
    passQueued = false;
    if (!running) return;
    const now = clock.now();
    if (now < pausedUntil) { armAt(pausedUntil); return; }
    deps.beforePass?.();
    const hooks = directory.active();
    const active = new Set(hooks.map(hookKey));
    for (const key of queues.keys()) if (!active.has(key)) queues.delete(key);
    const start = hooks.length ? rotate++ % hooks.length : 0;
    for (let i = 0; i < hooks.length && inflight.size < deps.maxConcurrency; i++) {
      const hook = hooks[(start + i) % hooks.length];
      const key = hookKey(hook);
      const busy = perHook.get(key) ?? 0;
      let free = Math.min(hook.concurrency - busy, deps.maxConcurrency - inflight.size);
      if (free <= 0) continue;
      const size = hook.realism?.batchSize ?? 1;
      let queue = queues.get(key) ?? [];
      if (queue.length < free * size) {
        queue = store.claim(hook.bucket, hook.id, now, (busy + free) * size + PREFETCH, !hook.realism?.breakKeyOrder)
          .filter((r) => !claimed.has(r.id));
      }
      while (free-- > 0 && queue.length) launch(hook, queue.splice(0, size));
      queues.set(key, queue);
    }
    // A timer runs at all times: re-armed here only after it fired, earlier by flush() for each retry.
    if (!timer) armAt(Math.min(store.nextDue(now, hooks) ?? Infinity, now + deps.pollIntervalMs));
  }

  function armAt(at: number): void {
    if (!running || (timer && timer.at <= at)) return;
    timer?.cancel();
    const cancel = clock.setTimer(() => { timer = undefined; wake(); }, at - clock.now());
    timer = { at, cancel };
  }

  function launch(hook: HookInfo, rows: DueRow[]): void {
    const key = hookKey(hook);
    perHook.set(key, (perHook.get(key) ?? 0) + 1);
    for (const r of rows) claimed.add(r.id);
    deps.onSending?.(hook, rows, clock.now());
    const promise = attempt(hook, rows).catch((err: unknown) => {
      deps.logger.error('delivery attempt crashed', { ids: rows.map((r) => r.id), error: String(err) });
      release(hook, rows);
    });
    inflight.set(rows[0].id, promise);
  }

  /** The request is over: its deliveries may be claimed again, its slot is free. */
  function release(hook: HookInfo, rows: readonly DueRow[]): void {
    inflight.delete(rows[0].id);
    for (const r of rows) claimed.delete(r.id);
    const key = hookKey(hook);
    perHook.set(key, (perHook.get(key) ?? 1) - 1);
  }

  /** POST `rows` (one request, a batch when several), then its duplicate when realism draws one; queue the writes. */
  async function attempt(hook: HookInfo, rows: DueRow[]): Promise<void> {
    const controller = new AbortController();
    controllers.add(controller);
    const body = rows.length === 1 ? rows[0].body : batchBody(rows);
    const eventId = rows.length === 1 ? rows[0].event_id : `batch_${rows[0].event_id}`;
    const post = async (): Promise<[Posted, AttemptOutcome]> => {
      const headers = deliveryHeaders({ eventId, body, version: deps.version, secret: hook.secret, now: clock.now() });
      return [{ headers, body }, await sendOnce({ url: hook.url, headers, body, timeoutMs: hook.timeoutMs, signal: controller.signal }, clock)];
    };
    const [posted, outcome] = await post();
    const writes = rows.map((row) => scheduledWrite(hook, row, posted, outcome, effectsOf(row, rows), clock.now(), deps.random));
    const first = { bucket: hook.bucket, hookId: hook.id, key: rows[0].key, sequencer: rows[0].sequencer };
    if (outcome.ok && hook.realism && duplicates(hook.realism, first) && !closed) {
      const [again, copy] = await post();
      writes.push(...rows.map((row) => duplicateWrite(hook, row, again, copy, clock.now())));
    }
    controllers.delete(controller);
    if (closed) return;
    completions.push({ writes, rows, hook, gone: outcome.status === 410 });
    if (!flushQueued) {
      flushQueued = true;
      setImmediate(flush);
    }
  }

  function flush(): void {
    flushQueued = false;
    const batch = completions.splice(0);
    let results: ReturnType<Store['record']>[][] = [];
    try {
      results = store.transaction(() => batch.map((c) => {
        if (c.gone) directory.disable(c.hook.bucket, c.hook.id);
        return c.writes.map((w) => store.record(w));
      }));
      storeBackoffMs = 0;
    } catch (err) {
      storeBackoffMs = Math.min(storeBackoffMs ? storeBackoffMs * 2 : STORE_BACKOFF_MS, STORE_BACKOFF_CAP_MS);
      pausedUntil = clock.now() + storeBackoffMs;
      deps.logger.error('recording attempts failed; the deliveries stay pending, claiming paused', { error: String(err), pauseMs: storeBackoffMs });
    }
    batch.forEach((c, i) => {
      release(c.hook, c.rows);
      (results[i] ?? []).forEach((r, j) => {
        if (r?.row.status === 'pending') armAt(r.row.next_at);
        if (!r || !hub.active()) return;
        const w = c.writes[j];
        hub.emit({ type: 'delivery.attempted', deliveryId: r.row.id, attempt: r.attempt, trigger: w.trigger,
          ok: w.ok, status: w.responseStatus, errorClass: w.errorClass, bucket: c.hook.bucket, hookId: c.hook.id,
          startedAt: w.startedAt, durationMs: w.durationMs, errorMessage: w.errorMessage });
        hub.emit({ type: r.row.status === 'pending' ? 'delivery.retrying' : 'delivery.finished', delivery: toSummary(r.row) });
      });
    });
    if (batch.some((c) => c.gone)) deps.logger.warn('hook disabled after 410 Gone', { hooks: batch.filter((c) => c.gone).map((c) => c.hook.id) });
    wake();
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      closed = false;
      const now = clock.now();
      const failed = store.failOrphans(now, (bucket, id) => directory.get(bucket, id) !== undefined);
      if (failed) deps.logger.warn('pending deliveries of removed hooks marked failed', { count: failed });
      armAt(Math.min(store.nextDue(now) ?? Infinity, now + deps.pollIntervalMs));
      wake();
    },
    wake,
    /** Deliveries currently being attempted. */
    inFlight: () => inflight.size,
    /** True while delivery `id` is being attempted (its outcome is not recorded yet). */
    sending: (id: number) => claimed.has(id),
    /** Forget the due heads read ahead (some rows changed under them): the next pass claims afresh. */
    dropPrefetched: () => queues.clear(),
    /** Stop claiming; wait up to `graceMs` for in-flight attempts, then abort the rest (they stay pending). */
    async stop(graceMs: number): Promise<void> {
      running = false;
      queues.clear();
      timer?.cancel();
      timer = undefined;
      if (inflight.size === 0) {
        closed = true;
        return;
      }
      let cancelGrace = (): void => {};
      const grace = new Promise<void>((resolve) => { cancelGrace = clock.setTimer(resolve, graceMs); });
      await Promise.race([Promise.allSettled([...inflight.values()]), grace]);
      cancelGrace();
      for (const c of controllers) c.abort();
      if (flushQueued) flush();
      closed = true;
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
