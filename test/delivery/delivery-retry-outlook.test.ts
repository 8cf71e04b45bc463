// The delivery drawer's retry outlook: attempts made of the policy's maximum, the next try while pending, and
// why a failed delivery gave up (schedule exhausted, maximum age, 410 Gone, hook removed, test event).
import { describe, expect, it } from 'vitest';
import { retryOutlook, type OutlookInput } from '../../src-main/core/delivery/retry-outlook';

const base: OutlookInput = { status: 'pending', autoAttempts: 3, nextAt: 5000, eventName: 's3:ObjectCreated:Put', lastStatus: 503, lastError: 'status: HTTP 503' };
const policy = { schedule: [1000, 5000, 30_000], maxAgeMs: null };

describe('retry outlook', () => {
  it('says when the next try is due and which attempt it is', () => {
    expect(retryOutlook(base, policy)).toEqual({ made: 3, max: 4, nextAt: 5000, gaveUp: null });
  });
  it('has no next try and no reason once delivered', () => {
    expect(retryOutlook({ ...base, status: 'delivered' }, policy)).toEqual({ made: 3, max: 4, nextAt: null, gaveUp: null });
  });
  it.each([
    [{ autoAttempts: 4 }, policy, 'all 4 attempts of the retry policy failed'],
    [{ autoAttempts: 1 }, { schedule: [], maxAgeMs: null }, 'its only attempt failed (the retry policy has no retries)'],
    [{ autoAttempts: 2 }, { ...policy, maxAgeMs: 60_000 }, "2 of 4 attempts failed and the next one would come after the hook's maximum age"],
    [{ autoAttempts: 1, lastStatus: 410 }, policy, 'the receiver answered 410 Gone, which disabled the hook'],
    [{ lastError: 'other: the hook no longer exists' }, policy, 'the hook no longer exists'],
    [{}, undefined, 'the hook no longer exists'],
    [{ eventName: 's3:TestEvent', autoAttempts: 0 }, policy, 'a test event is sent once, without retries'],
  ] as [Partial<OutlookInput>, typeof policy | undefined, string][])('explains a failed delivery %#', (change, p, reason) => {
    expect(retryOutlook({ ...base, ...change, status: 'failed' }, p)).toMatchObject({ nextAt: null, gaveUp: reason });
  });
});
