// Backfills stay bounded, through the app API of a real core: one backfill per hook at a time and MAX_BACKFILLS in
// all; more are refused with a clear message and start nothing (the review queued ~100,000 deliveries with 100
// backfills of one hook). A finished or cancelled job frees its place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { MAX_BACKFILLS } from '../../src-main/core/backfill/create-backfill';

let core: TestCore;
let held: Receiver;
const HOOKS = Array.from({ length: MAX_BACKFILLS + 1 }, (_, i) => `h${i}`);

beforeAll(async () => {
  held = await startReceiver({ behaviour: { status: 200, body: 'ok', delayMs: 8000 } });
  core = await startTestCore();
  await core.api['buckets.create']({ name: 'many' });
  const ctx = { requestId: 'seed', hostId: 'seed', sourceIp: '127.0.0.1', principalId: 'seed' };
  await Promise.all(Array.from({ length: 20 }, (_, i) => core.storage.putObject({
    bucket: 'many', key: `k${i}`, source: Readable.from([Buffer.from('x')]), meta: {}, algorithms: [], eventName: 's3:ObjectCreated:Put', ctx,
  })));
  for (const [i, id] of HOOKS.entries()) {
    await core.api['hooks.upsert']({ bucket: 'many', hook: { id, events: ['s3:ObjectCreated:Put'], url: `${held.url}?${i}`, prefix: `k${i}` } });
  }
});
afterAll(async () => {
  await core?.stop();
  await held?.close();
});

describe('bounded backfills', () => {
  it('runs one per hook and MAX_BACKFILLS in all, refusing more with the reason', async () => {
    const first = await core.api['hooks.backfill']({ bucket: 'many', id: 'h0' });
    await expect(core.api['hooks.backfill']({ bucket: 'many', id: 'h0' })).rejects.toMatchObject({
      code: 'BackfillRunning', message: `A backfill of hook h0 is already running (job ${first.jobId}): wait for it to finish or cancel it`,
    });
    const others = [];
    for (const id of HOOKS.slice(1, MAX_BACKFILLS)) others.push(await core.api['hooks.backfill']({ bucket: 'many', id }));
    const before = (await core.api['deliveries.count']({ filter: {} }));
    await expect(core.api['hooks.backfill']({ bucket: 'many', id: HOOKS[MAX_BACKFILLS] })).rejects.toMatchObject({
      code: 'TooManyJobs', message: `${MAX_BACKFILLS} backfills are already running, the most at a time: wait for one to finish or cancel one`,
    });
    expect(await core.api['deliveries.count']({ filter: {} })).toEqual(before);
    // Cancelling one frees its place once what it had in flight is answered.
    await core.api['hooks.cancelBackfill']({ jobId: others[0].jobId });
    await expect.poll(async () => (await core.api['hooks.backfill']({ bucket: 'many', id: HOOKS[MAX_BACKFILLS] }).catch((e: Error) => e)) instanceof Error, { timeout: 60_000, interval: 500 })
      .toBe(false);
  }, 120_000);
});
