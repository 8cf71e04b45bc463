// Remote hooks against a second core (strict VK handshake) and s3rver: GET parsed in both dialects, edits PUT as
// the whole document, the remote's refusal kept verbatim (nothing saved), and what was written read back with
// awscli and a raw signed GET; s3rver is told apart as "does not support bucket notifications".
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { connect, type Connection } from '../../src-main/core/remote/connection';
import { getRemoteConfig, putRemoteConfigXml } from '../../src-main/core/remote/remote-notifications';
import { deleteRemoteHooks, sendTestFromHere, upsertRemoteHook } from '../../src-main/core/remote/remote-hooks';
import { RemoteS3Error } from '../../src-main/core/remote/remote-error';
import type { HookSpec } from '../../src-main/core/notifications/types';
import { systemClock } from '../../src-main/core/kernel/clock';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { signedRequest } from '../notifications/notifications-signed';
import { startS3rver } from '../helpers/remote-targets';

let remote: TestCore;
let good: Receiver;
let bad: Receiver;
let conn: Connection;
beforeAll(async () => {
  remote = await startTestCore({ confirmMode: 'strict' }, { paused: true });
  [good, bad] = await Promise.all([startReceiver(), startReceiver({ handshake: 'wrong' })]);
  conn = connect({ name: 'second', endpoint: remote.endpoint, region: 'ru-msk', ...TEST_KEYS, pathStyle: true, verifyTls: true });
  await conn.s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
});
afterAll(async () => { conn?.close(); await remote?.stop(); await good?.close(); await bad?.close(); });

const vk = (id: string, url: string, over: Partial<HookSpec> = {}): HookSpec =>
  ({ id, dialect: 'vk', url, events: ['s3:ObjectCreated:*'], rules: [{ name: 'Prefix', value: `${id}/` }], ...over });
const env = { ...process.env, AWS_ACCESS_KEY_ID: TEST_KEYS.accessKey, AWS_SECRET_ACCESS_KEY: TEST_KEYS.secretKey,
  AWS_DEFAULT_REGION: 'ru-msk', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
const awscli = async (...args: string[]) =>
  (await promisify(execFile)('/usr/bin/aws', ['--endpoint-url', remote.endpoint, 's3api', ...args], { env })).stdout;
const rawGet = async () => (await signedRequest(remote.endpoint, 'GET', '/photos', { notification: '' })).body;

describe('hooks on a BucketHooks remote', () => {
  it('reads the empty configuration', async () => {
    expect(await getRemoteConfig(conn, 'photos')).toMatchObject({ supported: true, hooks: [] });
  });

  it('adds a VK hook whose URL passes the handshake', async () => {
    await upsertRemoteHook(conn, 'photos', vk('ok', good.urlFor('/ok')));
    expect(remote.notifications.listHooks('photos').map((h) => [h.id, h.dialect, h.confirmed])).toEqual([['ok', 'vk', true]]);
    expect(good.received.some((r) => r.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation')).toBe(true);
  });

  it('keeps the remote refusal of a URL that fails the handshake verbatim, and saves nothing', async () => {
    const before = await rawGet();
    const err = await upsertRemoteHook(conn, 'photos', vk('bad', bad.urlFor('/bad'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteS3Error);
    const refusal = err as RemoteS3Error;
    expect(refusal.code).toBe('InvalidArgument');
    expect(refusal.status).toBe(400);
    expect(refusal.remoteMessage).toMatch(new RegExp(`${bad.urlFor('/bad').replace(/[.]/g, '\\.')}.*signature`, 'i'));
    expect(refusal.message).toBe(`InvalidArgument: ${refusal.remoteMessage}`);
    expect(await rawGet()).toBe(before);
  });

  it('adds an AWS-dialect hook beside it and keeps each dialect on the way back', async () => {
    await upsertRemoteHook(conn, 'photos', { id: 'aws', dialect: 'topic', url: good.urlFor('/aws'), events: ['s3:ObjectRemoved:*'], rules: [] });
    const config = await getRemoteConfig(conn, 'photos');
    expect(config.supported && config.hooks.map((h) => [h.id, h.dialect])).toEqual([['ok', 'vk'], ['aws', 'topic']]);
  });

  it('edits a hook in place (URL, events, filter) and renames it', async () => {
    await upsertRemoteHook(conn, 'photos', vk('renamed', good.urlFor('/ok2'), { events: ['s3:ObjectCreated:Put'], rules: [{ name: 'Suffix', value: '.jpg' }] }), 'ok');
    const config = await getRemoteConfig(conn, 'photos');
    expect(config.supported && config.hooks).toEqual([
      vk('renamed', good.urlFor('/ok2'), { events: ['s3:ObjectCreated:Put'], rules: [{ name: 'Suffix', value: '.jpg' }] }),
      { id: 'aws', dialect: 'topic', url: good.urlFor('/aws'), events: ['s3:ObjectRemoved:*'], rules: [] },
    ]);
  });

  it('refuses to rename onto an existing Id without sending anything', async () => {
    await expect(upsertRemoteHook(conn, 'photos', vk('aws', good.urlFor('/x')), 'renamed')).rejects.toThrow('already has a hook with Id aws');
  });

  it('is what awscli and a raw signed GET read back', async () => {
    const aws = JSON.parse(await awscli('get-bucket-notification-configuration', '--bucket', 'photos')) as Record<string, unknown>;
    expect(aws.TopicConfigurations).toEqual([{ Id: 'aws', TopicArn: good.urlFor('/aws'), Events: ['s3:ObjectRemoved:*'] }]);
    const raw = await rawGet();
    expect(raw).toContain(`<SimpleTopicConfiguration><Id>renamed</Id><Event>s3:ObjectCreated:Put</Event><Url>${good.urlFor('/ok2')}</Url>`);
    expect(raw).toContain('<FilterRule><Name>Suffix</Name><Value>.jpg</Value></FilterRule>');
    expect(raw).toContain(`<TopicConfiguration><Id>aws</Id><Topic>${good.urlFor('/aws')}</Topic>`);
  });

  it('deletes hooks with one PUT; unknown Ids change nothing', async () => {
    expect(await deleteRemoteHooks(conn, 'photos', ['nope'])).toBe(0);
    expect(await deleteRemoteHooks(conn, 'photos', ['renamed'])).toBe(1);
    const aws = JSON.parse(await awscli('get-bucket-notification-configuration', '--bucket', 'photos')) as Record<string, unknown>;
    expect(aws.TopicConfigurations).toHaveLength(1);
    expect(await rawGet()).not.toContain('SimpleTopicConfiguration');
  });

  it('sends an imported document as it is and reports a malformed one with the remote code', async () => {
    await putRemoteConfigXml(conn, 'photos', '<NotificationConfiguration/>');
    expect(remote.notifications.listHooks('photos')).toEqual([]);
    await expect(putRemoteConfigXml(conn, 'photos', '<nope')).rejects.toMatchObject({ code: 'MalformedXML', status: 400 });
  });

  it('reports a missing bucket with the remote code', async () => {
    await expect(getRemoteConfig(conn, 'missing')).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('sends a test event from this computer and returns the receiver answer', async () => {
    const answer = await sendTestFromHere(good.urlFor('/probe'), 'photos', systemClock, '0.0.0-test');
    expect(answer).toMatchObject({ ok: true, status: 200 });
    const got = good.received.find((r) => r.path === '/probe');
    expect(JSON.parse(got?.body ?? '{}')).toMatchObject({ Event: 's3:TestEvent', Bucket: 'photos' });
    expect(await sendTestFromHere('arn:aws:sns:x', 'photos', systemClock, '0')).toMatchObject({ ok: false, errorMessage: expect.stringContaining('not an http(s) URL') });
  });
});

describe('s3rver as a remote', () => {
  it('browses but has no bucket notifications', async () => {
    const s3rver = await startS3rver();
    const c = connect({ name: 's3rver', endpoint: s3rver.endpoint, region: 'us-east-1', accessKey: s3rver.accessKey,
      secretKey: s3rver.secretKey, pathStyle: true, verifyTls: true });
    try {
      await c.s3.send(new CreateBucketCommand({ Bucket: 'plain' }));
      await c.s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'a.txt', Body: 'hi' }));
      expect((await c.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['plain']);
      expect((await c.s3.send(new ListObjectsV2Command({ Bucket: 'plain' }))).Contents?.map((o) => o.Key)).toEqual(['a.txt']);
      expect(await getRemoteConfig(c, 'plain')).toEqual({ supported: false,
        reason: 'This service does not support bucket notifications (NotImplemented: A parameter you provided implies functionality that is not implemented)' });
      await expect(putRemoteConfigXml(c, 'plain', '<NotificationConfiguration/>')).rejects.toMatchObject({ code: 'NotificationsUnsupported' });
    } finally {
      c.close();
      await s3rver.close();
    }
  });
});
