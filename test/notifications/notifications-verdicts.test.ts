// "Why didn't my hook fire?" as a table: each hook state and filter against an event and key gives its verdict and
// the sentence `explain` prints, the key shown raw and URL-encoded where a filter compares it.
import { describe, expect, it } from 'vitest';
import { describeVerdict, judge, type JudgedHook } from '../../src-main/core/notifications/verdicts';

const hook = (over: Partial<JudgedHook> = {}): JudgedHook => ({
  id: 'h', events: ['s3:ObjectCreated:*'], prefix: '', suffix: '', state: 'active', confirmed: true, confirmError: null, ...over,
});
const PUT = 's3:ObjectCreated:Put';

describe('judge + describeVerdict', () => {
  it.each([
    ['a matching active hook', hook(), PUT, 'a.jpg', 'fired', 'fired'],
    ['an event family covering the event', hook({ events: ['s3:ObjectRemoved:Delete', 's3:ObjectCreated:*'] }), PUT, 'a', 'fired', 'fired'],
    ['an event not subscribed', hook({ events: ['s3:ObjectRemoved:*'] }), PUT, 'a.jpg', 'skipped',
      'skipped: event s3:ObjectCreated:Put is not subscribed (the hook listens to s3:ObjectRemoved:*)'],
    ['a prefix mismatch', hook({ prefix: 'images/' }), PUT, 'cat.jpg', 'skipped', 'skipped: prefix images/ does not match the key "cat.jpg"'],
    ['a prefix written URL-encoded', hook({ prefix: 'my+photos/' }), PUT, 'my photos/a.jpg', 'skipped',
      'skipped: prefix my+photos/ does not match the key "my photos/a.jpg" (URL-encoded in events: "my+photos/a.jpg"); '
      + 'filters compare the raw key, and this prefix matches only the URL-encoded one'],
    ['a suffix mismatch on an encoded key', hook({ suffix: '.png' }), PUT, 'a=b%c.jpg', 'skipped',
      'skipped: suffix .png does not match the key "a=b%c.jpg" (URL-encoded in events: "a%3Db%25c.jpg")'],
    ['a suffix matching the encoded key only', hook({ suffix: '%29.jpg' }), PUT, 'x (1).jpg', 'skipped',
      'skipped: suffix %29.jpg does not match the key "x (1).jpg" (URL-encoded in events: "x+%281%29.jpg"); '
      + 'filters compare the raw key, and this suffix matches only the URL-encoded one'],
    ['a paused hook', hook({ state: 'paused' }), PUT, 'a', 'held', 'fired, held: the hook is paused (delivered when it is resumed)'],
    ['a disabled hook', hook({ state: 'disabled' }), PUT, 'a', 'skipped',
      'skipped: the hook is disabled (its receiver answered 410 Gone; resume it to deliver again)'],
    ['an unconfirmed hook', hook({ confirmed: false, confirmError: 'timeout after 10 s' }), PUT, 'a', 'fired',
      'fired (unconfirmed: timeout after 10 s; delivered anyway in record mode)'],
    ['a disabled hook that would not match anyway', hook({ state: 'disabled', prefix: 'x/' }), PUT, 'a', 'skipped',
      'skipped: the hook is disabled (its receiver answered 410 Gone; resume it to deliver again)'],
  ])('%s', (_name, h, event, key, outcome, sentence) => {
    const verdict = judge(h, event, key);
    expect(verdict.outcome).toBe(outcome);
    expect(describeVerdict(verdict, event, key)).toBe(sentence);
  });
});
