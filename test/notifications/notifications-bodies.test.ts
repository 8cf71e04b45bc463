// The per-change body builder: serialising each dialect once and splicing hook Ids gives exactly eventBody's text.
import { describe, expect, it } from 'vitest';
import { eventBodies, eventBody } from '../../src-main/core/notifications/event-record';
import { PAYLOAD_FLAVOURS } from '../../src-shared/contract';
import type { ObjectChange } from '../../src-main/core/model/object-change';

const base: ObjectChange = {
  eventName: 's3:ObjectCreated:Put', bucket: 'bucket-a', key: 'dir/"configurationId":""/ü ~.txt', size: 7,
  etag: 'aed563ecafb4bcc5654c597a421547b2', sequencer: 42, time: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
  requestId: '"configurationId":""', hostId: 'host/id2', sourceIp: '127.0.0.1', principalId: 'AK"configurationId":""',
};
const removal: ObjectChange = { ...base, eventName: 's3:ObjectRemoved:Delete', size: undefined, etag: undefined, versionId: 'v1' };
const ids = ['h1', '', 'quote"back\\slash', 'ünïcødé ✓', '"configurationId":""', 'line\nbreak'];

describe('eventBodies', () => {
  it.each([['a PUT', base], ['a removal', removal]] as const)('matches eventBody for every flavour and Id on %s', (_, change) => {
    const bodyFor = eventBodies(change, 'ru-msk', 'owner"1');
    for (const flavour of PAYLOAD_FLAVOURS) {
      for (const hookId of ids) {
        const expected = eventBody(change, { flavour, hookId, region: 'ru-msk', ownerId: 'owner"1', eventId: 'evt_1' });
        expect(bodyFor(flavour, hookId, 'evt_1')).toBe(expected);
        const records = (JSON.parse(bodyFor(flavour, hookId, 'evt_1')) as { Records?: { s3: { configurationId: string } }[] }).Records;
        // Flavours of S3's record shape name the hook as configurationId (the others are checked against eventBody above).
        for (const record of records ?? []) expect(record.s3.configurationId).toBe(hookId);
      }
    }
  });
});
