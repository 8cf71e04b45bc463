// The suspension rule of a hook's health policy: given its failures in a row and its attempts over the rate window,
// the reason to suspend it, or null. Pure; the health service applies it after each failed attempt.
import type { HealthPolicy } from '../notifications/health-policy';

/** What the rule looks at. */
export interface FailureRecord {
  /** Failed scheduled attempts since the last success. */
  inARow: number;
  /** Attempts and failures within the policy's rate window. */
  windowAttempts: number;
  windowFailures: number;
  /** The last failure's error ("refused: connect ECONNREFUSED …", "status: HTTP 500"). */
  lastError: string;
}

const minutes = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`);

/** Why `policy` suspends the hook now (`"12 failures in a row: connection refused"`), or null. */
export function suspensionReason(policy: HealthPolicy, r: FailureRecord): string | null {
  const error = r.lastError.replace(/^refused: (.*)$/, 'connection refused ($1)');
  if (policy.suspendAfterFailures !== null && r.inARow >= policy.suspendAfterFailures) {
    return `${r.inARow} failures in a row: ${error}`;
  }
  if (policy.suspendFailureRate !== null && r.windowAttempts >= policy.failureRateMinAttempts
    && r.windowFailures / r.windowAttempts >= policy.suspendFailureRate) {
    const pct = Math.round((100 * r.windowFailures) / r.windowAttempts);
    return `${pct}% of attempts failed in the last ${minutes(policy.failureRateWindowMs)} (${r.windowFailures} of ${r.windowAttempts}): ${error}`;
  }
  return null;
}
