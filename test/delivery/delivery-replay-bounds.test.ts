// Bulk replays stay bounded, against a real receiver and real SQLite: requests in flight to a hook never exceed its
// concurrency, however many replay jobs run (the review saw ~67 against a limit of 8); one job per hook and
// MAX_REPLAY_JOBS in all, more refused with a clear message.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { DEFAULTS, type CoreConfig } from '../../src-main/core/kernel/config';
import { createDelivery, type Delivery, type DeliveryEvent } from '../../src-main/core/delivery/create-delivery';
import { MAX_REPLAY_JOBS } from '../../src-main/core/delivery/bulk-replay';
import { deliveryRow, enqueue, hookDirectory, insertHook, tempDb, waitFor, type TempDb } from './delivery-harness';
import { DEFAULT_RETRY_SCHEDULE } from '../../src-shared/contract';

const config = { ...DEFAULTS, ownerId: 'o', accessKey: 'a', secretKey: 's', retentionMs: 7 * 86_400_000 } as CoreConfig;

/** A receiver that holds each request `holdMs` and counts how many it holds at once; `fail` answers 500. */
async function countingReceiver(holdMs: number) {
  let current = 0;
  const state = { max: 0, total: 0, fail: true };
  const server = http.createServer((req, res) => {
    req.resume();
    current++;
    state.total++;
    state.max = Math.max(state.max, current);
    setTimeout(() => { current--; res.writeHead(state.fail ? 500 : 200); res.end(); }, holdMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => { server.closeAllConnections(); return new Promise((r) => server.close(r)); },
  };
}

describe('bounded bulk replays', () => {
  let t: TempDb;
  let delivery: Delivery;
  let rx: Awaited<ReturnType<typeof countingReceiver>>;
  const events: DeliveryEvent[] = [];

  beforeEach(async () => {
    t = tempDb();
    rx = await countingReceiver(30);
    delivery = createDelivery({ defaultSchedule: () => DEFAULT_RETRY_SCHEDULE, hooks: hookDirectory(t.db), db: t.db, clock: new FakeClock(), logger: silentLogger,
      version: '1', config: { ...config, dataDir: t.dir }, random: () => 0.5, pollIntervalMs: 600_000 });
    delivery.on((e) => events.push(e));
  });
  afterEach(async () => { await delivery.stop(); await rx.close(); t.cleanup(); });

  it('keeps the requests in flight to a hook within its concurrency, across every running job', async () => {
    insertHook(t.db, { url: rx.url, schedule: [], concurrency: 3 });
    const ids = ['a', 'b', 'c'].flatMap((p) => Array.from({ length: 20 }, (_, i) => enqueue(t.db, { key: `${p}/${i}`, sequencer: i + 1, now: 0 })));
    delivery.start();
    await waitFor(() => ids.every((id) => deliveryRow(t.db, id).status === 'failed'), 20_000, 'every first attempt');
    expect(rx.state.max).toBeLessThanOrEqual(3);
    rx.state.max = 0;
    rx.state.total = 0;
    rx.state.fail = false;
    const jobs = ['a/', 'b/', 'c/'].map((keyPrefix) => delivery.replayAll({ status: 'failed', keyPrefix }));
    await waitFor(() => jobs.every((j) => events.some((e) => e.type === 'replay.progress' && e.progress.jobId === j.jobId && e.progress.finished)), 20_000, 'the replays');
    expect(rx.state.total).toBe(60);
    expect(rx.state.max).toBe(3);
  }, 40_000);

  it('runs one bulk replay per hook and a few in all, refusing more with the reason', async () => {
    insertHook(t.db, { url: rx.url, schedule: [], concurrency: 1 });
    for (let i = 0; i < 10; i++) enqueue(t.db, { key: `k${i}`, sequencer: i + 1, now: 0 });
    delivery.start();
    const first = delivery.replayAll({ hookId: 'hook' });
    expect(() => delivery.replayAll({ bucket: 'bucket', hookId: 'hook' })).toThrow(expect.objectContaining({
      code: 'ReplayRunning', message: `A bulk replay of hook hook is already running (job ${first.jobId}): wait for it to finish or cancel it`,
    }));
    const others = Array.from({ length: MAX_REPLAY_JOBS - 1 }, (_, i) => delivery.replayAll({ keyPrefix: `k${i}` }));
    expect(() => delivery.replayAll({ keyPrefix: 'k9' })).toThrow(expect.objectContaining({
      code: 'TooManyJobs', message: `${MAX_REPLAY_JOBS} bulk replays are already running, the most at a time: wait for one to finish or cancel one`,
    }));
    // A cancelled job no longer holds its hook.
    expect(delivery.cancelReplay(first.jobId)).toBe(true);
    for (const job of others) delivery.cancelReplay(job.jobId);
    await waitFor(() => [first, ...others].every((j) => events.some((e) => e.type === 'replay.progress' && e.progress.jobId === j.jobId && e.progress.finished)), 20_000);
    expect(delivery.replayAll({ hookId: 'hook' }).total).toBe(10);
  }, 40_000);
});
