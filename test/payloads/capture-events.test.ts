// Every payload flavour's POST body, as the inbox captures it, yields its event names and object keys through the UI's
// parser (src-renderer/src/lib/capture-events.ts): S3 records decoded as S3 encodes keys, raw keys where sent raw.
import { describe, expect, it } from 'vitest';
import { PAYLOAD_FLAVOURS, type PayloadFlavour } from '../../src-shared/contract';
import { flavourShape } from '../../src-main/core/payloads/flavours';
import type { ObjectChange } from '../../src-main/core/model/object-change';
import { testEventBody } from '../../src-main/core/delivery/test-event';
import { captureEvents } from '../../src-renderer/src/lib/capture-events';

const KEY = 'photos/a b+c%41ü.jpg';
const change: ObjectChange = {
  eventName: 's3:ObjectCreated:Put', bucket: 'b1', key: KEY, size: 3, etag: 'abc', sequencer: 7, time: Date.UTC(2026, 0, 1),
  requestId: 'R', hostId: 'H', sourceIp: '127.0.0.1', principalId: 'P',
};
const EVENT_NAMES: Record<PayloadFlavour, string> = {
  vk: 's3:ObjectCreated:Put', aws: 'ObjectCreated:Put', 'aws-current': 'ObjectCreated:Put', sns: 'ObjectCreated:Put',
  eventbridge: 'Object Created', minio: 's3:ObjectCreated:Put', ceph: 'ObjectCreated:Put', b2: 'b2:ObjectCreated:Upload',
  cloudevents: 'ObjectCreated:Put',
};

/** The body one POST of `flavour` carries for `changes` (combined as a realism batch when the flavour can). */
function posted(flavour: PayloadFlavour, changes: ObjectChange[]): string {
  const shape = flavourShape(flavour);
  const ctx = { hookId: 'h1', region: 'ru-msk', ownerId: 'owner', eventId: 'e1' };
  const bodies = changes.map((c) => shape.body(c, ctx));
  const body = shape.combine && bodies.length > 1 ? shape.combine(bodies) : bodies[0];
  return shape.wrap(body, {
    ...ctx, now: change.time, bucket: 'b1', secret: 'whsec_x', publicBase: 'http://127.0.0.1:1', snsSign: () => 'sig',
  }).body;
}

describe('the events and keys of a captured body', () => {
  it.each(PAYLOAD_FLAVOURS)('%s: the event name and the key as stored', (flavour) => {
    expect(captureEvents(posted(flavour, [change]))).toEqual([{ event: EVENT_NAMES[flavour], key: KEY }]);
  });

  it.each(PAYLOAD_FLAVOURS.filter((f) => flavourShape(f).combine))('%s: every event of a batch, in order', (flavour) => {
    const removal: ObjectChange = { ...change, eventName: 's3:ObjectRemoved:Delete', key: 'old file.txt', size: undefined, etag: undefined };
    const events = captureEvents(posted(flavour, [change, removal]));
    expect(events.map((e) => e.key)).toEqual([KEY, 'old file.txt']);
    expect(events[1].event).toMatch(/ObjectRemoved:Delete|ObjectDeleted:Delete/);
  });

  it('reads the test event "Send test" posts', () => {
    expect(captureEvents(testEventBody('b1', 0))).toEqual([{ event: 's3:TestEvent', key: null }]);
  });
});
