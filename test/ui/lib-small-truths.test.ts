// @vitest-environment happy-dom
// Pure helpers behind issue 29's smaller fixes: the overlap hint's wording, captured bodies of other shapes, S3's key
// decoding, and where the receiver starter listens (off the server's own port). The overlap rule's agreement with the
// core is checked in test/notifications/overlap-hint.test.ts, every flavour's capture in test/payloads/capture-events.test.ts.
import { describe, expect, it } from 'vitest';
import { overlapHint } from '../../src-renderer/src/lib/overlap-hint';
import { captureEvents, decodeRecordKey } from '../../src-renderer/src/lib/capture-events';
import { portsOf, starterListen } from '../../src-renderer/src/lib/starter-port';

describe('the overlap hint', () => {
  it('words the other hook, the shared events, and skips the draft\'s own Ids', () => {
    const images = { id: 'images', events: ['s3:ObjectCreated:*'], prefix: 'images/', suffix: '' };
    const draft = { events: ['s3:ObjectCreated:Put', 's3:ObjectRemoved:*'], prefix: 'images/2024/', suffix: '' };
    expect(overlapHint(draft, [images], ['second'])).toEqual({
      sharedEvents: 'ObjectCreated', narrowMine: true,
      otherAdvice: 'Or edit hook "images" in the hooks list (other events, or a prefix or suffix that no longer covers this hook\'s keys), or delete it.',
    });
    expect(overlapHint(draft, [images], ['images'])).toBeNull();
    const everything = { id: 'all', events: ['s3:ObjectCreated:*'], prefix: '', suffix: '' };
    const hint = overlapHint({ events: ['s3:ObjectCreated:*'], prefix: '', suffix: '' }, [everything], ['x']);
    expect(hint?.narrowMine).toBe(false);
    expect(hint?.otherAdvice).toBe('Or edit hook "all"\'s events in the hooks list, or delete it: this hook has no prefix or suffix, so no filter on "all" ends the clash.');
  });
});

describe('the events and keys of a captured body', () => {
  it('reads S3\'s test event, and nothing from bodies of other shapes', () => {
    expect(captureEvents('{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"b1"}')).toEqual([{ event: 's3:TestEvent', key: null }]);
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
