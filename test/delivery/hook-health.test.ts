// Hook health end to end: real PUTs through the S3 endpoint, real receivers on 127.0.0.1. The figures of a hook whose
// receiver fails every other request match the delivery log exactly (counts and latency percentiles from the
// attempts); a hook to a closed port suspends itself after N failures with the reason and Resume delivers every
// pending event in per-key order; a receiver writing back under the hook's prefix is stopped by the loop guard.
import http from 'node:http';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { startTestCore, s3ClientFor, type TestCore } from '../helpers/core';
import { startReceiver } from '../helpers/receiver';
import { freePort } from '../helpers/ports';
import { percentilesOf } from '../../src-main/core/health/latency';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of closers.splice(0).reverse()) await c(); });

async function core(): Promise<TestCore> {
  const c = await startTestCore();
  closers.push(() => c.stop());
  await c.api['buckets.create']({ name: 'bkt' });
  return c;
}

/** A receiver that answers 500 to every other POST (the 1st, 3rd, …) after a delay that varies per request. */
async function flakyReceiver(): Promise<string> {
  const receiver = await startReceiver();
  closers.push(() => receiver.close());
  let n = 0;
  receiver.behave(() => { const i = n++; return { status: i % 2 === 0 ? 500 : 200, delayMs: (i * 7) % 23 }; });
  return receiver.url;
}

describe('per-hook figures', () => {
  it('a receiver failing half the time: figures equal the log, percentiles equal those of the attempts', async () => {
    const c = await core();
    const url = await flakyReceiver();
    await c.api['hooks.upsert']({ bucket: 'bkt', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url, retrySchedule: Array(15).fill(20) } });
    for (let i = 0; i < 30; i++) await c.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: `k${i}`, Body: 'x' }));
    await expect.poll(() => c.delivery.count({ bucket: 'bkt' }).delivered, { timeout: 30_000 }).toBe(30);
    await expect.poll(() => c.delivery.inFlight()).toBe(0);

    const attempts = c.delivery.list({ bucket: 'bkt' }, null, 500).items.flatMap((d) => c.delivery.get(d.id)!.attemptLog);
    const ok = attempts.filter((a) => a.responseStatus === 200).length;
    const [figures] = c.health.stats('bkt');
    expect(figures.hookId).toBe('h');
    for (const w of [figures.lastHour, figures.lastDay]) {
      expect(w).toMatchObject({ attempts: attempts.length, ok, delivered: 30, failed: 0, retried: attempts.length - ok, latencyExact: true });
      expect(w.successRate).toBeCloseTo(ok / attempts.length, 10);
      expect(w.latency).toEqual(percentilesOf(attempts.map((a) => a.durationMs)));
    }
    expect(attempts.length - ok).toBeGreaterThan(5);
    expect(figures).toMatchObject({ pending: 0, oldestAgeMs: null, state: 'active', stateReason: null });
    expect(figures.lastError?.message).toBe('status: HTTP 500');
    const timeline = c.health.timeline('bkt', 'h');
    expect(timeline).toHaveLength(60);
    expect(timeline.reduce((n, p) => n + p.delivered, 0)).toBe(30);
    expect(timeline.reduce((n, p) => n + p.retried, 0)).toBe(attempts.length - ok);

    c.health.flush();
    const persisted = c.db.prepare('SELECT SUM(attempts) a, SUM(delivered) d, SUM(retried) r FROM hook_minutes WHERE hook_id = ?').get('h');
    expect(persisted).toEqual({ a: attempts.length, d: 30, r: attempts.length - ok });
  });

  it('the figures survive a restart (counts from the per-minute rollup)', async () => {
    const first = await startTestCore();
    const receiver = await startReceiver();
    closers.push(() => receiver.close());
    await first.api['buckets.create']({ name: 'bkt' });
    await first.api['hooks.upsert']({ bucket: 'bkt', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url: receiver.url } });
    for (let i = 0; i < 5; i++) await first.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: `k${i}`, Body: 'x' }));
    await expect.poll(() => first.delivery.count({ bucket: 'bkt' }).delivered, { timeout: 10_000 }).toBe(5);
    const dir = first.dir;
    first.s3.destroy();
    await first.close();
    const again = await startTestCore({ dataDir: dir });
    closers.push(async () => { await again.stop(); rmSync(dir, { recursive: true, force: true }); });
    const [figures] = again.health.stats('bkt');
    expect(figures.lastHour).toMatchObject({ attempts: 5, ok: 5, delivered: 5, successRate: 1 });
    expect(figures.lastHour.latency).not.toBeNull();
  });

  it('events forwarded by listen (a remote hook, even one named like a local hook) are in no local hook\'s figures', async () => {
    const c = await core();
    await c.api['hooks.upsert']({ bucket: 'bkt', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:9/x', health: { suspendAfterFailures: 1 } } });
    const outcome = { kind: 'refused' as const, status: 500, headers: {}, body: '', startedAt: Date.now(), durationMs: 5 };
    const forwarded = ['a', 'b'].map((key) => c.delivery.recordForwarded({
      profile: 'remote', bucket: 'bkt', hookId: 'h', key, eventName: 's3:ObjectCreated:Put', body: `{"k":"${key}"}`, url: 'http://127.0.0.1:9/x', headers: {}, outcome,
    }));
    expect(forwarded.map((d) => [d.remoteProfile, d.attempts])).toEqual([['remote', 1], ['remote', 1]]);
    const [figures] = c.health.stats('bkt');
    expect(figures).toMatchObject({ state: 'active', lastError: null });
    expect(figures.lastHour).toMatchObject({ attempts: 0, delivered: 0, failed: 0, retried: 0 });
    expect(await c.health.metrics.render().then((m) => m.body)).not.toMatch(/buckethooks_deliveries_total\{[^}]*hook="h"/);
  });
});

describe('suspension with a reason', () => {
  it('a hook to a closed port suspends after 3 failures in a row; Resume delivers every pending event in per-key order', async () => {
    const c = await core();
    const port = await freePort();
    await c.api['hooks.upsert']({ bucket: 'bkt', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url: `http://127.0.0.1:${port}/hook`, retrySchedule: Array(20).fill(50) } });
    c.notifications.setHookOptions('bkt', 'h', { health: { suspendAfterFailures: 3 } });
    const keys = ['a', 'b', 'a', 'c', 'a', 'b'];
    for (const [i, key] of keys.entries()) await c.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: key, Body: String(i) }));
    await expect.poll(() => c.notifications.getHook('bkt', 'h').state, { timeout: 10_000 }).toBe('paused');
    const reason = c.notifications.getHook('bkt', 'h').stateReason;
    expect(reason).toMatch(new RegExp(`^3 failures in a row: connection refused \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)$`));
    await expect.poll(() => c.delivery.inFlight()).toBe(0);
    const [figures] = c.health.stats('bkt');
    expect(figures).toMatchObject({ state: 'paused', stateReason: reason, pending: keys.length });
    expect(figures.oldestAgeMs).toBeGreaterThanOrEqual(0);
    expect(c.delivery.count({ bucket: 'bkt' })).toEqual({ pending: 6, delivered: 0, failed: 0 });

    const receiver = await new Promise<{ order: string[]; close: () => Promise<void> }>((resolve) => {
      const order: string[] = [];
      const server = http.createServer((req, res) => {
        const parts: Buffer[] = [];
        req.on('data', (b: Buffer) => parts.push(b));
        req.on('end', () => {
          const r = JSON.parse(Buffer.concat(parts).toString()).Records[0].s3.object as { key: string; sequencer: number };
          order.push(`${r.key}:${r.sequencer}`);
          res.writeHead(200).end();
        });
      });
      server.listen(port, '127.0.0.1', () => resolve({ order, close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }) }));
    });
    closers.push(receiver.close);
    const resumed = await c.api['hooks.setState']({ bucket: 'bkt', id: 'h', state: 'active' });
    expect(resumed.state).toBe('active');
    await expect.poll(() => c.delivery.count({ bucket: 'bkt' }).delivered, { timeout: 10_000 }).toBe(6);
    for (const key of ['a', 'b', 'c']) {
      const seqs = receiver.order.filter((o) => o.startsWith(`${key}:`)).map((o) => Number(o.split(':')[1]));
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(seqs).toHaveLength(keys.filter((k) => k === key).length);
    }
    expect(c.health.stats('bkt')[0]).toMatchObject({ state: 'active', stateReason: null, pending: 0 });
  });

  it('a failure rate over the window suspends with the rate in the reason', async () => {
    const c = await core();
    const url = await flakyReceiver();
    await c.api['hooks.upsert']({ bucket: 'bkt', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url, retrySchedule: Array(10).fill(20) } });
    c.notifications.setHookOptions('bkt', 'h', { health: { suspendFailureRate: 0.4, failureRateMinAttempts: 6 } });
    for (let i = 0; i < 10; i++) await c.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: `k${i}`, Body: 'x' }));
    await expect.poll(() => c.notifications.getHook('bkt', 'h').state, { timeout: 10_000 }).toBe('paused');
    expect(c.notifications.getHook('bkt', 'h').stateReason).toMatch(/^\d+% of attempts failed in the last 5 min \(\d+ of \d+\): status: HTTP 500$/);
  });
});

describe('write-back loop guard', () => {
  it('a receiver writing back under the hook prefix is paused after the loop limit, with the reason', async () => {
    const c = await core();
    const writer = s3ClientFor(c.endpoint);
    closers.push(async () => writer.destroy());
    const server = http.createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (b: Buffer) => parts.push(b));
      req.on('end', () => {
        const key = decodeURIComponent(JSON.parse(Buffer.concat(parts).toString()).Records[0].s3.object.key as string);
        writer.send(new PutObjectCommand({ Bucket: 'bkt', Key: `${key}-x`, Body: 'derived' })).then(() => res.writeHead(200).end(), () => res.writeHead(500).end());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    await c.api['hooks.upsert']({ bucket: 'bkt', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url, prefix: 'in/' } });
    c.notifications.setHookOptions('bkt', 'h', { health: { loopLimit: 5 } });
    await c.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'in/a', Body: 'x' }));
    await expect.poll(() => c.notifications.getHook('bkt', 'h').state, { timeout: 10_000 }).toBe('paused');
    const keys = (await c.s3.send(new ListObjectsV2Command({ Bucket: 'bkt', Prefix: 'in/' }))).Contents?.map((o) => o.Key);
    expect(c.notifications.getHook('bkt', 'h').stateReason, JSON.stringify({ keys, counts: c.delivery.count({ bucket: 'bkt' }) })).toBe('write-back loop: the receiver wrote "in/a-x-x-x-x-x" back under the hook\'s filter'
      + ' while its delivery of "in/a-x-x-x-x" was in flight, 5 rounds in a row (limit 5)');
    // The deliveries in flight when the loop was detected finish; the event of the 5th round stays pending.
    await expect.poll(() => c.delivery.count({ bucket: 'bkt' }), { timeout: 5000 }).toEqual({ delivered: 5, pending: 1, failed: 0 });
    await expect.poll(() => c.delivery.inFlight()).toBe(0);
    const count = async () => (await c.s3.send(new ListObjectsV2Command({ Bucket: 'bkt', Prefix: 'in/' }))).KeyCount;
    const written = await count();
    expect(written).toBe(6); // in/a and 5 rounds: the event of the 5th is never sent
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await count()).toBe(written);
  });

  it('an S3 client on this machine overwriting a key just after each delivery is not a loop', async () => {
    const c = await core();
    const receiver = await startReceiver();
    closers.push(() => receiver.close());
    await c.api['hooks.upsert']({ bucket: 'bkt', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url: receiver.url } });
    c.notifications.setHookOptions('bkt', 'h', { health: { loopLimit: 2 } });
    for (let i = 1; i <= 8; i++) {
      await c.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'config.json', Body: String(i) }));
      // Answered and recorded (the engine knows the request is over, not only the receiver): write again at once.
      await expect.poll(() => c.delivery.count({ bucket: 'bkt' }).delivered, { timeout: 5000, interval: 5 }).toBe(i);
    }
    expect(c.notifications.getHook('bkt', 'h').state).toBe('active');
  });

  it('a receiver writing outside the hook filter is not a loop', async () => {
    const c = await core();
    const writer = s3ClientFor(c.endpoint);
    closers.push(async () => writer.destroy());
    const server = http.createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (b: Buffer) => parts.push(b));
      req.on('end', () => {
        const key = decodeURIComponent(JSON.parse(Buffer.concat(parts).toString()).Records[0].s3.object.key as string);
        writer.send(new PutObjectCommand({ Bucket: 'bkt', Key: `out/${key}`, Body: 'derived' })).then(() => res.writeHead(200).end());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    await c.api['hooks.upsert']({ bucket: 'bkt', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url, prefix: 'in/' } });
    c.notifications.setHookOptions('bkt', 'h', { health: { loopLimit: 1 } });
    for (let i = 0; i < 5; i++) await c.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: `in/${i}`, Body: 'x' }));
    await expect.poll(() => c.delivery.count({ bucket: 'bkt' }).delivered, { timeout: 10_000 }).toBe(5);
    expect(c.notifications.getHook('bkt', 'h').state).toBe('active');
  });
});
