// Engine against a real receiver with a fake clock: headers and signature, the retry schedule,
// Retry-After, 410, 3xx, timeout, connection refused, and what the attempt log records.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { DEFAULTS, type CoreConfig } from '../../src-main/core/kernel/config';
import { createDelivery, type Delivery } from '../../src-main/core/delivery/create-delivery';
import { DEFAULT_RETRY_SCHEDULE } from '../../src-shared/contract';
import { RESPONSE_BODY_LIMIT } from '../../src-main/core/delivery/sender';
import { attemptRows, deliveryRow, enqueue, insertHook, tempDb, waitFor, type TempDb, hookDirectory } from './delivery-harness';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { freePort } from '../helpers/ports';

const config = { ...DEFAULTS, ownerId: 'o', accessKey: 'a', secretKey: 's' } as CoreConfig;

describe('delivery engine', () => {
  let t: TempDb;
  let clock: FakeClock;
  let rx: Receiver;
  let delivery: Delivery;
  const start = (random = () => 0.5) => {
    delivery = createDelivery({ defaultSchedule: () => DEFAULT_RETRY_SCHEDULE, hooks: hookDirectory(t.db), db: t.db, clock, logger: silentLogger, version: '9.9.9', config: { ...config, dataDir: t.dir }, random, pollIntervalMs: 600_000 });
    delivery.start();
  };

  beforeEach(async () => {
    t = tempDb();
    clock = new FakeClock(Date.now());
    rx = await startReceiver();
  });
  afterEach(async () => {
    await rx.close();
    await delivery.stop();
    t.cleanup();
  });

  it('posts the body with the SPEC headers and a verifiable Standard Webhooks signature', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    insertHook(t.db, { url: rx.url, secret });
    const id = enqueue(t.db, { key: 'a.txt', sequencer: 1, now: clock.now() });
    start();
    await waitFor(() => deliveryRow(t.db, id).status === 'delivered');
    const [req] = rx.received;
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-amz-sns-message-type']).toBe('Notification');
    expect(req.headers['user-agent']).toBe('BucketHooks/9.9.9');
    expect(req.headers['webhook-id']).toBe(id);
    expect(JSON.parse(req.body)).toEqual({ Records: [{ s3: { object: { key: 'a.txt', sequencer: 1 } } }] });
    const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(req.headers[h])]));
    expect(() => new Webhook(secret).verify(req.body, headers)).not.toThrow();
    expect(() => new Webhook('whsec_' + Buffer.from('other-secret-xx').toString('base64')).verify(req.body, headers)).toThrow();
    const [a] = attemptRows(t.db, id);
    expect(a).toMatchObject({ attempt: 1, trigger: 'initial', url: rx.url, response_status: 200, response_body: 'ok', error_class: null, next_at: null });
    expect(JSON.parse(a.request_headers)['webhook-id']).toBe(id);
    expect(a.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('signs every attempt at its own time: a retry and a replay carry their attempt time, not the creation time', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    insertHook(t.db, { url: rx.url, secret, schedule: [600_000] });
    const sentAt: number[] = [];
    rx.behave(() => { sentAt.push(clock.now()); return { status: sentAt.length === 1 ? 500 : 200 }; });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    start();
    await waitFor(() => deliveryRow(t.db, id).attempts === 1);
    await clock.advance(600_000);
    await waitFor(() => deliveryRow(t.db, id).status === 'delivered');
    await clock.advance(3_600_000);
    expect(await delivery.replay(deliveryRow(t.db, id).id)).toMatchObject({ ok: true });
    expect(attemptRows(t.db, id).map((a) => a.trigger)).toEqual(['initial', 'retry', 'replay']);
    expect(sentAt.map((at) => at - sentAt[0])).toEqual([0, 600_000, 4_200_000]);
    const signer = new Webhook(secret);
    for (const [i, req] of rx.received.entries()) {
      const at = Math.floor(sentAt[i] / 1000);
      expect(req.headers['webhook-timestamp']).toBe(String(at));
      expect(req.headers['webhook-signature']).toBe(signer.sign(id, new Date(at * 1000), req.body));
    }
  });

  it('sends no signature headers without a whsec_ secret', async () => {
    insertHook(t.db, { url: rx.url });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    start();
    await waitFor(() => deliveryRow(t.db, id).status === 'delivered');
    expect(rx.received[0].headers['webhook-signature']).toBeUndefined();
    expect(rx.received[0].headers['webhook-id']).toBe(id);
  });

  it('follows the default schedule (no jitter at random 0.5) and fails after 10 attempts', async () => {
    rx.behave({ status: 500, body: 'boom' });
    insertHook(t.db, { url: rx.url });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    const t0 = clock.now();
    start();
    await waitFor(() => deliveryRow(t.db, id).attempts === 1);
    let expectedAt = t0;
    for (const [i, delay] of DEFAULT_RETRY_SCHEDULE.entries()) {
      expectedAt += delay;
      const row = deliveryRow(t.db, id);
      expect(row.status).toBe('pending');
      expect(row.next_at).toBe(expectedAt);
      await clock.advance(delay - 1);
      expect(rx.received).toHaveLength(i + 1);
      await clock.advance(1);
      await waitFor(() => deliveryRow(t.db, id).attempts === i + 2, 5000, `attempt ${i + 2}`);
    }
    const row = deliveryRow(t.db, id);
    expect(row.status).toBe('failed');
    expect(row.last_status).toBe(500);
    const attempts = attemptRows(t.db, id);
    expect(attempts.map((a) => a.trigger)).toEqual(['initial', ...Array(9).fill('retry')]);
    expect(attempts.every((a) => a.error_class === 'status' && a.response_body === 'boom')).toBe(true);
    expect(attempts[9].next_at).toBeNull();
    expect(new Set(rx.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([id]));
    await clock.advance(DEFAULT_RETRY_SCHEDULE[8] * 2);
    expect(rx.received).toHaveLength(10);
  });

  it('applies ±20% jitter from the injected random source', async () => {
    rx.behave({ status: 503 });
    insertHook(t.db, { url: rx.url, schedule: [10_000, 10_000] });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    start(() => 0);
    await waitFor(() => deliveryRow(t.db, id).attempts === 1);
    expect(deliveryRow(t.db, id).next_at - clock.now()).toBe(8_000);
  });

  it('honours Retry-After (seconds and HTTP date) clamped to [delay, 2×delay]', async () => {
    insertHook(t.db, { url: rx.url, schedule: [10_000, 10_000, 10_000, 10_000] });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    const waits: number[] = [];
    const answers = ['15', '100', '1', new Date(clock.now() + 60_000).toUTCString()];
    rx.behave(() => ({ status: 429, headers: { 'retry-after': answers[rx.received.length - 1] ?? '0' } }));
    start();
    for (let i = 1; i <= 3; i++) {
      await waitFor(() => deliveryRow(t.db, id).attempts === i);
      const wait = deliveryRow(t.db, id).next_at - clock.now();
      waits.push(wait);
      await clock.advance(wait);
    }
    expect(waits).toEqual([15_000, 20_000, 10_000]);
    expect(attemptRows(t.db, id)[0].error_class).toBe('status');
  });

  it('disables the hook on 410 and fails the delivery; other pending deliveries of it wait', async () => {
    rx.behave({ status: 410 });
    insertHook(t.db, { url: rx.url, concurrency: 1 });
    const first = enqueue(t.db, { key: 'a', sequencer: 1, now: clock.now() });
    const second = enqueue(t.db, { key: 'b', sequencer: 2, now: clock.now() + 1 });
    start();
    await waitFor(() => deliveryRow(t.db, first).status === 'failed');
    expect(t.db.prepare(`SELECT state FROM hooks`).get()).toEqual({ state: 'disabled' });
    await clock.advance(5000);
    await new Promise((r) => setTimeout(r, 50));
    expect(deliveryRow(t.db, second).status).toBe('pending');
    expect(rx.received).toHaveLength(1);
  });

  it('keeps the first 64 KiB of a response body in the attempt log', async () => {
    const big = 'x'.repeat(RESPONSE_BODY_LIMIT) + 'y'.repeat(100_000);
    rx.behave({ status: 500, body: big });
    insertHook(t.db, { url: rx.url, schedule: [] });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    start();
    await waitFor(() => deliveryRow(t.db, id).status === 'failed');
    expect(attemptRows(t.db, id)[0].response_body).toBe(big.slice(0, RESPONSE_BODY_LIMIT));
  });

  it('treats 3xx as a failure and does not follow the redirect', async () => {
    rx.behave((r) => (r.path === '/hook' ? { status: 302, headers: { location: '/elsewhere' } } : { status: 200 }));
    insertHook(t.db, { url: rx.url });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    start();
    await waitFor(() => deliveryRow(t.db, id).attempts === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(rx.received.map((r) => r.path)).toEqual(['/hook']);
    expect(deliveryRow(t.db, id)).toMatchObject({ status: 'pending', last_status: 302 });
    expect(attemptRows(t.db, id)[0]).toMatchObject({ error_class: 'status', response_status: 302 });
  });

  it('aborts a hanging receiver at the hook timeout (class timeout) and retries', async () => {
    rx.behave('hang');
    insertHook(t.db, { url: rx.url, timeoutMs: 2000, schedule: [1000] });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    start();
    await waitFor(() => rx.received.length === 1);
    await clock.advance(1999);
    await new Promise((r) => setTimeout(r, 30));
    expect(deliveryRow(t.db, id).attempts).toBe(0);
    await clock.advance(1);
    await waitFor(() => deliveryRow(t.db, id).attempts === 1);
    expect(attemptRows(t.db, id)[0]).toMatchObject({ error_class: 'timeout', response_status: null });
    rx.behave({ status: 204 });
    await clock.advance(1000);
    await waitFor(() => deliveryRow(t.db, id).status === 'delivered');
    expect(attemptRows(t.db, id).map((a) => a.trigger)).toEqual(['initial', 'retry']);
  });

  it('classifies connection refused and a reset socket', async () => {
    insertHook(t.db, { id: 'dead', url: `http://127.0.0.1:${await freePort()}/x` });
    insertHook(t.db, { id: 'reset', url: rx.url });
    rx.behave('reset');
    const refused = enqueue(t.db, { hookId: 'dead', key: 'k', sequencer: 1, now: clock.now() });
    const reset = enqueue(t.db, { hookId: 'reset', key: 'k', sequencer: 1, now: clock.now() });
    start();
    await waitFor(() => deliveryRow(t.db, refused).attempts === 1 && deliveryRow(t.db, reset).attempts === 1);
    expect(attemptRows(t.db, refused)[0].error_class).toBe('refused');
    expect(attemptRows(t.db, reset)[0].error_class).toBe('reset');
    expect(deliveryRow(t.db, refused).last_error).toMatch(/^refused: /);
  });

  it('pauses claiming while outcomes cannot be recorded (a full disk) and resumes by itself', async () => {
    insertHook(t.db, { url: rx.url });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    t.db.pragma('query_only = ON'); // every write now fails, as it does while the disk is full
    start();
    // Each pause runs from the failed recording, so the clock moves only once the attempt's outcome failed to record.
    await waitFor(() => rx.received.length === 1 && delivery.inFlight() === 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(rx.received).toHaveLength(1); // the row is still due, but it is not sent again at once
    await clock.advance(999);
    await new Promise((r) => setTimeout(r, 30));
    expect(rx.received).toHaveLength(1);
    await clock.advance(1);
    await waitFor(() => rx.received.length === 2 && delivery.inFlight() === 0, 5000, 'the send after the first pause');
    await clock.advance(1999); // the pause doubles while recording keeps failing
    await new Promise((r) => setTimeout(r, 30));
    expect(rx.received).toHaveLength(2);
    t.db.pragma('query_only = OFF');
    await clock.advance(1);
    await waitFor(() => deliveryRow(t.db, id).status === 'delivered', 5000, 'delivered once writes work again');
    expect(rx.received).toHaveLength(3);
    expect(attemptRows(t.db, id)).toHaveLength(1);
  });

  it('gives up when the next try would exceed the hook maximum age', async () => {
    rx.behave({ status: 500 });
    insertHook(t.db, { url: rx.url, maxAgeMs: 3_000 });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    start();
    await waitFor(() => deliveryRow(t.db, id).attempts === 1);
    await clock.advance(1000);
    await waitFor(() => deliveryRow(t.db, id).attempts === 2);
    expect(deliveryRow(t.db, id).status).toBe('failed');
  });
});
