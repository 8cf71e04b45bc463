// The per-change body builder: serialising each dialect once and splicing hook Ids gives exactly eventBody's text.
import { describe, expect, it } from 'vitest';
import { eventBodies, eventBody } from '../../src-main/core/notifications/event-record';
import type { Dialect } from '../../src-main/core/notifications/types';
import type { ObjectChange } from '../../src-main/core/model/object-change';

const base: ObjectChange = {
  eventName: 's3:ObjectCreated:Put', bucket: 'bucket-a', key: 'dir/"configurationId":""/ü ~.txt', size: 7,
  etag: 'aed563ecafb4bcc5654c597a421547b2', sequencer: 42, time: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
  requestId: '"configurationId":""', hostId: 'host/id2', sourceIp: '127.0.0.1', principalId: 'AK"configurationId":""',
};
const removal: ObjectChange = { ...base, eventName: 's3:ObjectRemoved:Delete', size: undefined, etag: undefined, versionId: 'v1' };
const dialects: Dialect[] = ['vk', 'topic', 'queue', 'cloudfunction'];
const ids = ['h1', '', 'quote"back\\slash', 'ünïcødé ✓', '"configurationId":""', 'line\nbreak'];

describe('eventBodies', () => {
  it.each([['a PUT', base], ['a removal', removal]] as const)('matches eventBody for every dialect and Id on %s', (_, change) => {
    const bodyFor = eventBodies(change, 'ru-msk', 'owner"1');
    for (const dialect of dialects) {
      for (const hookId of ids) {
        const expected = eventBody(change, { dialect, hookId, region: 'ru-msk', ownerId: 'owner"1' });
        expect(bodyFor(dialect, hookId)).toBe(expected);
        const record = (JSON.parse(bodyFor(dialect, hookId)) as { Records: { s3: { configurationId: string } }[] }).Records[0];
        expect(record.s3.configurationId).toBe(hookId);
      }
    }
  });
});
