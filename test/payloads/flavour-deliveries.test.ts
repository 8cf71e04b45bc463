// Every payload flavour against a real receiver: PUT, Copy, CompleteMultipartUpload, Delete and DeleteMarkerCreated on
// a versioned bucket through the real SDK, each body compared field by field with the service's published sample;
// the SNS signature verified the way AWS documents (certificate fetched from SigningCertURL, node:crypto), B2's v1=
// HMAC recomputed, CloudEvents' ce-* headers read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac, createVerify } from 'node:crypto';
import {
  CompleteMultipartUploadCommand, CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteObjectCommand,
  PutBucketVersioningCommand, PutObjectCommand, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver, type Received } from '../helpers/receiver';
import { waitFor } from '../delivery/delivery-harness';
import { PAYLOAD_FLAVOURS, type PayloadFlavour } from '../../src-shared/contract';
import { fixture, missingFrom } from './shape-paths';

const BUCKET = 'flavours';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const KEY = (f: string) => `${f}/my file+1%.txt`;

let core: TestCore;
let rx: Receiver;
const got = (f: PayloadFlavour): Received[] => rx.received.filter((r) => r.path === `/hook/${f}`);
const json = (r: Received) => JSON.parse(r.body) as Record<string, unknown>;

beforeAll(async () => {
  core = await startTestCore();
  rx = await startReceiver();
  await core.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await core.s3.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }));
  for (const flavour of PAYLOAD_FLAVOURS) {
    await core.api['hooks.upsert']({ bucket: BUCKET, hook: {
      id: `h-${flavour}`, events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], url: `${rx.url}/${flavour}`, prefix: `${flavour}/`,
      flavour, secret: SECRET,
    } });
    const key = KEY(flavour);
    const put = await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'meow' }));
    await core.s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: `${flavour}/copy`, CopySource: `${BUCKET}/${encodeURIComponent(key)}` }));
    const up = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: `${flavour}/mpu` }));
    const part = await core.s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: `${flavour}/mpu`, UploadId: up.UploadId, PartNumber: 1, Body: 'x' }));
    await core.s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: `${flavour}/mpu`, UploadId: up.UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    await core.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${flavour}/copy` }));
    await core.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key, VersionId: put.VersionId }));
  }
  await waitFor(() => PAYLOAD_FLAVOURS.every((f) => got(f).length >= 5), 20_000, 'five deliveries per flavour');
}, 60_000);
afterAll(async () => { await rx.close(); await core?.stop(); });

describe('payload flavours on the wire', () => {
  it('vk, aws and aws-current post records shaped like the published samples', () => {
    for (const [flavour, sample, version] of [['vk', 'vk-event.json', '1.0'], ['aws', 'aws-event-2.1.json', '2.1'],
      ['aws-current', 'flavours/aws-event-2.5.json', '2.5']] as const) {
      const [first] = got(flavour).map(json);
      expect(missingFrom(first, fixture(sample)), flavour).toEqual([]);
      const record = (first.Records as Record<string, unknown>[])[0];
      expect(record.eventVersion).toBe(version);
      expect((record.s3 as { object: { key: string } }).object.key).toBe(`${flavour}/my+file%2B1%25.txt`);
    }
  });

  it('sns: the envelope of AWS, its signature verifies with the certificate served at SigningCertURL; a changed byte fails it', async () => {
    const [first] = got('sns');
    expect(first.headers).toMatchObject({ 'x-amz-sns-message-type': 'Notification', 'x-amz-sns-message-id': expect.any(String),
      'x-amz-sns-topic-arn': expect.stringMatching(/^arn:aws:sns:/), 'content-type': 'text/plain; charset=UTF-8' });
    const m = json(first) as Record<string, string>;
    expect(missingFrom(m, fixture('flavours/sns-notification.json'))).toEqual([]);
    expect(m.SignatureVersion).toBe('2');
    expect(missingFrom(JSON.parse(m.Message), fixture('aws-event-2.1.json'))).toEqual([]);
    const cert = await (await fetch(m.SigningCertURL)).text();
    expect(cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    // AWS's documented string to sign for a Notification: these fields, in this order, "Name\nvalue\n" each.
    const canonical = (x: Record<string, string>) => ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      .filter((k) => x[k] !== undefined).map((k) => `${k}\n${x[k]}\n`).join('');
    const verify = (x: Record<string, string>) => createVerify('RSA-SHA256').update(canonical(x), 'utf8').verify(cert, x.Signature, 'base64');
    for (const r of got('sns')) expect(verify(json(r) as Record<string, string>)).toBe(true);
    expect(verify({ ...m, Message: m.Message.replace('ObjectCreated', 'ObjectCreatee') })).toBe(false);
  });

  it('eventbridge: Object Created / Object Deleted events shaped like the samples, raw keys, deletion types', () => {
    const events = got('eventbridge').map(json);
    const created = events.filter((e) => e['detail-type'] === 'Object Created');
    const deleted = events.filter((e) => e['detail-type'] === 'Object Deleted');
    expect(created.map((e) => (e.detail as { reason: string }).reason).sort()).toEqual(['CompleteMultipartUpload', 'CopyObject', 'PutObject']);
    for (const e of created) expect(missingFrom(e, fixture('flavours/eventbridge-object-created.json'))).toEqual([]);
    for (const e of deleted) expect(missingFrom(e, fixture('flavours/eventbridge-object-deleted.json'))).toEqual([]);
    expect(deleted.map((e) => (e.detail as Record<string, string>)['deletion-type']).sort()).toEqual(['Delete Marker Created', 'Permanently Deleted']);
    expect((created.find((e) => (e.detail as { reason: string }).reason === 'PutObject')?.detail as { object: { key: string } }).object.key).toBe(KEY('eventbridge'));
  });

  it('minio: EventName, Key and a minio:s3 record with a query-escaped key', () => {
    const [first] = got('minio').map(json);
    expect(missingFrom(first, fixture('flavours/minio-event.json'))).toEqual([]);
    expect(first.Key).toBe(`${BUCKET}/${KEY('minio')}`);
    expect((first.Records as { s3: { object: { key: string } } }[])[0].s3.object.key).toBe('minio%2Fmy+file%2B1%25.txt');
  });

  it('ceph: eventVersion 2.2, ceph:s3, the raw key, eventId and opaqueData', () => {
    const [first] = got('ceph').map(json);
    expect(missingFrom(first, fixture('flavours/ceph-event.json'))).toEqual([]);
    const record = (first.Records as Record<string, unknown>[])[0];
    expect(record).toMatchObject({ eventVersion: '2.2', eventSource: 'ceph:s3', eventId: expect.stringMatching(/^evt_/) });
    expect((record.s3 as { object: { key: string } }).object.key).toBe(KEY('ceph'));
  });

  it('b2: {events:[…]} with B2 event types, signed v1=<hex HMAC-SHA256 of the raw body> with the hook secret', () => {
    const posts = got('b2');
    for (const r of posts) {
      expect(r.headers['x-bz-event-notification-signature']).toBe(`v1=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`);
      expect(missingFrom(json(r), { events: [{ accountId: '', bucketId: '', bucketName: '', eventId: '', eventTimestamp: 0,
        eventType: '', eventVersion: 1, matchedRuleName: '', objectName: '' }] })).toEqual([]);
    }
    expect(missingFrom(json(posts[0]), fixture('flavours/b2-event.json'))).toEqual([]);
    const types = posts.flatMap((r) => (json(r).events as { eventType: string }[]).map((e) => e.eventType)).sort();
    expect(types).toEqual(['b2:HideMarkerCreated:Hide', 'b2:ObjectCreated:Copy', 'b2:ObjectCreated:MultipartUpload',
      'b2:ObjectCreated:Upload', 'b2:ObjectDeleted:Delete']);
  });

  it('cloudevents: binary mode, ce-* headers set, the body is the record', () => {
    const [first] = got('cloudevents');
    expect(first.headers).toMatchObject({ 'ce-specversion': '1.0', 'ce-id': first.headers['webhook-id'],
      'ce-source': `aws:s3.ru-msk.${BUCKET}`, 'ce-type': 'com.amazonaws.s3.ObjectCreated:Put', 'ce-subject': 'cloudevents/my+file%2B1%25.txt',
      'ce-time': expect.stringMatching(/Z$/), 'content-type': 'application/json' });
    expect(first.headers['x-amz-sns-message-type']).toBeUndefined();
    expect(missingFrom({ Records: [json(first)] }, fixture('aws-event-2.1.json'))).toEqual([]);
  });
});
