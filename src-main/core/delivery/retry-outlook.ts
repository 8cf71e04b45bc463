// What the delivery log says about a delivery's future: "next try at … (attempt 4 of 10)" while pending,
// "gave up: …" once failed. Pure: derived from the row and its hook's retry policy.
import type { DeliveryStatus, RetryOutlook } from './types';

/** The fields of a delivery the outlook depends on. */
export interface OutlookInput {
  status: DeliveryStatus; autoAttempts: number; nextAt: number; eventName: string;
  lastStatus: number | null; lastError: string | null;
}

/** A hook's retry policy (undefined when the hook no longer exists). */
export interface OutlookPolicy { schedule: readonly number[]; maxAgeMs: number | null }

function reasonGivenUp(d: OutlookInput, policy: OutlookPolicy | undefined, max: number): string {
  if (d.eventName === 's3:TestEvent') return 'a test event is sent once, without retries';
  if (!policy || d.lastError?.includes('the hook no longer exists')) return 'the hook no longer exists';
  if (d.lastStatus === 410) return 'the receiver answered 410 Gone, which disabled the hook';
  if (d.autoAttempts >= max) return max === 1 ? 'its only attempt failed (the retry policy has no retries)' : `all ${max} attempts of the retry policy failed`;
  return `${d.autoAttempts} of ${max} attempts failed and the next one would come after the hook's maximum age`;
}

/** Attempts made and allowed, the next try (pending) or why there is none (failed). */
export function retryOutlook(d: OutlookInput, policy: OutlookPolicy | undefined): RetryOutlook {
  const max = (policy?.schedule.length ?? 0) + 1;
  return {
    made: d.autoAttempts,
    max,
    nextAt: d.status === 'pending' ? d.nextAt : null,
    gaveUp: d.status === 'failed' ? reasonGivenUp(d, policy, max) : null,
  };
}
