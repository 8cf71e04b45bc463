// Engine ordering and isolation: one delivery at a time per (hook, key) in sequencer order while
// earlier events retry, parallel keys bounded by hook concurrency, a dead hook never slows a live one,
// pause/resume, and recovery of rows left pending by a stopped (or crashed) engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { DEFAULTS, type CoreConfig } from '../../src-main/core/kernel/config';
import { createDelivery, type Delivery } from '../../src-main/core/delivery/create-delivery';
import { deliveryRow, enqueue, insertHook, tempDb, waitFor, type TempDb, hookDirectory } from './delivery-harness';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { freePort } from '../helpers/ports';
import { DEFAULT_RETRY_SCHEDULE } from '../../src-shared/contract';

const config = { ...DEFAULTS, ownerId: 'o', accessKey: 'a', secretKey: 's' } as CoreConfig;
const seqOf = (body: string) => (JSON.parse(body) as { Records: { s3: { object: { key: string; sequencer: number } } }[] }).Records[0].s3.object;

describe('delivery ordering and isolation', () => {
  let t: TempDb;
  let clock: FakeClock;
  let rx: Receiver;
  const engines: Delivery[] = [];
  const start = (opts: { stopGraceMs?: number; maxConcurrency?: number } = {}) => {
    const d = createDelivery({ defaultSchedule: () => DEFAULT_RETRY_SCHEDULE, hooks: hookDirectory(t.db), db: t.db, clock, logger: silentLogger, version: '1', config: { ...config, dataDir: t.dir }, random: () => 0.5, pollIntervalMs: 600_000, ...opts });
    engines.push(d);
    d.start();
    return d;
  };
  const pendingCount = () => (t.db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'`).get() as { n: number }).n;

  beforeEach(async () => { t = tempDb(); clock = new FakeClock(); rx = await startReceiver(); });
  afterEach(async () => {
    await rx.close();
    for (const d of engines.splice(0)) await d.stop();
    t.cleanup();
  });

  it('keeps one in flight per key, in sequencer order, while earlier events retry; keys run in parallel', async () => {
    const inFlight = new Map<string, number>();
    let maxPerKey = 0;
    let maxTotal = 0;
    let total = 0;
    const delivered: { key: string; sequencer: number }[] = [];
    const failedOnce = new Set<string>();
    rx.behave((r) => {
      const o = seqOf(r.body);
      const n = (inFlight.get(o.key) ?? 0) + 1;
      inFlight.set(o.key, n);
      total++;
      maxPerKey = Math.max(maxPerKey, n);
      maxTotal = Math.max(maxTotal, total);
      const id = `${o.key}/${o.sequencer}`;
      const fail = o.sequencer % 3 === 1 && !failedOnce.has(id);
      if (fail) failedOnce.add(id);
      setTimeout(() => { inFlight.set(o.key, inFlight.get(o.key)! - 1); total--; if (!fail) delivered.push(o); }, 15);
      return { status: fail ? 500 : 200, delayMs: 20 };
    });
    insertHook(t.db, { url: rx.url, concurrency: 4, schedule: [1000] });
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    // Row ids and sequencers disagree: each key's events are inserted in a shuffled sequencer order.
    for (const [k, key] of keys.entries()) for (const round of [3, 0, 4, 1, 2]) enqueue(t.db, { key, sequencer: 1 + round * 6 + ((k + round) % 6), now: clock.now() });
    start();
    for (let i = 0; i < 20 && pendingCount() > 0; i++) {
      await waitFor(() => rx.received.length > 0 && total === 0, 5000);
      await new Promise((r) => setTimeout(r, 40));
      await clock.advance(1000);
    }
    await waitFor(() => pendingCount() === 0 && delivered.length === 30, 5000, 'all delivered');
    expect(maxPerKey).toBe(1);
    expect(maxTotal).toBeGreaterThan(1);
    expect(maxTotal).toBeLessThanOrEqual(4);
    for (const key of keys) {
      const order = delivered.filter((d) => d.key === key).map((d) => d.sequencer);
      expect(order).toEqual([...order].sort((x, y) => x - y));
      expect(order).toHaveLength(5);
    }
  });

  it('a later event waits while the earlier one of the same key is scheduled for retry', async () => {
    rx.behave((r) => ({ status: seqOf(r.body).sequencer === 1 && rx.received.length === 1 ? 500 : 200 }));
    insertHook(t.db, { url: rx.url, schedule: [30_000] });
    const second = enqueue(t.db, { key: 'k', sequencer: 2, now: clock.now() });
    const first = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    const other = enqueue(t.db, { key: 'other', sequencer: 3, now: clock.now() });
    start();
    await waitFor(() => deliveryRow(t.db, first).attempts === 1 && deliveryRow(t.db, other).status === 'delivered');
    await clock.advance(29_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(deliveryRow(t.db, second).status).toBe('pending');
    expect(rx.received.map((r) => seqOf(r.body).sequencer).sort()).toEqual([1, 3]);
    await clock.advance(1_000);
    await waitFor(() => deliveryRow(t.db, second).status === 'delivered');
    expect(rx.received.map((r) => seqOf(r.body).sequencer)).toEqual([1, 3, 1, 2]);
  });

  it('a hanging hook and a dead hook never slow a live one', async () => {
    const hang = await startReceiver();
    hang.behave('hang');
    try {
      insertHook(t.db, { id: 'hang', url: hang.url, timeoutMs: 10_000 });
      insertHook(t.db, { id: 'dead', url: `http://127.0.0.1:${await freePort()}/` });
      insertHook(t.db, { id: 'live', url: rx.url });
      const live: string[] = [];
      for (let i = 0; i < 200; i++) {
        enqueue(t.db, { hookId: 'hang', key: `k${i}`, sequencer: i, now: clock.now() });
        enqueue(t.db, { hookId: 'dead', key: `k${i}`, sequencer: i, now: clock.now() });
        live.push(enqueue(t.db, { hookId: 'live', key: `k${i}`, sequencer: i, now: clock.now() }));
      }
      const d = start();
      await waitFor(() => live.every((id) => deliveryRow(t.db, id).status === 'delivered'), 5000, 'live hook drained');
      // The live hook drained while the hanging hook's first attempts are all still unanswered (the fake clock
      // never reaches their timeout).
      expect(d.inFlight()).toBeGreaterThanOrEqual(8);
      expect(t.db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE hook_id = 'hang' AND attempts > 0`).get()).toEqual({ n: 0 });
      await waitFor(() => hang.received.length >= 8);
      await new Promise((r) => setTimeout(r, 50));
      expect(hang.received.length).toBe(8);
    } finally {
      await hang.close();
    }
  });

  it('keeps attempts across all hooks within the engine-wide limit', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    rx.behave(() => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      setTimeout(() => inFlight--, 15);
      return { status: 200, delayMs: 20 };
    });
    insertHook(t.db, { id: 'h1', url: rx.url, concurrency: 8 });
    insertHook(t.db, { id: 'h2', url: rx.url, concurrency: 8 });
    for (let i = 0; i < 24; i++) enqueue(t.db, { hookId: i % 2 ? 'h1' : 'h2', key: `k${i}`, sequencer: i, now: clock.now() });
    start({ maxConcurrency: 3 });
    await waitFor(() => pendingCount() === 0, 5000, 'all delivered');
    expect(rx.received).toHaveLength(24);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThan(1);
  });

  it('a paused hook accumulates and drains on resume (wake)', async () => {
    insertHook(t.db, { url: rx.url, state: 'paused' });
    for (let i = 0; i < 20; i++) enqueue(t.db, { key: `k${i}`, sequencer: i, now: clock.now() });
    const d = start();
    let started = 0; // requests begin on this thread, before the send worker posts them: no waiting for the wire
    d.onSending(() => { started++; });
    await clock.advance(10_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toBe(0);
    expect(rx.received).toHaveLength(0);
    t.db.prepare(`UPDATE hooks SET state = 'active'`).run();
    d.wake();
    await waitFor(() => pendingCount() === 0);
    expect(rx.received).toHaveLength(20);
  });

  it('a resumed hook is also picked up without a wake by the periodic pass', async () => {
    insertHook(t.db, { url: rx.url, state: 'paused' });
    enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    const d = createDelivery({ defaultSchedule: () => DEFAULT_RETRY_SCHEDULE, hooks: hookDirectory(t.db), db: t.db, clock, logger: silentLogger, version: '1', config: { ...config, dataDir: t.dir }, pollIntervalMs: 1000 });
    engines.push(d);
    d.start();
    await new Promise((r) => setTimeout(r, 30));
    t.db.prepare(`UPDATE hooks SET state = 'active'`).run();
    await clock.advance(1000);
    await waitFor(() => pendingCount() === 0);
    expect(rx.received).toHaveLength(1);
  });

  it('an attempt cut off by stop stays pending and is delivered by the next engine (at least once)', async () => {
    rx.behave('hang');
    insertHook(t.db, { url: rx.url });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    const first = start({ stopGraceMs: 100 });
    await waitFor(() => rx.received.length === 1);
    const stopped = first.stop();
    await clock.advance(100);
    await stopped;
    expect(deliveryRow(t.db, id)).toMatchObject({ status: 'pending', attempts: 0 });
    await waitFor(() => rx.received[0].abandoned, 5000, 'the cut-off attempt to close its connection');
    rx.behave({ status: 200 });
    start();
    await waitFor(() => deliveryRow(t.db, id).status === 'delivered');
    expect(rx.received.map((r) => r.headers['webhook-id'])).toEqual([id, id]);
  });

  it('fails pending deliveries of a hook that no longer exists', async () => {
    const id = enqueue(t.db, { hookId: 'gone', key: 'k', sequencer: 1, now: clock.now() });
    start();
    expect(deliveryRow(t.db, id)).toMatchObject({ status: 'failed' });
    expect(deliveryRow(t.db, id).last_error).toMatch(/no longer exists/);
  });
});
