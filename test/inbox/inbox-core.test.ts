// The inbox inside a real core: a VK hook pointed at the core's own /_inbox is confirmed by the strict
// handshake (so the inbox's signature matches what notifications checks), then receives the signed events
// of real SDK PUTs through the engine; an AWS-dialect hook's s3:TestEvent is answered too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Webhook } from 'standardwebhooks';
import { startTestCore, type TestCore } from '../helpers/core';
import { waitFor } from '../delivery/delivery-harness';

describe('inbox in a running core', () => {
  let core: TestCore;
  beforeEach(async () => { core = await startTestCore({ confirmMode: 'strict' }); });
  afterEach(async () => { await core.stop(); });

  it('confirms a VK hook by handshake and captures its signed event deliveries', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'inbox-demo' }));
    const secret = 'whsec_' + Buffer.from('inbox-core-test-secret!').toString('base64');
    const result = await core.notifications.upsertHook('inbox-demo',
      { id: 'demo', url: `${core.endpoint}/_inbox/demo`, events: ['s3:ObjectCreated:*'] }, { secret });
    expect(result).toMatchObject({ confirmed: true, error: null });
    await core.s3.send(new PutObjectCommand({ Bucket: 'inbox-demo', Key: 'hello world.txt', Body: 'hi' }));
    await waitFor(() => core.inbox.captures('demo').length === 2, 5000, 'event captured');
    const [event, handshake] = core.inbox.captures('demo');
    expect(handshake.headers['x-amz-sns-message-type']).toBe('SubscriptionConfirmation');
    expect(event.headers['x-amz-sns-message-type']).toBe('Notification');
    const record = (JSON.parse(event.body) as { Records: { eventName: string; s3: { object: { key: string } } }[] }).Records[0];
    expect(record).toMatchObject({ eventName: 's3:ObjectCreated:Put', s3: { object: { key: 'hello+world.txt' } } });
    expect(() => new Webhook(secret).verify(event.body, event.headers)).not.toThrow();
    // The inbox stores the capture before the engine records the 200, so wait for the recorded outcome.
    const delivered = () => core.delivery.list({ bucket: 'inbox-demo', hookId: 'demo' }).items;
    await waitFor(() => delivered()[0]?.status !== 'pending', 5000, 'delivery outcome recorded');
    expect(delivered()).toMatchObject([{ status: 'delivered', eventId: event.headers['webhook-id'] }]);
  });

  it('answers the AWS s3:TestEvent of a TopicConfiguration in strict mode', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'inbox-aws' }));
    await core.s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'inbox-aws', NotificationConfiguration: {
      TopicConfigurations: [{ Id: 'aws', TopicArn: `${core.endpoint}/_inbox/aws`, Events: ['s3:ObjectCreated:*'] }],
    } }));
    const [test] = core.inbox.captures('aws');
    expect(JSON.parse(test.body)).toMatchObject({ Event: 's3:TestEvent', Bucket: 'inbox-aws' });
    expect(test.responseStatus).toBe(200);
  });
});
