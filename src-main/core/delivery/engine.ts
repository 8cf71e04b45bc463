// The scheduler: claims due heads (only rows on stable storage) of the hooks that may have work, within per-hook and
// total concurrency, sends them (several in one POST, and a duplicate, where the hook's realism says so), records the
// outcomes of a tick together in the connection's group commit (with the S3 writes of that turn, no fsync of their
// own) and sleeps on the clock until the next due time. In-flight rows stay 'pending', so a crash leaves them due.
import { setMaxListeners } from 'node:events';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { Store, DueRow, AttemptWrite } from './store';
import type { EventHub } from './events';
import type { DeliveryHooks, HookInfo } from './hooks';
import { toSummary } from './rows';
import { buildRequest, type RequestContext } from './request';
import { batchLimit } from '../payloads/flavours';
import { sendOnce, type Send } from './sender';
import { disablesHook, type AttemptOutcome } from './outcome';
import { duplicateWrite, effectsOf, scheduledWrite, type Posted } from './attempt-plan';
import { duplicates } from '../realism/realism';
import { createDurableMark } from './durable-mark';
import { createClaimSet } from './claim-set';

export interface EngineDeps {
  store: Store; hooks: DeliveryHooks; clock: Clock; logger: Logger; hub: EventHub;
  /** What every request shares, at the attempt's time. */
  requestContext: (now: number) => RequestContext;
  random: () => number; maxConcurrency: number;
  /** Slots of a hook's concurrency held or awaited by replays, left free by the engine (default none). */
  reserved?: (bucket: string, id: string) => number;
  /** Look again at least this often even without a wake (resumed hooks, edited hooks). */
  pollIntervalMs: number;
  /** Called at the start of every pass (the created-event watcher). */
  beforePass?: () => void;
  /** Resolves once every commit made before the call is on stable storage; rows are claimed only after it. */
  durable?: () => Promise<void>;
  /** Called as a request starts, with the deliveries it carries (the health service's loop guard). */
  onSending?: (hook: HookInfo, rows: readonly DueRow[], at: number) => void;
  /** Called as a request's answer (or failure) is known, before it is recorded, with the time it ended. */
  onSent?: (hook: HookInfo, rows: readonly DueRow[], at: number) => void;
  /** How requests go out (default: on this thread; the delivery service passes the send worker's). */
  send?: Send;
}

/** A hook named by bucket and id. */
export interface HookRef { bucket: string; id: string }

/** Extra due heads read per claim beyond the free slots. */
const PREFETCH = 64;
/** Rows newly on stable storage read at once for every hook; more than this and each hook is claimed on its own. */
const FRESH_LIMIT = 512;
/** After outcomes fail to record (disk full…), claiming pauses this long, doubling per failure up to the cap. */
const STORE_BACKOFF_MS = 1000;
const STORE_BACKOFF_CAP_MS = 30_000;

/** One POST done: the writes of the deliveries it carried (and of its duplicate), to record together. */
interface Completion { writes: AttemptWrite[]; rows: DueRow[]; hook: HookInfo; gone: boolean }

/** The abort controller of a run: every request in flight listens to its signal, so no listener limit applies. */
function runAborter(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

/** Build the engine; `start` begins claiming, `wake` asks for a pass (coalesced), `stop` drains. */
export function createEngine(deps: EngineDeps) {
  const { store, hooks: directory, clock, hub } = deps;
  const send = deps.send ?? sendOnce;
  /** Requests in flight, by the id of their first delivery. */
  const inflight = new Map<number, Promise<void>>();
  /** Deliveries in flight (a batch carries several). */
  const claimed = new Set<number>();
  /** Due heads claimed but not started yet, per hook: refilled only when too short, so a pass rarely queries. */
  const queues = new Map<string, DueRow[]>();
  const perHook = new Map<string, number>();
  /** Aborts every request in flight at `stop` (one per run: a controller per request cost more in GC than the rest of it). */
  let aborter = runAborter();
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
  /** The outcomes being committed. */
  let flushing: Promise<void> = Promise.resolve();
  /** The hooks a pass claims one by one. */
  const toClaim = createClaimSet();
  /** Rows with an id up to this were seen by a claim: per-hook claims stop here, newer ones are read as fresh. */
  let seenUpTo = 0;
  const mark = createDurableMark(store.maxId, deps.durable, () => wake([]),
    (err) => deps.logger.error('the database sync failed; new deliveries wait for the next one', { error: String(err) }));

  const hookKey = (h: HookRef) => `${h.bucket}\u0000${h.id}`;

  /**
   * Ask for a pass (coalesced). `hooks`: these got new rows (read as fresh once the durable mark passes them);
   * without, any hook may have work now (time passed, a hook resumed, rows changed).
   */
  function wake(hooks?: readonly HookRef[]): void {
    if (!hooks) toClaim.wakeAll();
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
    mark.check();
    const hooks = directory.active();
    const keys = hooks.map(hookKey);
    if (queues.size > hooks.length) {
      const active = new Set(keys);
      for (const key of queues.keys()) if (!active.has(key)) queues.delete(key);
    }
    readFresh(hooks, keys, now);
    toClaim.begin(keys);
    const start = hooks.length ? rotate++ % hooks.length : 0;
    for (let i = 0; i < hooks.length && inflight.size < deps.maxConcurrency; i++) {
      const hook = hooks[(start + i) % hooks.length];
      const key = keys[(start + i) % hooks.length];
      const busy = perHook.get(key) ?? 0;
      let free = Math.min(hook.concurrency - busy - (deps.reserved?.(hook.bucket, hook.id) ?? 0), deps.maxConcurrency - inflight.size);
      if (free <= 0) continue;
      const size = batchLimit(hook.flavour, hook.realism?.batchSize);
      let queue = queues.get(key) ?? [];
      if (queue.length < free * size && toClaim.wants(key)) {
        const limit = (busy + free) * size + PREFETCH;
        const rows = store.claim(hook.bucket, hook.id, now, limit, !hook.realism?.breakKeyOrder, seenUpTo);
        toClaim.claimed(key, rows.length < limit);
        queue = rows.filter((r) => !claimed.has(r.id));
      }
      while (free-- > 0 && queue.length) launch(hook, queue.splice(0, size));
      queues.set(key, queue);
    }
    // A timer runs at all times: re-armed here only after it fired, earlier by flush() for each retry.
    if (!timer) armAt(Math.min(store.nextDue(now, hooks) ?? Infinity, now + deps.pollIntervalMs));
  }

  /**
   * Hand the rows that became durable since the last look to their hooks' queues (one query for every hook); a
   * hook whose queue is full, or a gap too wide to read at once, is left to its own claims.
   */
  function readFresh(hooks: readonly HookInfo[], keys: readonly string[], now: number): void {
    const upTo = mark.upTo();
    if (upTo <= seenUpTo) return;
    const from = seenUpTo;
    seenUpTo = upTo;
    if (upTo - from > FRESH_LIMIT) { toClaim.wakeAll(); return; }
    const index = new Map(keys.map((k, i) => [k, hooks[i]]));
    for (const row of store.fresh(from, upTo, now)) {
      const key = hookKey({ bucket: row.bucket, id: row.hook_id });
      const hook = index.get(key);
      if (!hook || (row.overtaking > 0 && !hook.realism?.breakKeyOrder)) continue;
      const queue = queues.get(key) ?? [];
      if (queue.length >= hook.concurrency * (hook.realism?.batchSize ?? 1) + PREFETCH) { toClaim.add(key); continue; }
      queue.push(row);
      queues.set(key, queue);
    }
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
      toClaim.add(hookKey(hook));
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
    const { signal } = aborter;
    const events = rows.map((r) => ({ eventId: r.event_id, body: r.body }));
    const post = async (): Promise<[Posted, AttemptOutcome]> => {
      const { url, headers, body, logged } = buildRequest(hook, events, deps.requestContext(clock.now()));
      return [{ headers: logged, body }, await send({ url, headers, body, timeoutMs: hook.timeoutMs, signal }, clock)];
    };
    const [posted, outcome] = await post();
    let last = outcome;
    const writes = rows.map((row) => scheduledWrite(hook, row, posted, outcome, effectsOf(row, rows), clock.now(), deps.random));
    const first = { bucket: hook.bucket, hookId: hook.id, key: rows[0].key, sequencer: rows[0].sequencer };
    if (outcome.kind === 'delivered' && hook.realism && duplicates(hook.realism, first) && !closed) {
      const [again, copy] = await post();
      last = copy;
      writes.push(...rows.map((row) => duplicateWrite(hook, row, again, copy, clock.now())));
    }
    deps.onSent?.(hook, rows, last.startedAt + last.durationMs);
    if (closed) { release(hook, rows); return; } // not recorded: the rows stay pending for the next run
    completions.push({ writes, rows, hook, gone: disablesHook(outcome) });
    flush();
  }

  /**
   * Record the finished requests' outcomes in this turn's group commit (the batch is taken when it runs, so every
   * request finished by then joins it); their rows stay claimed until it is over.
   */
  function flush(): void {
    if (flushQueued) return;
    flushQueued = true;
    let batch: Completion[] = [];
    const take = () => { flushQueued = false; batch = completions.splice(0); return batch; };
    const recorded = store.commit(() => take().map((c) => {
      if (c.gone) directory.disable(c.hook.bucket, c.hook.id);
      return c.writes.map((w) => store.record(w));
    }));
    flushing = recorded.then((results) => {
      storeBackoffMs = 0;
      settle(batch, results);
    }, (err: unknown) => {
      if (flushQueued) take(); // the shared transaction failed before this body ran
      storeBackoffMs = Math.min(storeBackoffMs ? storeBackoffMs * 2 : STORE_BACKOFF_MS, STORE_BACKOFF_CAP_MS);
      pausedUntil = clock.now() + storeBackoffMs;
      deps.logger.error('recording attempts failed; the deliveries stay pending, claiming paused', { error: String(err), pauseMs: storeBackoffMs });
      settle(batch, []);
    });
  }

  /** Free the slots of a recorded batch, announce its outcomes and look again at its hooks (the next of a key line). */
  function settle(batch: readonly Completion[], results: ReturnType<Store['record']>[][]): void {
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
    batch.forEach((c, i) => { if (!results[i] || results[i].some((r) => !r || r.followed)) toClaim.add(hookKey(c.hook)); });
    // The slots just freed are refilled in this turn (a pass queued for the next one would wait a whole turn).
    if (running && !passQueued) pass();
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      if (aborter.signal.aborted) aborter = runAborter();
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
    /** Requests in flight to one hook. */
    busy: (bucket: string, id: string) => perHook.get(hookKey({ bucket, id })) ?? 0,
    /** True while delivery `id` is being attempted (its outcome is not recorded yet). */
    sending: (id: number) => claimed.has(id),
    /** Forget the due heads read ahead (some rows changed under them): the next pass claims afresh. */
    dropPrefetched: () => { queues.clear(); toClaim.wakeAll(); },
    /** Stop claiming; wait up to `graceMs` for in-flight attempts, then abort the rest (they stay pending). */
    async stop(graceMs: number): Promise<void> {
      running = false;
      queues.clear();
      timer?.cancel();
      timer = undefined;
      if (inflight.size === 0) {
        closed = true;
        await flushing;
        return;
      }
      let cancelGrace = (): void => {};
      const grace = new Promise<void>((resolve) => { cancelGrace = clock.setTimer(resolve, graceMs); });
      await Promise.race([Promise.allSettled([...inflight.values()]), grace]);
      cancelGrace();
      aborter.abort();
      closed = true;
      await flushing;
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
