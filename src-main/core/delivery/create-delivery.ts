// The delivery service: wires the engine (scheduler + sender), the log queries, replays, retention and
// live events over one SQLite connection. This is the API the app layer and the CLI call.
import type { Db } from '../db/open';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { CoreConfig } from '../kernel/config';
import type { HookDirectory } from '../model/hook-directory';
import type { GroupCommit } from '../db/group-commit';
import { createStore } from './store';
import { createDeliveryHooks } from './hooks';
import { createEventHub } from './events';
import { createCreatedWatcher } from './created-watcher';
import { createEngine } from './engine';
import { createSendWorker } from './send-worker';
import { createQueries } from './queries';
import { createTrackedOutbox } from './tracked-outbox';
import type { OutboxEntry } from '../model/outbox-entry';
import { createReplayer, type ReplayResult } from './replay';
import { createBulkReplay } from './bulk-replay';
import { createForwardedLog, type ForwardedEvent } from './forwarded';
import { createReplaySlots } from './replay-slots';
import { createRetention } from './retention';
import { retryOutlook } from './retry-outlook';
import { buildRequest, type RequestContext } from './request';
import { SAMPLE_SECRET } from '../payloads/catalog';
import type { PayloadFlavour } from '../../../src-shared/contract';
import { deliveryHistogram, type DeliveryHistogram } from './histogram';
import type {
  DeliveryCounts, DeliveryDetail, DeliveryEventType, DeliveryFilter, DeliveryListener, DeliveryPage, DeliverySummary, ReplayProgress,
} from './types';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

let ephemeral: KeyObject | undefined;
/** A signing key for cores built without the data dir's SNS key (tests of delivery alone). */
const ephemeralKey = (): KeyObject => (ephemeral ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);

export interface DeliveryDeps {
  db: Db; clock: Clock; logger: Logger; version: string; config: CoreConfig;
  /** Retry delays for hooks without their own schedule, now (the settings service's getter). */
  defaultSchedule: () => readonly number[];
  /** The hooks (notifications owns their table). */
  hooks: HookDirectory;
  /** Jitter source, uniform in [0, 1) (tests pin it). */
  random?: () => number;
  /** Attempts in flight across all hooks (default 128). */
  maxConcurrency?: number;
  /** How often retention runs (default 10 min). */
  retentionIntervalMs?: number;
  /** Safety-net pass interval without a wake, e.g. after a hook is resumed (default 1 s). */
  pollIntervalMs?: number;
  /** How long stop() waits for in-flight attempts before aborting them (default 5 s). */
  stopGraceMs?: number;
  /** The connection's shared group commit: outcomes commit with the S3 writes of the same turn (default: its own). */
  group?: GroupCommit;
  /** The database's durability barrier: only rows it covered are claimed (default: none, every committed row). */
  durable?: () => Promise<void>;
  /** This server's base URL, where receivers fetch what flavours point at (default from config's host and port). */
  publicBase?: () => string;
  /** Signs SNS envelopes (RSA-SHA256, base64); default: a key made for this process (nothing serves its certificate). */
  snsSign?: (text: string) => string;
}

export interface Delivery {
  start(): void;
  /** Look for due work soon (coalesced into one pass per tick), of `hooks` only when given. Call after enqueueing or resuming a hook. */
  wake(hooks?: readonly { bucket: string; id: string }[]): void;
  /** Stop claiming, wait (bounded) for in-flight attempts; unfinished ones stay pending. */
  stop(): Promise<void>;
  /** Subscribe to live events (every type, or only `types`: the engine skips building events nobody wants); returns the unsubscribe function. */
  on(listener: DeliveryListener, types?: readonly DeliveryEventType[]): () => void;
  /** Be told as each request starts: its hook and the (key, sequencer) of the deliveries it carries. */
  onSending(listener: SendingListener): () => void;
  /** Be told as each request's answer (or failure) is known, before it is recorded: the same arguments, `at` its end. */
  onSent(listener: SendingListener): () => void;
  /** Same as `on` (the API layer's name). */
  subscribe(listener: DeliveryListener, types?: readonly DeliveryEventType[]): () => void;
  /** A page of the delivery log, newest first; `cursor` is the previous page's nextCursor; limit 1–500 (50). */
  list(filter?: DeliveryFilter, cursor?: string | null, limit?: number): DeliveryPage;
  /** How many deliveries match `filter`, by status. */
  count(filter?: DeliveryFilter): DeliveryCounts;
  /** The filtered deliveries per time bin and status (the log's histogram), in at most `maxBins` bins. */
  histogram(filter: DeliveryFilter, maxBins: number): DeliveryHistogram;
  /** One delivery with body, attempts and retry outlook; undefined when absent. */
  get(id: number): DeliveryDetail | undefined;
  /** Latest delivery of a hook and its pending count. */
  hookSummary(bucket: string, hookId: string): { last: DeliverySummary | null; pending: number };
  /** Send one delivery again now (trigger 'replay'). */
  replay(id: number): Promise<ReplayResult>;
  /** Start a bulk replay in the background; returns the initial progress, later ones come as 'replay.progress' events. */
  replayAll(filter: DeliveryFilter): ReplayProgress;
  /** Cancel a bulk replay; false when it is not running. */
  cancelReplay(jobId: string): boolean;
  /** Bulk replay and wait for it (the CLI's `replay` command). */
  replayMatching(filter: DeliveryFilter): Promise<ReplayProgress>;
  /** POST an s3:TestEvent to a hook (trigger 'test'); resolves with the id of the delivery recording it. */
  /** The request a sample hook of `flavour` (signed with the catalog's sample secret) would get for a stored body. */
  sampleRequest(flavour: PayloadFlavour, eventId: string, body: string): { headers: Record<string, string>; body: string };
  sendTestEvent(bucket: string, hookId: string): Promise<number>;
  /** Delete delivered entries older than the retention age now; resolves with the count. */
  prune(): Promise<number>;
  /** Attempts in flight right now. */
  inFlight(): number;
  /** Enqueue rows a caller follows (a backfill); returns their ids. Call wake() after. */
  enqueueTracked(entries: readonly OutboxEntry[]): number[];
  /** Fail the listed deliveries still waiting for their first attempt (not those being sent now); returns their ids. */
  cancelUnsent(ids: readonly number[], reason: string): number[];
  /** Log an event `listen` forwarded to a local receiver (replayable there like any delivery); returns its row. */
  recordForwarded(event: ForwardedEvent): DeliverySummary;
}

/** Told as a request to a hook starts. */
export type SendingListener = (hook: { bucket: string; id: string }, deliveries: readonly { id: number; key: string; sequencer: number }[], at: number) => void;

/** Build the delivery service (not started: call start()). */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const { db, clock, logger } = deps;
  const store = createStore(db, deps.group);
  const hooks = createDeliveryHooks(deps.hooks, deps.defaultSchedule);
  const hub = createEventHub(logger);
  const sending = new Set<SendingListener>();
  const sent = new Set<SendingListener>();
  const watcher = createCreatedWatcher(db, hub);
  const publicBase = deps.publicBase ?? (() => `http://${deps.config.host}:${deps.config.port}`);
  const snsSign = deps.snsSign ?? ((text: string) => createSign('RSA-SHA256').update(text).sign(ephemeralKey(), 'base64'));
  const requestContext = (now: number): RequestContext => ({
    version: deps.version, now, region: deps.config.region, ownerId: deps.config.ownerId, publicBase: publicBase(), snsSign,
  });
  const sender = createSendWorker();
  const slots = createReplaySlots((bucket, id) => engine.busy(bucket, id), () => engine.wake());
  const engine = createEngine({
    store, hooks, clock, logger, hub, requestContext, random: deps.random ?? Math.random, reserved: slots.reserved,
    maxConcurrency: deps.maxConcurrency ?? 128, pollIntervalMs: deps.pollIntervalMs ?? 1000, beforePass: () => watcher.poll(),
    durable: deps.durable, send: sender.send,
    onSending: (hook, rows, at) => { for (const l of sending) l(hook, rows, at); },
    onSent: (hook, rows, at) => { for (const l of sent) l(hook, rows, at); },
  });
  const queries = createQueries(db);
  const tracked = createTrackedOutbox(db, hub);
  const forwarded = createForwardedLog(db, store, hub);
  const replayer = createReplayer({ db, store, hooks, clock, hub, requestContext, forwarded, slots, send: sender.send });
  const bulk = createBulkReplay({ db, replayer, hub, logger });
  const retention = createRetention(db, deps.config.retentionMs);
  const interval = deps.retentionIntervalMs ?? 600_000;
  let cancelRetention: (() => void) | undefined;

  const prune = async (): Promise<number> => {
    const n = await retention.prune(clock.now());
    if (n) logger.info('pruned delivered deliveries', { count: n });
    return n;
  };
  const retentionTick = (): void => {
    cancelRetention = clock.setTimer(retentionTick, interval);
    store.failOrphans(clock.now(), (bucket, id) => hooks.get(bucket, id) !== undefined);
    prune().catch((err: unknown) => logger.error('retention failed', { error: String(err) }));
  };

  return {
    start() {
      engine.start();
      if (!cancelRetention) retentionTick();
    },
    wake: engine.wake,
    async stop() {
      cancelRetention?.();
      cancelRetention = undefined;
      bulk.cancelAll();
      await engine.stop(deps.stopGraceMs ?? 5000);
      await sender.close();
    },
    on: hub.on,
    onSending(listener) { sending.add(listener); return () => { sending.delete(listener); }; },
    onSent(listener) { sent.add(listener); return () => { sent.delete(listener); }; },
    subscribe: hub.on,
    list: (filter = {}, cursor, limit) => queries.list({ ...filter, cursor, limit }),
    count: (filter = {}) => queries.count(filter),
    histogram: (filter, maxBins) => deliveryHistogram(db, filter, maxBins),
    get(id) {
      const found = queries.get(id);
      if (!found) return undefined;
      const { autoAttempts, ...detail } = found;
      return { ...detail, retry: retryOutlook({ ...detail, autoAttempts }, hooks.get(detail.bucket, detail.hookId)) };
    },
    hookSummary: queries.hookSummary,
    replay: (id) => replayer.replay(id),
    replayAll: bulk.start,
    cancelReplay: bulk.cancel,
    replayMatching: (filter) => bulk.run(filter),
    sampleRequest: (flavour, eventId, body) => {
      const target = { bucket: 'example-bucket', id: 'example-hook', url: 'https://receiver.example/hook', flavour, secret: SAMPLE_SECRET, auth: null };
      const { headers, body: sent } = buildRequest(target, [{ eventId, body }], requestContext(clock.now()));
      return { headers, body: sent };
    },
    sendTestEvent: async (bucket, hookId) => (await replayer.sendTestEvent(bucket, hookId)).delivery.id,
    prune,
    inFlight: engine.inFlight,
    enqueueTracked: tracked.enqueue,
    cancelUnsent(ids, reason) {
      engine.dropPrefetched();
      return tracked.cancel(ids.filter((id) => !engine.sending(id)), clock.now(), reason);
    },
    recordForwarded: (event) => forwarded.record(event, clock.now()),
  };
}

export type { ReplayResult, DeliveryHistogram };
export type * from './types';
