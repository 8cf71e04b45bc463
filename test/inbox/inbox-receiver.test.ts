// The built-in inbox on a real HTTP listener and real SQLite: VK handshake, AWS test event, captures,
// failure switch (status, delay, N requests), clear; and the engine retrying against it until it heals.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { DEFAULTS, type CoreConfig } from '../../src-main/core/kernel/config';
import { createInbox, type Inbox } from '../../src-main/core/inbox/create-inbox';
import { createDelivery } from '../../src-main/core/delivery/create-delivery';
import { handshakeSignature } from '../../src-main/core/notifications/handshake';
import { deliveryRow, enqueue, insertHook, tempDb, waitFor, type TempDb, hookDirectory } from '../delivery/delivery-harness';
import { DEFAULT_RETRY_SCHEDULE } from '../../src-shared/contract';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/vk-subscription-confirmation.json', import.meta.url), 'utf8')) as {
  request: Record<string, string>; url: string; expected_response: { signature: string };
};

describe('built-in inbox', () => {
  let t: TempDb;
  let clock: FakeClock;
  let inbox: Inbox;
  let server: http.Server;
  let base: string;
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  beforeEach(async () => {
    t = tempDb();
    clock = new FakeClock();
    inbox = createInbox({ db: t.db, clock, logger: silentLogger });
    server = http.createServer((req, res) => inbox.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    t.cleanup();
  });

  it('answers the VK SubscriptionConfirmation with the signature over its own URL', async () => {
    const res = await post('/_inbox/vk', JSON.stringify(fixture.request), { 'x-amz-sns-message-type': 'SubscriptionConfirmation' });
    expect(res.status).toBe(200);
    const { signature } = (await res.json()) as { signature: string };
    const r = fixture.request;
    expect(signature).toBe(handshakeSignature(r.Token, r.Timestamp, r.TopicArn, `${base}/_inbox/vk`));
    expect(handshakeSignature(r.Token, r.Timestamp, r.TopicArn, fixture.url)).toBe(fixture.expected_response.signature);
    const [capture] = inbox.captures('vk');
    expect(capture).toMatchObject({ method: 'POST', path: '/_inbox/vk', responseStatus: 200 });
    expect(capture.headers['x-amz-sns-message-type']).toBe('SubscriptionConfirmation');
  });

  it('answers an AWS s3:TestEvent 200 and records requests with headers and body', async () => {
    const testEvent = readFileSync(new URL('../fixtures/aws-test-event.json', import.meta.url), 'utf8');
    expect((await post('/_inbox/aws', testEvent)).status).toBe(200);
    expect((await post('/_inbox/aws/sub?x=1', '{"Records":[]}', { 'webhook-id': 'w1' })).status).toBe(200);
    const captures = inbox.captures('aws');
    expect(captures.map((c) => c.path)).toEqual(['/_inbox/aws/sub?x=1', '/_inbox/aws']);
    expect(captures[1].body).toBe(testEvent);
    expect(captures[0].headers['webhook-id']).toBe('w1');
    expect(inbox.list()).toEqual([expect.objectContaining({ name: 'aws', count: 2, failStatus: null })]);
    expect(inbox.captures('aws', 1, captures[0].id).map((c) => c.id)).toEqual([captures[1].id]);
  });

  it('keeps the first 1 MiB of a large body and its full size', async () => {
    await post('/_inbox/big', 'x'.repeat(1024 * 1024 + 10));
    const [c] = inbox.captures('big');
    expect(c.body.length).toBe(1024 * 1024);
    expect(c.bodySize).toBe(1024 * 1024 + 10);
  });

  it('fails on demand for N requests, then heals; until reset otherwise; the handshake is exempt', async () => {
    inbox.setFailure('f', 503, 0, 2);
    expect((await post('/_inbox/f', '{}')).status).toBe(503);
    const conf = await post('/_inbox/f', JSON.stringify(fixture.request), { 'x-amz-sns-message-type': 'SubscriptionConfirmation' });
    expect(conf.status).toBe(200);
    expect((await post('/_inbox/f', '{}')).status).toBe(503);
    expect((await post('/_inbox/f', '{}')).status).toBe(200);
    inbox.setFailure('f', 500);
    for (let i = 0; i < 3; i++) expect((await post('/_inbox/f', '{}')).status).toBe(500);
    expect(inbox.list()[0]).toMatchObject({ failStatus: 500, failRemaining: null });
    inbox.reset('f');
    expect((await post('/_inbox/f', '{}')).status).toBe(200);
    expect(inbox.captures('f', 500).map((c) => c.responseStatus).reverse()).toEqual([503, 200, 503, 200, 500, 500, 500, 200]);
  });

  it('delays its answer on the clock', async () => {
    inbox.setFailure('slow', null, 5000);
    let status = 0;
    const pending = post('/_inbox/slow', '{}').then((r) => { status = r.status; });
    await waitFor(() => inbox.captures('slow').length === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(status).toBe(0);
    await clock.advance(5000);
    await pending;
    expect(status).toBe(200);
  });

  it('clears captures, rejects bad names and bad settings', async () => {
    await post('/_inbox/c', '{}');
    expect(inbox.clear('c')).toBe(1);
    expect(inbox.captures('c')).toEqual([]);
    expect((await post('/_inbox/..%2F', '{}')).status).toBe(404);
    expect(() => inbox.setFailure('bad name', 500)).toThrow(/inbox name/);
    expect(() => inbox.setFailure('ok', 42)).toThrow(/status/);
  });

  it('lets the engine retry against a failing inbox until it heals', async () => {
    inbox.setFailure('retry', 500, 0, 2);
    insertHook(t.db, { url: `${base}/_inbox/retry`, schedule: [1000, 1000, 1000] });
    const id = enqueue(t.db, { key: 'k', sequencer: 1, now: clock.now() });
    const delivery = createDelivery({ defaultSchedule: () => DEFAULT_RETRY_SCHEDULE, hooks: hookDirectory(t.db), db: t.db, clock, logger: silentLogger, version: '1', config: { ...DEFAULTS, dataDir: t.dir } as CoreConfig, random: () => 0.5 });
    delivery.start();
    try {
      for (let i = 1; i <= 2; i++) {
        await waitFor(() => deliveryRow(t.db, id).attempts === i);
        await clock.advance(1000);
      }
      await waitFor(() => deliveryRow(t.db, id).status === 'delivered');
      expect(inbox.captures('retry').map((c) => c.headers['webhook-id'])).toEqual([id, id, id]);
    } finally {
      await delivery.stop();
    }
  });
});
