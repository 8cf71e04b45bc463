// The engine's stop: requests still open when the grace ends are aborted through their signal and their rows stay
// pending, also in a run started again after a stop (each run aborts its own requests); many open requests share
// one signal without a listener-leak warning.
import { afterEach, expect, it, onTestFinished } from 'vitest';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { createEngine } from '../../src-main/core/delivery/engine';
import { createStore } from '../../src-main/core/delivery/store';
import { createEventHub } from '../../src-main/core/delivery/events';
import { createDeliveryHooks } from '../../src-main/core/delivery/hooks';
import type { Send } from '../../src-main/core/delivery/sender';
import { DEFAULT_RETRY_SCHEDULE } from '../../src-shared/contract';
import { deliveryRow, enqueue, hookDirectory, insertHook, tempDb, waitFor, type TempDb } from './delivery-harness';

let t: TempDb | undefined;
afterEach(() => t?.cleanup());

const OPEN = 12;

it('stop aborts the requests still open after the grace, run after run; their rows stay pending', async () => {
  t = tempDb();
  const clock = new FakeClock(Date.now());
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  onTestFinished(() => { process.off('warning', onWarning); });
  insertHook(t.db, { url: 'http://127.0.0.1:9/hook', concurrency: OPEN });
  const ids = Array.from({ length: OPEN }, (_, i) => enqueue(t!.db, { key: `k${i}`, sequencer: i + 1, now: clock.now() }));
  let started = 0;
  let aborted = 0;
  // A receiver that never answers: the attempt ends only when its signal aborts.
  const send: Send = (req) => new Promise((resolve) => {
    started++;
    req.signal?.addEventListener('abort', () => { aborted++; resolve({ kind: 'failed', errorClass: 'other', message: 'aborted', durationMs: 0, startedAt: clock.now() }); });
  });
  const engine = createEngine({
    store: createStore(t.db), hooks: createDeliveryHooks(hookDirectory(t.db), () => DEFAULT_RETRY_SCHEDULE), clock,
    logger: silentLogger, hub: createEventHub(silentLogger), random: () => 0.5, maxConcurrency: 64, pollIntervalMs: 600_000, send,
    requestContext: (now) => ({ version: 'test', now, region: 'ru-msk', ownerId: 'o', publicBase: 'http://127.0.0.1', snsSign: () => '' }),
  });
  for (let run = 1; run <= 2; run++) {
    engine.start();
    await waitFor(() => started === run * OPEN, 5000, `the attempts of run ${run}`);
    const stopped = engine.stop(1000);
    await clock.advance(1000);
    await stopped;
    expect(aborted).toBe(run * OPEN);
    for (const id of ids) expect(deliveryRow(t.db, id)).toMatchObject({ status: 'pending', attempts: 0 });
  }
  await new Promise((r) => setImmediate(r));
  expect(warnings).toEqual([]);
});
