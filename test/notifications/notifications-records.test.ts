// Matcher, event records (VK 1.0 and AWS 2.1 shapes), key encoding, sequencer and event ids.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventMatches } from '../../src-shared/event-match';
import { judge, type JudgedHook } from '../../src-main/core/notifications/verdicts';
import { awsSequencer, encodeEventKey, eventBody, newEventId } from '../../src-main/core/notifications/event-record';
import type { ObjectChange } from '../../src-main/core/model/object-change';

const fixtureRecord = (name: string) =>
  (JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as { Records: Record<string, unknown>[] }).Records[0];

const keysOf = (o: unknown): unknown =>
  o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, keysOf(v)]).sort()) : typeof o;

describe('matcher', () => {
  it.each([
    ['s3:ObjectCreated:Put', 's3:ObjectCreated:Put', true],
    ['s3:ObjectCreated:*', 's3:ObjectCreated:CompleteMultipartUpload', true],
    ['s3:ObjectCreated:*', 's3:ObjectRemoved:Delete', false],
    ['s3:ObjectRemoved:*', 's3:ObjectRemoved:DeleteMarkerCreated', true],
    ['s3:ObjectCreated:Put', 's3:ObjectCreated:Post', false],
    ['s3:ObjectRemoved:Delete', 's3:ObjectRemoved:DeleteMarkerCreated', false],
  ])('%s covers %s: %s', (configured, event, expected) => {
    expect(eventMatches(configured, event)).toBe(expected);
  });

  const hook = (over: Partial<JudgedHook>): JudgedHook => ({
    id: 'h', events: ['s3:ObjectCreated:*'], prefix: '', suffix: '', state: 'active', confirmed: true, confirmError: null, ...over,
  });
  const fires = (h: JudgedHook, event: string, key: string) => judge(h, event, key).outcome === 'fired';
  it.each([
    ['images/a.jpg', true],
    ['images/sub/b.jpg', true],
    ['images/a.png', false],
    ['other/a.jpg', false],
    ['images/.jpg', true],
    ['Images/a.jpg', false],
  ])('prefix images/ suffix .jpg: %s → %s', (key, expected) => {
    expect(fires(hook({ prefix: 'images/', suffix: '.jpg' }), 's3:ObjectCreated:Put', key)).toBe(expected);
  });

  it('without a filter matches every key of the named events only', () => {
    const removals = hook({ events: ['s3:ObjectRemoved:Delete'] });
    expect(fires(removals, 's3:ObjectRemoved:Delete', 'any/key')).toBe(true);
    expect(fires(removals, 's3:ObjectCreated:Put', 'any/key')).toBe(false);
  });
});

const change: ObjectChange = {
  eventName: 's3:ObjectCreated:Put', bucket: 'bucketA', key: 'some-file-to-bucket', size: 100,
  etag: 'aed563ecafb4bcc5654c597a421547b2', sequencer: 1577453615, time: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
  requestId: 'VGJR5rtJ', hostId: 'host/id2', sourceIp: '185.6.245.156', principalId: 'AKIAUSER',
};
const ctx = { hookId: '1', region: 'ru-msk', ownerId: 'mcs2883541269' };
const recordOf = (c: ObjectChange, dialect: 'vk' | 'topic') =>
  (JSON.parse(eventBody(c, { ...ctx, dialect })) as { Records: Record<string, never>[] }).Records;

describe('event records', () => {
  it('VK hooks get the fixture shape plus eventTime', () => {
    const records = recordOf(change, 'vk');
    expect(records).toHaveLength(1);
    const fixture = fixtureRecord('vk-event.json');
    expect(keysOf(records[0])).toEqual(keysOf({ ...fixture, eventTime: '' }));
    expect(records[0]).toMatchObject({ ...fixture, userIdentity: { principalId: 'AKIAUSER' }, eventTime: '2026-01-02T03:04:05.678Z' });
  });

  it('AWS hooks get the 2.1 shape: no s3: prefix, ms time, arn, x-amz-id-2, hex sequencer, versionId', () => {
    const [record] = recordOf({ ...change, versionId: 'v123' }, 'topic');
    expect(keysOf(record)).toEqual(keysOf(fixtureRecord('aws-event-2.1.json')));
    expect(record).toMatchObject({
      eventVersion: '2.1', eventName: 'ObjectCreated:Put', eventTime: '2026-01-02T03:04:05.678Z', awsRegion: 'ru-msk',
      responseElements: { 'x-amz-request-id': 'VGJR5rtJ', 'x-amz-id-2': 'host/id2' },
      s3: { configurationId: '1', bucket: { name: 'bucketA', arn: 'arn:aws:s3:::bucketA', ownerIdentity: { principalId: 'mcs2883541269' } },
        object: { key: 'some-file-to-bucket', size: 100, eTag: 'aed563ecafb4bcc5654c597a421547b2', versionId: 'v123', sequencer: '000000005E06082F' } },
    });
  });

  it('delete records carry key, sequencer and versionId only', () => {
    const removal: ObjectChange = { ...change, eventName: 's3:ObjectRemoved:DeleteMarkerCreated', size: undefined, etag: undefined, versionId: 'dm1' };
    expect((recordOf(removal, 'vk')[0].s3 as { object: unknown }).object).toEqual({ key: 'some-file-to-bucket', versionId: 'dm1', sequencer: 1577453615 });
    const [aws] = recordOf({ ...removal, versionId: undefined }, 'topic');
    expect((aws.s3 as { object: unknown }).object).toEqual({ key: 'some-file-to-bucket', sequencer: '000000005E06082F' });
    expect(aws.eventName).toBe('ObjectRemoved:DeleteMarkerCreated');
  });

  it.each([
    ['a b/c d.txt', 'a+b/c+d.txt'],
    ['фото/кот.jpg', '%D1%84%D0%BE%D1%82%D0%BE/%D0%BA%D0%BE%D1%82.jpg'],
    ["x!'()~*-_.y", 'x%21%27%28%29%7E*-_.y'],
    ['a+b&c=d?e#f%g', 'a%2Bb%26c%3Dd%3Fe%23f%25g'],
    ['../etc', '../etc'],
  ])('encodes key %s as %s', (key, encoded) => {
    expect(encodeEventKey(key)).toBe(encoded);
  });

  it('sequencer is upper hex padded to 16 and grows', () => {
    expect(awsSequencer(0)).toBe('0000000000000000');
    expect(awsSequencer(255)).toBe('00000000000000FF');
    expect(awsSequencer(256) > awsSequencer(255)).toBe(true);
  });

  it('event ids are unique, prefixed and time-sortable', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newEventId(1000)));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(newEventId(2000).slice(0, 14) > newEventId(1000).slice(0, 14)).toBe(true);
  });
});
