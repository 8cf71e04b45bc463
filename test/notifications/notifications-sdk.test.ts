// Bucket webhooks end to end: configuration through @aws-sdk/client-s3, raw signed VK XML and awscli
// against a real core; object operations write outbox rows of the right shape for matching hooks.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompleteMultipartUploadCommand, CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteBucketCommand,
  DeleteObjectCommand, DeleteObjectsCommand, GetBucketNotificationConfigurationCommand,
  PutBucketNotificationConfigurationCommand, PutBucketVersioningCommand, PutObjectCommand, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { signedRequest } from './notifications-signed';

let core: TestCore;
let receiver: Receiver;
beforeAll(async () => {
  core = await startTestCore({ confirmMode: 'strict' }, { paused: true });
  receiver = await startReceiver();
  await core.s3.send(new CreateBucketCommand({ Bucket: 'hooks' }));
});
afterAll(async () => { await core?.stop(); await receiver?.close(); });

interface Row { hook_id: string; key: string; event_name: string; sequencer: number; body: string; event_id: string }
const rows = (): Row[] => core.db.prepare('SELECT * FROM deliveries ORDER BY id').all() as Row[];
const clearRows = () => core.db.prepare('DELETE FROM deliveries').run();
interface Rec { eventTime: string; responseElements: Record<string, string>; s3: { object: Record<string, string | number> } }
const recordOf = (row: Row): Rec => (JSON.parse(row.body) as { Records: Rec[] }).Records[0];
const sdkError = async (p: Promise<unknown>) => p.then(() => { throw new Error('expected an S3 error'); }, (e: Error & { $metadata?: { httpStatusCode?: number } }) => e);

const VK_CONFIG = (url: string) => `<?xml version="1.0" encoding="UTF-8"?>
<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <SimpleTopicConfiguration><Id>vk</Id><Event>s3:ObjectCreated:*</Event><Event>s3:ObjectRemoved:Delete</Event><Url>${url}</Url>
    <Filter><S3Key><FilterRule><Name>prefix</Name><Value>vk/</Value></FilterRule></S3Key></Filter></SimpleTopicConfiguration>
  <TopicConfiguration><Id>aws</Id><Topic>${url}</Topic><Event>s3:ObjectCreated:*</Event><Event>s3:ObjectRemoved:*</Event>
    <Filter><S3Key><FilterRule><Name>prefix</Name><Value>aws/</Value></FilterRule><FilterRule><Name>suffix</Name><Value>.txt</Value></FilterRule></S3Key></Filter></TopicConfiguration>
</NotificationConfiguration>`;

describe('configuration through S3 clients', () => {
  it('SDK PutBucketNotificationConfiguration with an http TopicArn creates a hook that GET returns', async () => {
    const before = receiver.received.length;
    await core.s3.send(new PutBucketNotificationConfigurationCommand({
      Bucket: 'hooks',
      NotificationConfiguration: { TopicConfigurations: [{
        Id: 'sdk', TopicArn: receiver.urlFor('/sdk'), Events: ['s3:ObjectCreated:Put'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }] } },
      }] },
    }));
    expect(receiver.received.slice(before).map((r) => JSON.parse(r.body).Event)).toEqual(['s3:TestEvent']);
    const got = await core.s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'hooks' }));
    expect(got.TopicConfigurations).toEqual([{
      Id: 'sdk', TopicArn: receiver.urlFor('/sdk'), Events: ['s3:ObjectCreated:Put'],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }] } },
    }]);
  });

  it('SDK errors: unknown event, ARN target, EventBridge, missing bucket', async () => {
    const put = (Bucket: string, NotificationConfiguration: object) =>
      sdkError(core.s3.send(new PutBucketNotificationConfigurationCommand({ Bucket, NotificationConfiguration })));
    const unknown = await put('hooks', { TopicConfigurations: [{ TopicArn: 'http://127.0.0.1:1/', Events: ['s3:ObjectRestore:Post'] }] });
    expect([unknown.name, unknown.message, unknown.$metadata?.httpStatusCode]).toEqual(['InvalidArgument', 'The event is not supported for notifications', 400]);
    const arn = await put('hooks', { QueueConfigurations: [{ QueueArn: 'arn:aws:sqs:us-east-1:1:q', Events: ['s3:ObjectCreated:*'] }] });
    expect([arn.name, arn.message]).toEqual(['InvalidArgument', 'Unable to validate the following destination configurations']);
    const bridge = await put('hooks', { EventBridgeConfiguration: {} });
    expect(bridge.name).toBe('InvalidArgument');
    expect(bridge.message).toMatch(/EventBridge/);
    expect((await put('no-such-bucket', {})).name).toBe('NoSuchBucket');
    const got = await core.s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'hooks' }));
    expect(got.TopicConfigurations?.map((t) => t.Id)).toEqual(['sdk']);
  });

  it('raw VK XML: strict handshake failure names the cause; success stores both dialects; GET renders them', async () => {
    receiver.answerHandshakes('wrong');
    const bad = await signedRequest(core.endpoint, 'PUT', '/hooks', { notification: '' }, VK_CONFIG(receiver.url));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('<Code>InvalidArgument</Code>');
    expect(bad.body).toMatch(/wrong signature: expected [0-9a-f]{64} got f{64}/);
    receiver.answerHandshakes('right');
    const ok = await signedRequest(core.endpoint, 'PUT', '/hooks', { notification: '' }, VK_CONFIG(receiver.url));
    expect(ok.status).toBe(200);
    const get = await signedRequest(core.endpoint, 'GET', '/hooks', { notification: '' });
    // VK writes rule names back capitalised; the AWS hook keeps its lower-case names.
    const compact = (xml: string) => xml.replace(/>\s+</g, '><');
    expect(compact(get.body)).toBe(compact(VK_CONFIG(receiver.url)).replace('<Name>prefix</Name><Value>vk/', '<Name>Prefix</Name><Value>vk/'));
    const sdkView = await core.s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'hooks' }));
    expect(sdkView.TopicConfigurations?.map((t) => t.Id)).toEqual(['aws']);
  });

  it('raw errors: MalformedXML, body over 1 MiB', async () => {
    const malformed = await signedRequest(core.endpoint, 'PUT', '/hooks', { notification: '' }, '<NotificationConfiguration><Oops>');
    expect([malformed.status, /<Code>MalformedXML<\/Code>/.test(malformed.body)]).toEqual([400, true]);
    const big = await signedRequest(core.endpoint, 'PUT', '/hooks', { notification: '' }, `<NotificationConfiguration>${' '.repeat(1024 * 1024)}</NotificationConfiguration>`);
    expect([big.status, /<Code>MaxMessageLengthExceeded<\/Code>/.test(big.body)]).toEqual([400, true]);
    const get = await signedRequest(core.endpoint, 'GET', '/hooks', { notification: '' });
    expect(get.body).toContain('<Id>vk</Id>');
  });
});

describe('empty configuration, skip header, DELETE and bucket removal', () => {
  it('a fresh bucket has the empty configuration; SDK parses it as empty', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'fresh' }));
    const raw = await signedRequest(core.endpoint, 'GET', '/fresh', { notification: '' });
    expect(raw.body).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>');
    const got = await core.s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'fresh' }));
    expect([got.TopicConfigurations, got.QueueConfigurations, got.LambdaFunctionConfigurations]).toEqual([undefined, undefined, undefined]);
  });

  it('SkipDestinationValidation saves an AWS hook whose receiver is down; DELETE clears; DeleteBucket forgets hooks', async () => {
    const config = { TopicConfigurations: [{ Id: 'down', TopicArn: 'http://127.0.0.1:1/down', Events: ['s3:ObjectCreated:*' as const] }] };
    const refused = await sdkError(core.s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'fresh', NotificationConfiguration: config })));
    expect(refused.message).toBe('Unable to confirm the URL http://127.0.0.1:1/down: connection refused (nothing listens there)');
    await core.s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'fresh', NotificationConfiguration: config, SkipDestinationValidation: true }));
    expect(core.notifications.listHooks('fresh').map((h) => h.id)).toEqual(['down']);
    const del = await signedRequest(core.endpoint, 'DELETE', '/fresh', { notification: '' });
    expect(del.status).toBe(204);
    expect(core.notifications.listHooks('fresh')).toEqual([]);
    await core.s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'fresh', NotificationConfiguration: config, SkipDestinationValidation: true }));
    await core.s3.send(new DeleteBucketCommand({ Bucket: 'fresh' }));
    await core.s3.send(new CreateBucketCommand({ Bucket: 'fresh' }));
    expect(core.notifications.listHooks('fresh')).toEqual([]);
  });
});

describe('object changes write outbox rows', () => {
  it('put, copy, multipart, delete and DeleteObjects fire the matching hooks with the right records', async () => {
    clearRows();
    await core.s3.send(new PutObjectCommand({ Bucket: 'hooks', Key: 'vk/фото 1.png', Body: 'hello' }));
    await core.s3.send(new PutObjectCommand({ Bucket: 'hooks', Key: 'aws/a b+c.txt', Body: 'hi' }));
    await core.s3.send(new PutObjectCommand({ Bucket: 'hooks', Key: 'aws/skip.bin', Body: 'no' }));
    await core.s3.send(new PutObjectCommand({ Bucket: 'hooks', Key: 'other/x.txt', Body: 'no' }));
    await core.s3.send(new CopyObjectCommand({ Bucket: 'hooks', Key: 'vk/copy.png', CopySource: 'hooks/other/x.txt' }));
    const mpu = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'hooks', Key: 'aws/big.txt' }));
    const part = await core.s3.send(new UploadPartCommand({ Bucket: 'hooks', Key: 'aws/big.txt', UploadId: mpu.UploadId, PartNumber: 1, Body: 'part' }));
    await core.s3.send(new CompleteMultipartUploadCommand({ Bucket: 'hooks', Key: 'aws/big.txt', UploadId: mpu.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    await core.s3.send(new DeleteObjectCommand({ Bucket: 'hooks', Key: 'vk/copy.png' }));
    await core.s3.send(new DeleteObjectsCommand({ Bucket: 'hooks', Delete: { Objects: [{ Key: 'aws/a b+c.txt' }, { Key: 'aws/big.txt' }, { Key: 'other/x.txt' }] } }));

    const got = rows().map((r) => [r.hook_id, r.event_name, r.key]);
    expect(got).toEqual([
      ['vk', 's3:ObjectCreated:Put', 'vk/фото 1.png'],
      ['aws', 's3:ObjectCreated:Put', 'aws/a b+c.txt'],
      ['vk', 's3:ObjectCreated:Copy', 'vk/copy.png'],
      ['aws', 's3:ObjectCreated:CompleteMultipartUpload', 'aws/big.txt'],
      ['vk', 's3:ObjectRemoved:Delete', 'vk/copy.png'],
      ['aws', 's3:ObjectRemoved:Delete', 'aws/a b+c.txt'],
      ['aws', 's3:ObjectRemoved:Delete', 'aws/big.txt'],
    ]);
    const all = rows();
    expect(new Set(all.map((r) => r.event_id)).size).toBe(all.length);
    const [vkPut, awsPut, , awsMpu, vkDel, awsDel] = all.map(recordOf);
    expect(vkPut).toMatchObject({
      eventVersion: '1.0', eventSource: 'aws:s3', awsRegion: 'ru-msk', eventName: 's3:ObjectCreated:Put',
      userIdentity: { principalId: TEST_KEYS.accessKey }, requestParameters: { sourceIPAddress: '127.0.0.1' },
      s3: { s3SchemaVersion: '1.0', configurationId: 'vk', bucket: { name: 'hooks', ownerIdentity: { principalId: 'bh-owner' } },
        object: { key: 'vk/%D1%84%D0%BE%D1%82%D0%BE+1.png', size: 5, eTag: '5d41402abc4b2a76b9719d911017c592' } },
    });
    expect(typeof vkPut.s3.object.sequencer).toBe('number');
    expect(vkPut.responseElements['x-amz-request-id']).toEqual(expect.any(String));
    expect(awsPut).toMatchObject({
      eventVersion: '2.1', eventName: 'ObjectCreated:Put',
      s3: { configurationId: 'aws', bucket: { arn: 'arn:aws:s3:::hooks' }, object: { key: 'aws/a+b%2Bc.txt', size: 2 } },
    });
    expect(awsPut.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(awsPut.s3.object.sequencer).toMatch(/^[0-9A-F]{16}$/);
    expect(awsPut.responseElements['x-amz-id-2']).toEqual(expect.any(String));
    expect(awsPut.s3.object.versionId).toBeUndefined();
    expect(awsMpu.s3.object.eTag).toMatch(/^[0-9a-f]{32}-1$/);
    expect(vkDel.s3.object).toEqual({ key: 'vk/copy.png', sequencer: expect.any(Number) });
    expect(Object.keys(awsDel.s3.object).sort()).toEqual(['key', 'sequencer']);
    expect(awsDel.s3.object.sequencer > awsPut.s3.object.sequencer).toBe(true);
  });

  it('versioned buckets: AWS records carry versionId; a delete fires DeleteMarkerCreated', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'versioned' }));
    await core.s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }));
    await core.s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'versioned', SkipDestinationValidation: true, NotificationConfiguration: {
      TopicConfigurations: [{ Id: 'v', TopicArn: 'http://127.0.0.1:1/v', Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'] }] } }));
    clearRows();
    const put = await core.s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'k', Body: 'v1' }));
    const del = await core.s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'k' }));
    const [created, removed] = rows();
    expect([created.event_name, removed.event_name]).toEqual(['s3:ObjectCreated:Put', 's3:ObjectRemoved:DeleteMarkerCreated']);
    expect(recordOf(created).s3.object.versionId).toBe(put.VersionId);
    expect(recordOf(removed).s3.object).toEqual({ key: 'k', versionId: del.VersionId, sequencer: expect.stringMatching(/^[0-9A-F]{16}$/) });
    expect(removed.sequencer).toBeGreaterThan(created.sequencer);
  });

  it('a failed write (bad checksum) fires nothing', async () => {
    clearRows();
    const err = await sdkError(core.s3.send(new PutObjectCommand({ Bucket: 'hooks', Key: 'vk/bad.png', Body: 'data', ChecksumCRC32: 'AAAAAA==' })));
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(rows()).toEqual([]);
  });
});

describe('awscli', () => {
  it('put-bucket-notification-configuration creates a hook; delete clears', async () => {
    const file = join(core.dir, 'notif.json');
    writeFileSync(file, JSON.stringify({ TopicConfigurations: [{ Id: 'cli', TopicArn: receiver.urlFor('/cli'), Events: ['s3:ObjectRemoved:*'] }] }));
    const env = { ...process.env, AWS_ACCESS_KEY_ID: TEST_KEYS.accessKey, AWS_SECRET_ACCESS_KEY: TEST_KEYS.secretKey, AWS_DEFAULT_REGION: 'ru-msk', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    const aws = (...args: string[]) => promisify(execFile)('/usr/bin/aws', ['--endpoint-url', core.endpoint, 's3api', ...args], { env });
    await aws('put-bucket-notification-configuration', '--bucket', 'hooks', '--notification-configuration', `file://${file}`);
    const out = JSON.parse((await aws('get-bucket-notification-configuration', '--bucket', 'hooks')).stdout) as { TopicConfigurations: { Id: string; TopicArn: string }[] };
    expect(out.TopicConfigurations).toEqual([{ Id: 'cli', TopicArn: receiver.urlFor('/cli'), Events: ['s3:ObjectRemoved:*'] }]);
    expect(core.notifications.listHooks('hooks').map((h) => [h.id, h.dialect, h.confirmed])).toEqual([['cli', 'topic', true]]);
    await aws('put-bucket-notification-configuration', '--bucket', 'hooks', '--notification-configuration', '{}');
    expect(core.notifications.listHooks('hooks')).toEqual([]);
  });
});
