// Backfill's pure parts: which listing prefix satisfies both the caller's and the hook's prefix, which hooks can take
// a backfill (and the error otherwise), and the records: only objects the hook's filter matches, Put-shaped, with the
// object's own size, ETag, version and sequencer, marked as coming from a backfill.
import { describe, expect, it } from 'vitest';
import { scanPrefix } from '../../src-main/core/backfill/scan';
import { backfillEntries, backfillHook, type ExistingObject } from '../../src-main/core/notifications/backfill-records';
import type { CachedHook } from '../../src-main/core/notifications/hook-cache';

const hook = (over: Partial<CachedHook> = {}): CachedHook => ({
  id: 'h', dialect: 'vk', events: ['s3:ObjectCreated:*'], prefix: 'img/', suffix: '.jpg', state: 'active', confirmed: true,
  confirmError: null, realism: null, ...over,
});
const object = (key: string, over: Partial<ExistingObject> = {}): ExistingObject => ({
  key, size: 3, etag: 'abc', versionId: 'null', sequencer: 7, lastModified: 1_700_000_000_000, ...over,
});
const ctx = { region: 'ru-msk', ownerId: 'owner', jobId: 'job-1', now: 1_800_000_000_000 };

describe('scanPrefix', () => {
  it.each([
    ['', '', ''], ['a/', '', 'a/'], ['', 'img/', 'img/'], ['img/2024/', 'img/', 'img/2024/'], ['img/', 'img/2024/', 'img/2024/'],
    ['doc/', 'img/', null],
  ])('caller %j and hook %j → %j', (user, hookPrefix, expected) => {
    expect(scanPrefix(user, hookPrefix)).toBe(expected);
  });
});

describe('backfillHook', () => {
  it('takes a hook listening to ObjectCreated:Put directly or through a wildcard', () => {
    expect(backfillHook([hook({ events: ['s3:ObjectCreated:Put'] })], 'b', 'h').id).toBe('h');
    expect(backfillHook([hook()], 'b', 'h').id).toBe('h');
  });
  it('refuses a missing, disabled or Put-deaf hook with a code and a readable reason', () => {
    expect(() => backfillHook([hook()], 'b', 'x')).toThrow(expect.objectContaining({ code: 'NoSuchHook', message: 'Bucket b has no hook with Id x' }));
    expect(() => backfillHook([hook({ state: 'disabled' })], 'b', 'h')).toThrow(expect.objectContaining({ code: 'HookDisabled' }));
    expect(() => backfillHook([hook({ events: ['s3:ObjectCreated:Copy', 's3:ObjectRemoved:*'] })], 'b', 'h')).toThrow(expect.objectContaining({
      code: 'BackfillNotSubscribed',
      message: 'Hook h does not listen to s3:ObjectCreated:Put (it listens to s3:ObjectCreated:Copy, s3:ObjectRemoved:*): a backfill sends only that event',
    }));
  });
});

describe('backfillEntries', () => {
  it('one Put record per object the filter matches, with the object\'s own identity, origin backfill', () => {
    const objects = [object('img/a.jpg'), object('img/b.png'), object('doc/c.jpg'), object('img/d e.jpg', { versionId: 'v2', sequencer: 9, size: 5 })];
    const entries = backfillEntries(hook(), 'bkt', objects, ctx);
    expect(entries.map((e) => [e.key, e.sequencer, e.eventName, e.origin, e.now])).toEqual([
      ['img/a.jpg', 7, 's3:ObjectCreated:Put', 'backfill', ctx.now], ['img/d e.jpg', 9, 's3:ObjectCreated:Put', 'backfill', ctx.now],
    ]);
    expect(new Set(entries.map((e) => e.eventId)).size).toBe(2);
    const [first, second] = entries.map((e) => (JSON.parse(e.body) as { Records: { eventName: string; s3: { object: Record<string, unknown> } }[] }).Records[0]);
    expect(first.eventName).toBe('s3:ObjectCreated:Put');
    expect(first.s3.object).toMatchObject({ key: 'img/a.jpg', size: 3, eTag: 'abc' });
    expect(first.s3.object.versionId).toBeUndefined();
    expect(second.s3.object).toMatchObject({ key: 'img/d+e.jpg', size: 5, versionId: 'v2' });
  });
});
