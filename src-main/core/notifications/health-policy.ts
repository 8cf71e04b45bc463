// A hook's health policy (an extra S3 has no XML for, kept by notifications/ like the retry policy): when the hook
// suspends itself after failures (opt-in) and when the write-back loop guard pauses it. Defaults, reading, validation.
import { AppError } from '../kernel/app-error';

/** When a hook pauses itself. Suspension is off unless set; the loop guard is on (10 rounds) unless set to 0. */
export interface HealthPolicy {
  /** Suspend after this many failed attempts in a row (scheduled ones); null = never. */
  suspendAfterFailures: number | null;
  /** Suspend when this share (0–1] of the attempts in the window failed; null = never. */
  suspendFailureRate: number | null;
  /** Window of the failure rate, ms. */
  failureRateWindowMs: number;
  /** Attempts the window must hold before the rate counts. */
  failureRateMinAttempts: number;
  /** Pause after this many write-back rounds (a receiver writing back under the hook's filter); 0 = no guard. */
  loopLimit: number;
}

/** The policy of a hook nobody set one for. */
export const DEFAULT_HEALTH_POLICY: Readonly<HealthPolicy> = {
  suspendAfterFailures: null, suspendFailureRate: null, failureRateWindowMs: 300_000, failureRateMinAttempts: 20, loopLimit: 10,
};

const bad = (message: string) => new AppError('InvalidHookOptions', message);
const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** Check a (partial) policy from untrusted input; returns the whole policy. @throws AppError InvalidHookOptions. */
export function checkHealthPolicy(input: unknown): HealthPolicy {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw bad('The health policy must be an object');
  const p = input as Record<string, unknown>;
  const known = Object.keys(DEFAULT_HEALTH_POLICY);
  const unknown = Object.keys(p).find((k) => !known.includes(k));
  if (unknown) throw bad(`The health policy has no field ${unknown} (fields: ${known.join(', ')})`);
  const out: HealthPolicy = { ...DEFAULT_HEALTH_POLICY };
  if (p.suspendAfterFailures !== undefined) {
    if (p.suspendAfterFailures !== null && !isInt(p.suspendAfterFailures, 1, 10_000)) throw bad('suspendAfterFailures must be 1 to 10000, or null');
    out.suspendAfterFailures = p.suspendAfterFailures;
  }
  if (p.suspendFailureRate !== undefined) {
    const r = p.suspendFailureRate;
    if (r !== null && (typeof r !== 'number' || !(r > 0 && r <= 1))) throw bad('suspendFailureRate must be above 0 and at most 1, or null');
    out.suspendFailureRate = r;
  }
  if (p.failureRateWindowMs !== undefined) {
    if (!isInt(p.failureRateWindowMs, 10_000, 86_400_000)) throw bad('failureRateWindowMs must be 10 s to 1 day (ms)');
    out.failureRateWindowMs = p.failureRateWindowMs;
  }
  if (p.failureRateMinAttempts !== undefined) {
    if (!isInt(p.failureRateMinAttempts, 1, 100_000)) throw bad('failureRateMinAttempts must be 1 to 100000');
    out.failureRateMinAttempts = p.failureRateMinAttempts;
  }
  if (p.loopLimit !== undefined) {
    if (!isInt(p.loopLimit, 0, 1000)) throw bad('loopLimit must be 0 (off) to 1000');
    out.loopLimit = p.loopLimit;
  }
  return out;
}

/** A stored health_policy column as a policy: the defaults when absent or unreadable. */
export function readHealthPolicy(json: string | null): HealthPolicy {
  if (!json) return { ...DEFAULT_HEALTH_POLICY };
  try {
    return checkHealthPolicy(JSON.parse(json));
  } catch {
    return { ...DEFAULT_HEALTH_POLICY }; // an unreadable column means the defaults
  }
}
