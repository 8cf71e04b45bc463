// Pure parts of the retry policy and error classes, table-driven.
import { describe, expect, it } from 'vitest';
import { nextAttemptAt, parseRetryAfter } from '../../src-main/core/delivery/schedule';
import { createDeliveryHooks } from '../../src-main/core/delivery/hooks';
import { readRetrySchedule } from '../../src-main/core/notifications/hook-options';
import type { DeliveryHook } from '../../src-main/core/model/hook-directory';
import { DEFAULT_RETRY_SCHEDULE } from '../../src-shared/contract';
import { classifyError } from '../../src-main/core/delivery/sender';

const NOW = Date.UTC(2026, 0, 1);
const base = { schedule: DEFAULT_RETRY_SCHEDULE, random: () => 0.5, createdAt: NOW, now: NOW, maxAgeMs: null };

describe('retry schedule', () => {
  it('is the SPEC default: 1 s, 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h', () => {
    expect(DEFAULT_RETRY_SCHEDULE).toEqual([1e3, 5e3, 30e3, 120e3, 600e3, 1800e3, 3600e3, 10800e3, 21600e3]);
  });

  it.each([
    ['attempt 1, no jitter', 1, 0.5, undefined, 1000],
    ['attempt 1, jitter -20%', 1, 0, undefined, 800],
    ['attempt 1, jitter +20%', 1, 0.999999, undefined, 1200],
    ['attempt 2', 2, 0.5, undefined, 5000],
    ['attempt 9 (last delay)', 9, 0.5, undefined, 21_600_000],
    ['Retry-After inside [d, 2d]', 1, 0.5, 1500, 1500],
    ['Retry-After below d', 1, 0.5, 500, 1000],
    ['Retry-After above 2d', 1, 0.5, 9000, 2000],
    ['Retry-After above 2d of a jittered delay', 3, 0, 100_000, 48_000],
  ])('%s', (_label, autoAttempts, r, retryAfterMs, wait) => {
    expect(nextAttemptAt({ ...base, autoAttempts, random: () => r, retryAfterMs })).toBe(NOW + wait);
  });

  it('is exhausted after 10 attempts or past the maximum age', () => {
    expect(nextAttemptAt({ ...base, autoAttempts: 10 })).toBeNull();
    expect(nextAttemptAt({ ...base, autoAttempts: 3, maxAgeMs: 29_999 })).toBeNull();
    expect(nextAttemptAt({ ...base, autoAttempts: 3, maxAgeMs: 30_000 })).toBe(NOW + 30_000);
  });

  it.each([
    ['120', 120_000], [' 0 ', 0], [new Date(NOW + 90_000).toUTCString(), 90_000], [new Date(NOW - 5000).toUTCString(), 0],
    ['soon', undefined], [undefined, undefined], ['-3', undefined],
  ])('parses Retry-After %j as %s ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it('reads per-hook schedules and falls back to the default on bad JSON', () => {
    expect(readRetrySchedule('[100,200]')).toEqual([100, 200]);
    expect(readRetrySchedule('[]')).toEqual([]);
    expect(readRetrySchedule('{"a":1}')).toBeNull();
    expect(readRetrySchedule('nope')).toBeNull();
    expect(readRetrySchedule(null)).toBeNull();
  });

  it('gives a hook without its own schedule the default at the time of asking', () => {
    const hook: DeliveryHook = { bucket: 'b', id: 'h', url: 'http://x', state: 'active', secret: null, retrySchedule: null, maxAgeMs: null, timeoutMs: 1, concurrency: 1, realism: null };
    let schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE;
    const hooks = createDeliveryHooks({ activeHooks: () => [hook, { ...hook, id: 'own', retrySchedule: [7] }], get: () => hook, disable: () => undefined }, () => schedule);
    expect(hooks.active().map((h) => h.schedule)).toEqual([DEFAULT_RETRY_SCHEDULE, [7]]);
    schedule = [5];
    expect(hooks.get('b', 'h')?.schedule).toEqual([5]);
  });
});

describe('error classes', () => {
  const fetchError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
  it.each([
    ['ENOTFOUND', 'dns'], ['EAI_AGAIN', 'dns'], ['ECONNREFUSED', 'refused'], ['ECONNRESET', 'reset'], ['UND_ERR_SOCKET', 'reset'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'], ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'], ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'], ['EHOSTUNREACH', 'other'],
  ])('%s → %s', (code, cls) => {
    expect(classifyError(fetchError(code), false)).toBe(cls);
  });
  it('an abort by the timeout is a timeout whatever the error', () => {
    expect(classifyError(new Error('aborted'), true)).toBe('timeout');
  });
});
