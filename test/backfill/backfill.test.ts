// Backfill end to end: 10,000 objects written before their hooks existed, then "send events for existing objects":
// 10,000 Put-shaped deliveries (trigger 'backfill') to a real receiver, only for keys under the prefix, progress events
// along the way, and a PUT made meanwhile delivered before the backfill ends (it does not hold the server up). Cancel
// stops it: fewer enqueued than objects, nothing more reaches the receiver, what was not sent yet fails as cancelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { ApiEventMessage, BackfillProgress } from '../../src-shared/contract';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';

const OBJECTS = 10_000;
/** Objects of the bucket whose backfill is cancelled (more than one window of the backfill). */
const CANCELLED = 2000;
let core: TestCore;
let fast: Receiver;
let slow: Receiver;

/** Write `keys` into a new bucket through the core's storage (as a PUT commits them), 500 at a time. */
async function seed(bucket: string, keys: string[]): Promise<void> {
  await core.api['buckets.create']({ name: bucket });
  const ctx = { requestId: 'seed', hostId: 'seed', sourceIp: '127.0.0.1', principalId: 'seed' };
  for (let i = 0; i < keys.length; i += 500) {
    await Promise.all(keys.slice(i, i + 500).map((key) => core.storage.putObject({
      bucket, key, source: Readable.from([Buffer.from('body')]), meta: {}, algorithms: [], eventName: 's3:ObjectCreated:Put', ctx,
    })));
  }
}

/** Bucket `old` holds OBJECTS objects under `obj/` and three under `other/`, bucket `older` CANCELLED objects; their hooks come after them. */
beforeAll(async () => {
  fast = await startReceiver();
  slow = await startReceiver({ behaviour: { status: 200, body: 'ok', delayMs: 20 } });
  core = await startTestCore();
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `obj/${String(i).padStart(5, '0')}`);
  await seed('old', [...keys(OBJECTS), 'other/a', 'other/b', 'other/c']);
  await seed('older', keys(CANCELLED));
  await core.api['hooks.upsert']({ bucket: 'old', hook: { id: 'late', events: ['s3:ObjectCreated:*'], url: fast.url } });
  await core.api['hooks.upsert']({ bucket: 'older', hook: { id: 'slow', events: ['s3:ObjectCreated:Put'], url: slow.url } });
}, 120_000);
afterAll(async () => {
  await core?.stop();
  await fast?.close();
  await slow?.close();
});

/** Start a backfill and collect its progress events until it finishes. */
function follow(start: () => Promise<BackfillProgress>): { started: Promise<BackfillProgress>; events: BackfillProgress[]; done: Promise<BackfillProgress> } {
  const events: BackfillProgress[] = [];
  let started!: Promise<BackfillProgress>;
  const done = new Promise<BackfillProgress>((resolve) => {
    const off = core.api.subscribe((e: ApiEventMessage) => {
      if (e.name !== 'hooks.backfillProgress') return;
      events.push(e.payload);
      if (e.payload.finished) { off(); resolve(e.payload); }
    });
    started = start();
  });
  return { started, events, done };
}

const attemptTriggers = (hookId: string) => core.db.prepare(`SELECT a.trigger, COUNT(*) AS n FROM delivery_attempts a
  JOIN deliveries d ON d.id = a.delivery_id WHERE d.hook_id = ? GROUP BY a.trigger`).all(hookId) as { trigger: string; n: number }[];

describe('backfill', () => {
  it('sends 10,000 existing objects under the prefix as Put events, with progress; a PUT meanwhile is delivered at once', async () => {
    const job = follow(() => core.api['hooks.backfill']({ bucket: 'old', id: 'late', prefix: 'obj/' }));
    await expect.poll(() => job.events.some((e) => e.sent > 0), { timeout: 60_000, interval: 5 }).toBe(true);
    await core.s3.send(new PutObjectCommand({ Bucket: 'old', Key: 'live/new', Body: 'fresh' }));
    await expect.poll(() => fast.received.some((p) => p.records[0].key === 'live/new'), { timeout: 60_000, interval: 5 }).toBe(true);
    expect(job.events.some((e) => e.finished)).toBe(false);
    const final = await job.done;
    expect(final).toMatchObject({ total: OBJECTS, queued: OBJECTS, sent: OBJECTS, delivered: OBJECTS, failed: 0, dropped: 0, cancelled: false, error: null });
    expect((await job.started).prefix).toBe('obj/');
    const progress = job.events.filter((e) => !e.finished);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.some((e) => e.sent > 0 && e.sent < OBJECTS)).toBe(true);
    expect(progress.map((e) => e.sent)).toEqual([...progress.map((e) => e.sent)].sort((a, b) => a - b));

    const records = fast.received.flatMap((p) => p.records).filter((x) => x.key !== 'live/new');
    expect(records).toHaveLength(OBJECTS);
    expect(new Set(records.map((x) => x.key)).size).toBe(OBJECTS);
    expect(records.every((x) => x.key.startsWith('obj/') && x.eventName === 's3:ObjectCreated:Put' && x.size === 4)).toBe(true);
    expect(core.delivery.count({ bucket: 'old', hookId: 'late' })).toEqual({ pending: 0, delivered: OBJECTS + 1, failed: 0 });
    expect(attemptTriggers('late')).toEqual([{ trigger: 'backfill', n: OBJECTS }, { trigger: 'initial', n: 1 }]);
  }, 120_000);

  it('cancel stops it: fewer enqueued than objects, the receiver gets nothing more, what was not sent yet fails as cancelled', async () => {
    const job = follow(() => core.api['hooks.backfill']({ bucket: 'older', id: 'slow' }));
    const { jobId } = await job.started;
    await expect.poll(() => slow.received.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(50);
    expect(await core.api['hooks.cancelBackfill']({ jobId })).toEqual({ cancelled: true });
    const final = await job.done;
    expect(final).toMatchObject({ total: CANCELLED, cancelled: true, error: null });
    expect(final.queued).toBeLessThan(final.total);
    const counts = core.delivery.count({ bucket: 'older', hookId: 'slow' });
    expect(final.dropped).toBeGreaterThan(0);
    expect(final).toMatchObject({ sent: final.delivered + final.failed, queued: final.sent + final.dropped });
    expect(counts).toEqual({ pending: 0, delivered: final.delivered, failed: final.failed + final.dropped });
    expect(slow.received.length).toBe(counts.delivered);
    const cancelled = core.delivery.list({ bucket: 'older', hookId: 'slow', status: 'failed' }, null, 1).items[0];
    expect(cancelled?.lastError).toBe('cancelled: the backfill was cancelled');
    expect(await core.api['hooks.cancelBackfill']({ jobId })).toEqual({ cancelled: false });
  }, 120_000);

  it('stops with the reason when its hook is deleted meanwhile', async () => {
    await seed('oldest', Array.from({ length: CANCELLED }, (_, i) => `k/${i}`));
    await core.api['hooks.upsert']({ bucket: 'oldest', hook: { id: 'doomed', events: ['s3:ObjectCreated:*'], url: slow.url } });
    const job = follow(() => core.api['hooks.backfill']({ bucket: 'oldest', id: 'doomed' }));
    await expect.poll(() => job.events.some((e) => e.sent > 0), { timeout: 60_000 }).toBe(true);
    await core.api['hooks.delete']({ bucket: 'oldest', ids: ['doomed'] });
    const final = await job.done;
    expect(final).toMatchObject({ finished: true, cancelled: false, error: 'Bucket oldest has no hook with Id doomed' });
    expect(final.queued).toBeLessThan(CANCELLED);
  }, 120_000);

  it('refuses a hook that does not listen to ObjectCreated:Put, or does not exist, before starting', async () => {
    await core.api['hooks.upsert']({ bucket: 'old', hook: { id: 'deletes', events: ['s3:ObjectRemoved:*'], url: 'http://127.0.0.1:1/x' } });
    await expect(core.api['hooks.backfill']({ bucket: 'old', id: 'deletes' })).rejects.toThrow('Hook deletes does not listen to s3:ObjectCreated:Put');
    await expect(core.api['hooks.backfill']({ bucket: 'old', id: 'nope' })).rejects.toThrow('Bucket old has no hook with Id nope');
  });
});
