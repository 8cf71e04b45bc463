// URL confirmation against real local receivers: the VK handshake and the AWS s3:TestEvent in
// strict, record and off modes, with the cause named when a receiver answers wrongly.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src-main/core/notifications/errors';
import { handshakeSignature } from '../../src-main/core/notifications/handshake';
import { startReceiver, type Receiver, type ReceiverOptions } from '../helpers/receiver';
import { refusedUrl } from '../helpers/ports';
import { setupNotifications, topicConfig, vkConfig, type NotificationsFixture } from './notifications-setup';
import { waitFor } from '../delivery/delivery-harness';

let fx: NotificationsFixture | undefined;
const receivers: Receiver[] = [];
afterEach(async () => {
  fx?.close(); fx = undefined;
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});
/** The receivers the cases need: how each answers the handshake and everything else. */
const MODES = {
  good: {},
  'bad-signature': { handshake: 'wrong' },
  'status-500': { handshake: 'none', behaviour: { status: 500, body: 'boom' } },
  'not-json': { handshake: 'none', behaviour: { status: 200, body: 'OK' } },
  hang: { handshake: 'none', behaviour: 'hang' },
  'ok-204': { handshake: 'none', behaviour: { status: 204 } },
} satisfies Record<string, ReceiverOptions>;
type ReceiverMode = keyof typeof MODES;
const receiver = async (mode: ReceiverMode) => { const r = await startReceiver(MODES[mode]); receivers.push(r); return r; };
async function rejection(p: Promise<unknown>): Promise<ConfigError> {
  try { await p; } catch (err) { if (err instanceof ConfigError) return err; throw err; }
  throw new Error('expected the PUT to fail');
}

describe('VK handshake, strict mode', () => {
  it('sends the SubscriptionConfirmation VK sends and accepts the right signature', async () => {
    fx = setupNotifications('strict');
    const r = await receiver('good');
    const out = await fx.notifications.putConfigXml('b1', vkConfig(r.url, 'h1', 's3:ObjectRemoved:*'));
    expect(out.confirmations).toMatchObject([{ ok: true, kind: 'vk', url: r.url, status: 200 }]);
    expect(fx.notifications.listHooks('b1')).toMatchObject([{ id: 'h1', confirmed: true, confirmError: null }]);
    expect(r.received).toHaveLength(1);
    const [req] = r.received;
    expect(req.headers['x-amz-sns-message-type']).toBe('SubscriptionConfirmation');
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body) as Record<string, unknown>;
    const fixture = (JSON.parse(readFileSync(new URL('../fixtures/vk-subscription-confirmation.json', import.meta.url), 'utf8')) as { request: object }).request;
    expect(Object.keys(body).sort()).toEqual(Object.keys(fixture).sort());
    expect(body).toMatchObject({ Type: 'SubscriptionConfirmation', SignatureVersion: 1, TopicArn: 'owner1|b1|s3:ObjectRemoved:*' });
    expect(body.Token).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(body.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(out.confirmations[0].expected).toBe(handshakeSignature(String(body.Token), String(body.Timestamp), String(body.TopicArn), r.url));
  });

  it.each([
    ['bad-signature', /wrong signature: expected [0-9a-f]{64} got f{64}/],
    ['status-500', /HTTP 500/],
    ['not-json', /not JSON/],
    ['hang', /timeout/],
  ] as [ReceiverMode, RegExp][])('a receiver answering %s fails the PUT naming URL and cause; nothing is saved', async (mode, cause) => {
    fx = setupNotifications('strict', 300);
    const good = await receiver('good');
    await fx.notifications.putConfigXml('b1', vkConfig(good.urlFor('/old')));
    const bad = await receiver(mode);
    const err = await rejection(fx.notifications.putConfigXml('b1', vkConfig(bad.url)));
    expect(err.code).toBe('InvalidArgument');
    expect(err.message).toContain(bad.url);
    expect(err.message).toMatch(cause);
    expect(err.details).toEqual({ ArgumentName: 'Url', ArgumentValue: bad.url });
    expect(fx.notifications.listHooks('b1').map((h) => h.url)).toEqual([good.urlFor('/old')]);
  });

  it('a refused connection fails the PUT naming it', async () => {
    fx = setupNotifications('strict');
    const url = await refusedUrl();
    const err = await rejection(fx.notifications.putConfigXml('b1', vkConfig(url)));
    expect(err.message).toBe(`Unable to confirm the URL ${url}: connection refused (nothing listens there)`);
    expect(fx.notifications.listHooks('b1')).toEqual([]);
  });

  it('a host that does not resolve fails the PUT naming DNS', async () => {
    fx = setupNotifications('strict', 3000);
    const err = await rejection(fx.notifications.putConfigXml('b1', vkConfig('http://no-such-host.invalid/hook')));
    expect(err.message).toMatch(/^Unable to confirm the URL http:\/\/no-such-host\.invalid\/hook: the host name does not resolve \(DNS E/);
  });

  it('confirms all hooks of a PUT in parallel', async () => {
    // The receiver never answers and the timeout is far away: confirmations made one after another would
    // never get past the first request, so all three arriving proves they were all in flight together.
    fx = setupNotifications('strict', 60_000);
    const hang = await receiver('hang');
    const hooks = [1, 2, 3].map((i) => `<SimpleTopicConfiguration><Id>h${i}</Id><Event>s3:ObjectCreated:Put</Event><Url>${hang.urlFor(`/h${i}`)}</Url>`
      + `<Filter><S3Key><FilterRule><Name>prefix</Name><Value>p${i}/</Value></FilterRule></S3Key></Filter></SimpleTopicConfiguration>`);
    let settled = false;
    const put = rejection(fx.notifications.putConfigXml('b1', `<NotificationConfiguration>${hooks.join('')}</NotificationConfiguration>`))
      .finally(() => { settled = true; });
    await waitFor(() => hang.received.length === 3 || settled, 5000, 'three confirmation requests');
    expect(settled).toBe(false);
    expect(hang.received.map((r) => r.path).sort()).toEqual(['/h1', '/h2', '/h3']);
    await hang.close();
    const err = await put;
    expect(err.message.split('; ')).toHaveLength(3);
    expect(fx.notifications.listHooks('b1')).toEqual([]);
  });

  it('confirms only new, changed or unconfirmed URLs', async () => {
    fx = setupNotifications('strict');
    const r = await receiver('good');
    await fx.notifications.putConfigXml('b1', vkConfig(r.url));
    await fx.notifications.putConfigXml('b1', vkConfig(r.url));
    expect(r.received).toHaveLength(1);
    await fx.notifications.putConfigXml('b1', vkConfig(r.urlFor('/changed')));
    expect(r.received.map((q) => q.path)).toEqual(['/hook', '/changed']);
  });
});

describe('record and off modes', () => {
  it('record saves a failed hook unconfirmed with the reason, and re-tries it on the next PUT', async () => {
    fx = setupNotifications('record');
    const r = await receiver('bad-signature');
    const out = await fx.notifications.putConfigXml('b1', vkConfig(r.url));
    expect(out.confirmations[0]).toMatchObject({ ok: false, cause: 'signature' });
    const [hook] = fx.notifications.listHooks('b1');
    expect(hook.confirmed).toBe(false);
    expect(hook.confirmError).toMatch(/wrong signature/);
    r.answerHandshakes('right');
    await fx.notifications.putConfigXml('b1', vkConfig(r.url));
    expect(fx.notifications.listHooks('b1')[0]).toMatchObject({ confirmed: true, confirmError: null });
  });

  it('off sends nothing and saves confirmed', async () => {
    fx = setupNotifications('off');
    const r = await receiver('bad-signature');
    const out = await fx.notifications.putConfigXml('b1', vkConfig(r.url));
    expect(out.confirmations).toEqual([]);
    expect(r.received).toEqual([]);
    expect(fx.notifications.listHooks('b1')[0].confirmed).toBe(true);
  });
});

describe('AWS-dialect hooks get the s3:TestEvent', () => {
  it('posts the test event and accepts any 2xx', async () => {
    fx = setupNotifications('strict');
    const r = await receiver('ok-204');
    await fx.notifications.putConfigXml('b1', topicConfig(r.url));
    const body = JSON.parse(r.received[0].body) as Record<string, string>;
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/aws-test-event.json', import.meta.url), 'utf8')) as object;
    expect(Object.keys(body).sort()).toEqual(Object.keys(fixture).sort());
    expect(body).toMatchObject({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'b1' });
    expect(body.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(fx.notifications.listHooks('b1')).toMatchObject([{ id: 't1', dialect: 'topic', confirmed: true }]);
  });

  it('a failing receiver fails a strict PUT unless destination validation is skipped', async () => {
    fx = setupNotifications('strict');
    const r = await receiver('status-500');
    const err = await rejection(fx.notifications.putConfigXml('b1', topicConfig(r.url)));
    expect(err.message).toMatch(/HTTP 500/);
    expect(err.details.ArgumentName).toBe('Topic');
    expect(fx.notifications.listHooks('b1')).toEqual([]);
    await fx.notifications.putConfigXml('b1', topicConfig(r.url), { skipDestinationValidation: true });
    expect(r.received).toHaveLength(1);
    expect(fx.notifications.listHooks('b1')).toHaveLength(1);
  });
});
