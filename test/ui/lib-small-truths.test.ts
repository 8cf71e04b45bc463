// @vitest-environment happy-dom
// Pure helpers behind issue 29's smaller fixes: the overlap hint agrees with the core's overlap check on a grid of
// hooks, every payload flavour's body yields its events and keys for the inbox, and the receiver starter moves off
// the server's own port.
import { describe, expect, it } from 'vitest';
import { PAYLOAD_FLAVOURS, type PayloadFlavour } from '../../src-shared/contract';
import { overlapping } from '../../src-main/core/notifications/validate-config';
import type { HookSpec } from '../../src-main/core/notifications/types';
import { flavourShape } from '../../src-main/core/payloads/flavours';
import type { ObjectChange } from '../../src-main/core/model/object-change';
import { testEventBody } from '../../src-main/core/delivery/test-event';
import { overlapHint } from '../../src-renderer/src/lib/overlap-hint';
import { captureEvents, decodeRecordKey } from '../../src-renderer/src/lib/capture-events';
import { portsOf, starterListen } from '../../src-renderer/src/lib/starter-port';

interface Hook { id: string; events: string[]; prefix: string; suffix: string }
const spec = (h: Hook): HookSpec => ({
  id: h.id, dialect: 'vk', url: 'http://127.0.0.1:1/h', events: h.events,
  rules: [...(h.prefix ? [{ name: 'prefix', value: h.prefix }] : []), ...(h.suffix ? [{ name: 'suffix', value: h.suffix }] : [])],
});
const clash = (a: Hook, b: Hook) => overlapping(spec(a), spec(b)) !== undefined;

const PREFIXES = ['', 'a/', 'a/b/', 'c/'];
const SUFFIXES = ['', '.jpg', 'x.jpg', '.png'];
const EVENTS = [['s3:ObjectCreated:*'], ['s3:ObjectCreated:Put'], ['s3:ObjectCreated:Copy', 's3:ObjectRemoved:Delete']];
const hooks = (id: string): Hook[] => PREFIXES.flatMap((prefix) => SUFFIXES.flatMap((suffix) => EVENTS.map((events) => ({ id, events, prefix, suffix }))));

describe('the overlap hint', () => {
  it('finds exactly the clashes the core refuses, and offers a filter change only where one can end the clash', () => {
    let clashes = 0;
    for (const other of hooks('other')) {
      for (const mine of hooks('mine')) {
        const hint = overlapHint(mine, [other], ['mine']);
        expect(hint !== null, `${JSON.stringify(mine)} vs ${JSON.stringify(other)}`).toBe(clash(mine, other));
        if (!hint) continue;
        clashes += 1;
        const mineCanStepOut = PREFIXES.some((prefix) => SUFFIXES.some((suffix) => !clash({ ...mine, prefix, suffix }, other)));
        const otherCanStepOut = PREFIXES.some((prefix) => SUFFIXES.some((suffix) => !clash(mine, { ...other, prefix, suffix })));
        expect(hint.narrowMine).toBe(mineCanStepOut);
        expect(hint.otherAdvice.includes('prefix or suffix that no longer covers')).toBe(otherCanStepOut);
        expect(hint.otherId).toBe('other');
      }
    }
    expect(clashes).toBeGreaterThan(100);
  });

  it('words the other hook, the shared events, and skips the draft\'s own Ids', () => {
    const images = { id: 'images', events: ['s3:ObjectCreated:*'], prefix: 'images/', suffix: '' };
    const draft = { events: ['s3:ObjectCreated:Put', 's3:ObjectRemoved:*'], prefix: 'images/2024/', suffix: '' };
    expect(overlapHint(draft, [images], ['second'])).toEqual({
      otherId: 'images', otherSummary: 'ObjectCreated · prefix "images/" · no suffix', sharedEvents: 'ObjectCreated', narrowMine: true,
      otherAdvice: 'Or edit hook "images" in the hooks list (other events, or a prefix or suffix that no longer covers this hook\'s keys), or delete it.',
    });
    expect(overlapHint(draft, [images], ['images'])).toBeNull();
    const everything = { id: 'all', events: ['s3:ObjectCreated:*'], prefix: '', suffix: '' };
    const hint = overlapHint({ events: ['s3:ObjectCreated:*'], prefix: '', suffix: '' }, [everything], ['x']);
    expect(hint?.narrowMine).toBe(false);
    expect(hint?.otherAdvice).toBe('Or edit hook "all"\'s events in the hooks list, or delete it: this hook has no prefix or suffix, so no filter on "all" ends the clash.');
  });
});

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

  it('reads the test event, and nothing from bodies of other shapes', () => {
    expect(captureEvents(testEventBody('b1', 0))).toEqual([{ event: 's3:TestEvent', key: null }]);
    for (const body of ['', 'not json', '[1,2]', '{"hello":"world"}', '{"Records":[{"x":1}, 3, null]}']) expect(captureEvents(body)).toEqual([]);
  });

  it('decodes keys as S3 encodes them, keeping text that is not valid encoding', () => {
    expect(decodeRecordKey('a+b%2Bc%20d')).toBe('a b+c d');
    expect(decodeRecordKey('100%')).toBe('100%');
  });
});

describe('where the receiver starter listens', () => {
  const own = portsOf(['http://127.0.0.1:9000', 'http://127.0.0.1:9001/?token=x', null, 'nonsense']);

  it('reads the server\'s ports from its URLs', () => { expect(own).toEqual([9000, 9001]); });

  it.each([
    ['http://127.0.0.1:9000/_inbox/photos', 'http://127.0.0.1:8080/webhook', 9000],
    ['http://localhost:9001/anything', 'http://127.0.0.1:8080/webhook', 9001],
    ['http://127.0.0.1:8080/webhook', 'http://127.0.0.1:8080/webhook', null],
    ['http://example.com:9000/hook', 'http://example.com:9000/hook', null],
    ['https://hooks.example.com/x', 'https://hooks.example.com/x', null],
  ])('%s → %s', (url, listen, serverPort) => {
    expect(starterListen(url, own)).toEqual({ url: listen, serverPort });
  });

  it('skips the ports the server itself uses', () => {
    expect(starterListen('http://127.0.0.1:8080/_inbox/a', [8080, 8081])).toEqual({ url: 'http://127.0.0.1:8082/webhook', serverPort: 8080 });
  });
});
