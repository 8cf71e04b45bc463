// The engine's side of "no event before its change is durable": with a durability barrier that has not resolved, no
// row enqueued after the engine looked is sent (neither read as new rows nor by a hook's own claim); once the barrier
// resolves they go out, and an engine without a barrier sends committed rows at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { DEFAULTS, type CoreConfig } from '../../src-main/core/kernel/config';
import { createDelivery, type Delivery } from '../../src-main/core/delivery/create-delivery';
import { deliveryRow, enqueue, hookDirectory, insertHook, tempDb, waitFor, type TempDb } from './delivery-harness';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { DEFAULT_RETRY_SCHEDULE } from '../../src-shared/contract';

const config = { ...DEFAULTS, ownerId: 'o', accessKey: 'a', secretKey: 's' } as CoreConfig;

describe('claims wait for the durability barrier', () => {
  let t: TempDb;
  let rx: Receiver;
  let clock: FakeClock;
  let delivery: Delivery | undefined;
  /** Resolvers of the barrier calls made so far, in order. */
  const syncs: (() => void)[] = [];
  const durable = () => new Promise<void>((resolve) => { syncs.push(resolve); });
  const start = (withBarrier: boolean) => {
    delivery = createDelivery({ defaultSchedule: () => DEFAULT_RETRY_SCHEDULE, hooks: hookDirectory(t.db), db: t.db, clock,
      logger: silentLogger, version: '1', config: { ...config, dataDir: t.dir }, random: () => 0.5, pollIntervalMs: 600_000,
      durable: withBarrier ? durable : undefined });
    delivery.start();
    return delivery;
  };
  const settle = () => new Promise((r) => setTimeout(r, 100));

  beforeEach(async () => { t = tempDb(); clock = new FakeClock(); rx = await startReceiver(); syncs.length = 0; });
  afterEach(async () => {
    for (const resolve of syncs) resolve();
    await delivery?.stop();
    await rx.close();
    t.cleanup();
  });

  it('sends nothing enqueued before the barrier resolved, then everything it covered', async () => {
    insertHook(t.db, { url: rx.url });
    const first = enqueue(t.db, { key: 'a', sequencer: 1, now: clock.now() });
    const d = start(true);
    let started = 0; // requests begin on this thread, before the send worker posts them: no waiting for the wire
    d.onSending((_hook, rows) => { started += rows.length; });
    await waitFor(() => syncs.length === 1, 5000, 'the first sync');
    await settle();
    expect(started).toBe(0);
    expect(rx.received).toHaveLength(0);
    syncs[0]();
    await waitFor(() => deliveryRow(t.db, first).status === 'delivered', 5000, 'the first row after its sync');

    // A row committed now is read as new (one range for every hook) only after a sync that began after its commit.
    const second = enqueue(t.db, { key: 'b', sequencer: 2, now: clock.now() });
    d.wake([{ bucket: 'bucket', id: 'hook' }]);
    await waitFor(() => syncs.length === 2, 5000, 'the second sync');
    d.wake(); // every hook claimed on its own: still nothing past the barrier
    await settle();
    expect(started).toBe(1);
    expect(rx.received).toHaveLength(1);
    syncs[1]();
    await waitFor(() => deliveryRow(t.db, second).status === 'delivered', 5000, 'the second row after its sync');
    expect(rx.received).toHaveLength(2);
  });

  it('without a barrier, committed rows go at once', async () => {
    insertHook(t.db, { url: rx.url });
    const id = enqueue(t.db, { key: 'a', sequencer: 1, now: clock.now() });
    start(false);
    await waitFor(() => deliveryRow(t.db, id).status === 'delivered', 5000, 'delivered');
  });
});
