// Replay (one and bulk, with progress and cancel), the test event, retention and live events,
// against a real receiver and real SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { DEFAULTS, type CoreConfig } from '../../src-main/core/kernel/config';
import { createDelivery, type Delivery, type DeliveryEvent, type ReplayProgress } from '../../src-main/core/delivery/create-delivery';
import { attemptRows, deliveryRow, enqueue, insertHook, tempDb, waitFor, type TempDb, hookDirectory } from './delivery-harness';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { DEFAULT_RETRY_SCHEDULE } from '../../src-shared/contract';

const config = { ...DEFAULTS, ownerId: 'o', accessKey: 'a', secretKey: 's', retentionMs: 7 * 86_400_000 } as CoreConfig;

describe('replay, test event, retention, live events', () => {
  let t: TempDb;
  let clock: FakeClock;
  let rx: Receiver;
  let delivery: Delivery;
  let events: DeliveryEvent[];

  beforeEach(async () => {
    t = tempDb();
    clock = new FakeClock();
    rx = await startReceiver();
    delivery = createDelivery({ defaultSchedule: () => DEFAULT_RETRY_SCHEDULE, hooks: hookDirectory(t.db), db: t.db, clock, logger: silentLogger, version: '1', config: { ...config, dataDir: t.dir }, random: () => 0.5, pollIntervalMs: 600_000 });
    events = [];
    delivery.on((e) => events.push(e));
  });
  afterEach(async () => { await rx.close(); await delivery.stop(); t.cleanup(); });

  it('replays one delivery whatever its state; history is appended, a failed replay keeps "delivered"', async () => {
    insertHook(t.db, { url: rx.url, schedule: [] });
    const ok = enqueue(t.db, { key: 'a', sequencer: 1, now: clock.now() });
    delivery.start();
    await waitFor(() => deliveryRow(t.db, ok).status === 'delivered');
    rx.behave({ status: 500 });
    const failed = enqueue(t.db, { key: 'b', sequencer: 2, now: clock.now() });
    delivery.wake();
    await waitFor(() => deliveryRow(t.db, failed).status === 'failed');

    const r1 = await delivery.replay(deliveryRow(t.db, ok).id);
    expect(r1).toMatchObject({ ok: false, status: 500 });
    expect(deliveryRow(t.db, ok)).toMatchObject({ status: 'delivered', attempts: 2 });
    rx.behave({ status: 200 });
    const r2 = await delivery.replay(deliveryRow(t.db, failed).id);
    expect(r2.ok).toBe(true);
    expect(deliveryRow(t.db, failed)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(attemptRows(t.db, failed).map((a) => [a.attempt, a.trigger, a.response_status])).toEqual([[1, 'initial', 500], [2, 'replay', 200]]);
    expect(rx.received.slice(-1)[0].headers['webhook-id']).toBe(failed);
    const detail = delivery.get(deliveryRow(t.db, failed).id)!;
    expect(detail.attemptLog).toHaveLength(2);
    expect(detail.attemptLog[1].requestBody).toBe(detail.body);
    expect(events.some((e) => e.type === 'delivery.attempted' && e.trigger === 'replay')).toBe(true);
  });

  it('refuses an unknown delivery with NotFound and a test event to an unknown hook with NoSuchHook', async () => {
    await expect(delivery.replay(424242)).rejects.toMatchObject({ code: 'NotFound', message: 'no delivery 424242' });
    await expect(delivery.sendTestEvent('photos', 'nope')).rejects.toMatchObject({ code: 'NoSuchHook' });
  });

  it('bulk replay keeps each key in event order across pages when row ids run against the sequencers', async () => {
    insertHook(t.db, { url: rx.url, schedule: [] });
    for (let i = 0; i < 1_001; i++) enqueue(t.db, { key: i % 2 ? 'x' : 'y', sequencer: 5_000 - i, now: clock.now() });
    t.db.prepare(`UPDATE deliveries SET status = 'failed'`).run();
    const replayed: { key: string; sequencer: number }[] = [];
    rx.behave((r) => {
      replayed.push((JSON.parse(r.body) as { Records: { s3: { object: { key: string; sequencer: number } } }[] }).Records[0].s3.object);
      return { status: 200 };
    });
    expect(await delivery.replayMatching({ status: 'failed' })).toMatchObject({ total: 1_001, done: 1_001, succeeded: 1_001 });
    for (const key of ['x', 'y']) {
      const order = replayed.filter((o) => o.key === key).map((o) => o.sequencer);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('bulk-replays by filter with progress events, per-key order, and can be cancelled', async () => {
    rx.behave({ status: 500 });
    insertHook(t.db, { id: 'h1', url: rx.url, schedule: [] });
    insertHook(t.db, { id: 'h2', url: rx.url, schedule: [] });
    // Row ids and sequencers disagree: the sequencers run backwards against insertion order.
    for (let i = 0; i < 60; i++) enqueue(t.db, { hookId: i % 2 ? 'h1' : 'h2', key: `k${i % 6}`, sequencer: 100 - i, now: clock.now() });
    delivery.start();
    await waitFor(() => (t.db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'failed'`).get() as { n: number }).n === 60);
    const inFlight = new Map<string, number>();
    let maxPerKey = 0;
    let maxTotal = 0;
    const replayed: { key: string; sequencer: number }[] = [];
    rx.behave((r) => {
      const o = (JSON.parse(r.body) as { Records: { s3: { object: { key: string; sequencer: number } } }[] }).Records[0].s3.object;
      inFlight.set(o.key, (inFlight.get(o.key) ?? 0) + 1);
      maxPerKey = Math.max(maxPerKey, inFlight.get(o.key)!);
      maxTotal = Math.max(maxTotal, [...inFlight.values()].reduce((a, b) => a + b, 0));
      replayed.push(o);
      setTimeout(() => inFlight.set(o.key, inFlight.get(o.key)! - 1), 15);
      return { status: 200, delayMs: 20 };
    });
    const before = rx.received.length;
    const final = await delivery.replayMatching({ hookId: 'h1', status: 'failed' });
    expect(final).toMatchObject({ total: 30, done: 30, succeeded: 30, failed: 0, finished: true, cancelled: false });
    expect(replayed).toHaveLength(30);
    expect(maxPerKey).toBe(1);
    expect(maxTotal).toBeGreaterThan(1);
    for (const key of ['k1', 'k3', 'k5']) {
      const order = replayed.filter((o) => o.key === key).map((o) => o.sequencer);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(order).toHaveLength(10);
    }
    expect((t.db.prepare(`SELECT COUNT(*) AS n FROM delivery_attempts WHERE trigger = 'bulk-replay'`).get() as { n: number }).n).toBe(30);
    const progress = events.filter((e): e is { type: 'replay.progress'; progress: ReplayProgress } => e.type === 'replay.progress');
    expect(progress[0].progress).toMatchObject({ done: 0, total: 30 });
    expect(progress.at(-1)!.progress.finished).toBe(true);

    rx.behave({ status: 200, delayMs: 30 });
    const started = delivery.replayAll({ hookId: 'h2' });
    expect(started.total).toBe(30);
    await waitFor(() => events.some((e) => e.type === 'replay.progress' && e.progress.jobId === started.jobId && e.progress.done >= 0) && rx.received.length > before + 30);
    expect(delivery.cancelReplay(started.jobId)).toBe(true);
    await waitFor(() => events.some((e) => e.type === 'replay.progress' && e.progress.jobId === started.jobId && e.progress.finished));
    const last = events.filter((e) => e.type === 'replay.progress' && e.progress.jobId === started.jobId).at(-1) as { progress: ReplayProgress };
    expect(last.progress.cancelled).toBe(true);
    expect(last.progress.done).toBeLessThan(30);
    expect(delivery.cancelReplay(started.jobId)).toBe(false);
  });

  it('sends an s3:TestEvent recorded as a delivery with one "test" attempt', async () => {
    insertHook(t.db, { url: rx.url, state: 'paused' });
    const id = await delivery.sendTestEvent('bucket', 'hook');
    const body = JSON.parse(rx.received[0].body) as Record<string, string>;
    expect(body).toMatchObject({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'bucket' });
    expect(body.Time).toBe(new Date(clock.now()).toISOString());
    const detail = delivery.get(id)!;
    expect(detail).toMatchObject({ status: 'delivered', eventName: 's3:TestEvent' });
    expect(detail.attemptLog.map((a) => a.trigger)).toEqual(['test']);
    await expect(delivery.sendTestEvent('bucket', 'nope')).rejects.toThrow(/no hook/);
  });

  it('prunes delivered entries past retention with their attempts, never pending or failed ones', async () => {
    insertHook(t.db, { url: rx.url, schedule: [] });
    const old = enqueue(t.db, { key: 'a', sequencer: 1, now: clock.now() });
    delivery.start();
    await waitFor(() => deliveryRow(t.db, old).status === 'delivered');
    rx.behave({ status: 500 });
    const failed = enqueue(t.db, { key: 'b', sequencer: 2, now: clock.now() });
    delivery.wake();
    await waitFor(() => deliveryRow(t.db, failed).status === 'failed');
    t.db.prepare(`UPDATE hooks SET state = 'paused'`).run();
    const pending = enqueue(t.db, { key: 'c', sequencer: 3, now: clock.now() });
    await clock.advance(7 * 86_400_000 - 1);
    expect(await delivery.prune()).toBe(0);
    await clock.advance(2);
    expect(await delivery.prune()).toBe(1);
    expect(deliveryRow(t.db, old)).toBeUndefined();
    expect((t.db.prepare('SELECT COUNT(*) AS n FROM delivery_attempts WHERE delivery_id NOT IN (SELECT id FROM deliveries)').get() as { n: number }).n).toBe(0);
    expect(deliveryRow(t.db, failed).status).toBe('failed');
    expect(deliveryRow(t.db, pending).status).toBe('pending');
  });

  it('runs retention periodically on the clock', async () => {
    insertHook(t.db, { url: rx.url });
    const id = enqueue(t.db, { key: 'a', sequencer: 1, now: clock.now() });
    delivery.start();
    await waitFor(() => deliveryRow(t.db, id)?.status === 'delivered');
    await clock.advance(7 * 86_400_000 + 600_000);
    await waitFor(() => deliveryRow(t.db, id) === undefined);
  });

  it('emits created, attempted and finished events', async () => {
    insertHook(t.db, { url: rx.url });
    delivery.start();
    await new Promise((r) => setTimeout(r, 20));
    const id = enqueue(t.db, { key: 'a', sequencer: 1, now: clock.now() });
    delivery.wake();
    await waitFor(() => events.some((e) => e.type === 'delivery.finished'));
    delivery.wake(); // one more pass of the created-event watcher: it must not announce the row again
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(events.map((e) => e.type)).toEqual(['delivery.created', 'delivery.attempted', 'delivery.finished']);
    expect(events[0]).toMatchObject({ delivery: { eventId: id, status: 'pending' } });
    expect(events[2]).toMatchObject({ delivery: { eventId: id, status: 'delivered', attempts: 1 } });
  });
});
