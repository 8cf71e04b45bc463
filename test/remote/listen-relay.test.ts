// The listen service in a core against a second core acting as the remote (strict URL confirmation): the relay's
// VK signature is what the remote checks (a relay broken on purpose is refused, nothing saved), the local receiver's
// status goes back to the remote (which retries; the retry is the same delivery's next attempt), --ack always, the
// AWS dialect (s3:TestEvent acknowledged, not forwarded), an SNS SubscribeURL visited (only on SNS's or the remote's
// host) and a lease that lapses.
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { freePort } from '../helpers/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createListen } from '../../src-main/core/remote/listen/create-listen';
import { systemClock } from '../../src-main/core/kernel/clock';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';

let local: TestCore;
let remote: TestCore;
let receiver: Receiver;
const until = async (check: () => boolean, ms = 20_000) => {
  for (const end = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 50))) if (Date.now() > end) throw new Error('timed out');
};
const remoteIds = () => remote.notifications.listHooks('photos').map((h) => h.id);
const events = () => receiver.received.filter((q) => q.headers['x-amz-sns-message-type'] === 'Notification');
const request = async (over: Record<string, unknown> = {}) => {
  const port = await freePort();
  return { profile: 'second', bucket: 'photos', forwardTo: receiver.urlFor('/in'), publicUrl: `http://127.0.0.1:${port}/`, port, ...over };
};

beforeAll(async () => {
  [local, remote, receiver] = await Promise.all([startTestCore(), startTestCore({ confirmMode: 'strict' }), startReceiver()]);
  await remote.s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
  local.remotes.save({ name: 'second', endpoint: remote.endpoint, region: 'ru-msk', ...TEST_KEYS, pathStyle: true, verifyTls: true });
});
afterAll(async () => { await local?.stop(); await remote?.stop(); await receiver?.close(); });

describe('the listen relay', () => {
  it('is refused by the remote when it answers a wrong signature, and nothing is saved there', async () => {
    const broken = createListen({ remotes: local.remotes, clock: systemClock, record: (e) => local.delivery.recordForwarded(e), sign: () => 'f'.repeat(64) });
    const r = await request();
    await expect(broken.start(r)).rejects.toThrow(/Unable to confirm the URL http:\/\/127\.0\.0\.1:\d+\/: wrong signature: expected [0-9a-f]{64} got f{64}/);
    expect(remoteIds()).toEqual([]);
    expect(broken.list()).toEqual([]);
    await new Promise<void>((resolve, reject) => { const s = createServer().once('error', reject).listen(r.port, '127.0.0.1', () => s.close(() => resolve())); });
  }, 60_000);

  it('answers the remote with the local status, so the remote retries; the retry is the next attempt of the same delivery', async () => {
    receiver.behave({ status: 500, body: 'boom' });
    const session = await local.listen.start(await request());
    expect(remoteIds()).toEqual([session.hookId]);
    await remote.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'x.txt', Body: 'x' }));
    await until(() => remote.delivery.list({ hookId: session.hookId }).items[0]?.lastStatus === 500);
    const [failed] = local.delivery.list({ hookId: session.hookId }).items;
    expect(failed).toMatchObject({ status: 'failed', lastStatus: 500, remoteProfile: 'second', key: 'x.txt' });
    receiver.behave({ status: 200, body: 'ok' });
    await until(() => remote.delivery.list({ hookId: session.hookId }).items[0]?.status === 'delivered');
    const after = local.delivery.list({ hookId: session.hookId }).items;
    expect(after.map((d) => [d.id, d.status, d.attempts])).toEqual([[failed.id, 'delivered', 2]]);
    expect(await local.listen.stop(session.id)).toMatchObject({ removed: true, error: null });
    expect(remoteIds()).toEqual([]);
  }, 60_000);

  it('answers 200 whatever the receiver says with ackAlways', async () => {
    receiver.behave({ status: 500, body: 'boom' });
    const session = await local.listen.start(await request({ ackAlways: true }));
    await remote.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'y.txt', Body: 'y' }));
    await until(() => remote.delivery.list({ hookId: session.hookId }).items[0]?.status === 'delivered');
    expect(local.delivery.list({ hookId: session.hookId }).items[0]).toMatchObject({ status: 'failed', lastStatus: 500 });
    await local.listen.stop(session.id);
    receiver.behave({ status: 200, body: 'ok' });
  }, 60_000);

  it('writes an AWS TopicConfiguration, acknowledges the s3:TestEvent itself and forwards AWS records', async () => {
    const before = events().length;
    const session = await local.listen.start(await request({ dialect: 'aws', events: ['s3:ObjectCreated:Put'], suffix: '.jpg' }));
    expect(remote.notifications.listHooks('photos').map((h) => [h.id, h.dialect])).toEqual([[session.hookId, 'topic']]);
    expect(events().length).toBe(before);
    await remote.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'cat.jpg', Body: 'c' }));
    await until(() => local.delivery.list({ hookId: session.hookId }).items.length === 1);
    expect(events().length).toBe(before + 1);
    expect(local.delivery.list({ hookId: session.hookId }).items[0]).toMatchObject({ eventName: 'ObjectCreated:Put', key: 'cat.jpg' });
    await local.listen.stop(session.id);
  }, 60_000);

  it('stops a leased session that is not renewed (a killed CLI) and removes its hook; renewals keep it', async () => {
    const kept = await local.listen.start(await request({ leaseMs: 1000, prefix: 'kept/' }));
    await local.listen.start(await request({ leaseMs: 1000, prefix: 'lapsed/' }));
    const renewal = setInterval(() => local.listen.renew(kept.id), 300);
    try {
      await until(() => local.listen.list().length === 1, 10_000);
      expect(local.listen.list().map((s) => s.id)).toEqual([kept.id]);
      expect(remoteIds()).toEqual([kept.hookId]);
    } finally {
      clearInterval(renewal);
    }
    await local.listen.stop(kept.id);
    expect(() => local.listen.renew(kept.id)).toThrow(/No listen session/);
  }, 60_000);

  it('visits the SubscribeURL of an SNS SubscriptionConfirmation and forwards nothing of it', async () => {
    const visits: string[] = [];
    const sns = http.createServer((req, res) => { visits.push(req.url ?? ''); res.end('<ConfirmSubscriptionResponse/>'); });
    await new Promise<void>((resolve) => sns.listen(0, '127.0.0.1', resolve));
    const session = await local.listen.start(await request());
    const before = receiver.received.length;
    const subscribeUrl = `http://127.0.0.1:${(sns.address() as AddressInfo).port}/?Action=ConfirmSubscription&Token=t1`;
    const answer = await fetch(session.relayUrl, { method: 'POST', headers: { 'x-amz-sns-message-type': 'SubscriptionConfirmation' },
      body: JSON.stringify({ Type: 'SubscriptionConfirmation', TopicArn: 'arn:aws:sns:us-east-1:1:t', Token: 't1', SubscribeURL: subscribeUrl }) });
    expect(answer.status).toBe(200);
    expect(visits).toEqual(['/?Action=ConfirmSubscription&Token=t1']);
    const elsewhere = await fetch(session.relayUrl, { method: 'POST', headers: { 'x-amz-sns-message-type': 'SubscriptionConfirmation' },
      body: JSON.stringify({ Type: 'SubscriptionConfirmation', TopicArn: 't', Token: 't2', SubscribeURL: 'http://localhost:9/' }) });
    expect(elsewhere.status).toBe(502);
    expect(visits).toHaveLength(1);
    expect(receiver.received.length).toBe(before);
    await local.listen.stop(session.id);
    await new Promise((resolve) => sns.close(resolve));
  }, 60_000);
});
