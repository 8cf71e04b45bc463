// The retry policy as pure functions: jitter, Retry-After clamping, maximum age.
// No I/O and no clock here: callers pass `now`, the random source and the hook's schedule.

/** Relative jitter applied to every scheduled delay (±20 %). */
export const JITTER = 0.2;

/** A Retry-After header value (delta seconds or an HTTP date) as milliseconds from `now`; undefined when absent or unparsable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface NextAttemptInput {
  /** Scheduled attempts made so far, including the one that just failed (≥ 1). */
  autoAttempts: number;
  schedule: readonly number[];
  /** Uniform in [0, 1). */
  random: () => number;
  /** Retry-After of the failed response, in ms, if any. */
  retryAfterMs?: number;
  createdAt: number;
  now: number;
  /** Give up once the next try would be later than createdAt + maxAgeMs; null = no limit. */
  maxAgeMs: number | null;
}

/** When the next scheduled attempt is due, or null when the delivery is exhausted (→ failed). */
export function nextAttemptAt(input: NextAttemptInput): number | null {
  const base = input.schedule[input.autoAttempts - 1];
  if (base === undefined) return null;
  const delay = Math.round(base * (1 + (input.random() * 2 - 1) * JITTER));
  const wait = input.retryAfterMs === undefined ? delay : Math.min(Math.max(input.retryAfterMs, delay), 2 * delay);
  const at = input.now + wait;
  if (input.maxAgeMs !== null && at > input.createdAt + input.maxAgeMs) return null;
  return at;
}
