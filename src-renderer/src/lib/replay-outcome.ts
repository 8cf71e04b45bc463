// The words for a single replay's real outcome: what the receiver answered, or why the attempt failed.
import type { ReplayOutcome } from '../../../src-shared/contract';

/** `Replayed: HTTP 200` or `Replay failed: HTTP 500 …` / `Replay failed: refused (connect ECONNREFUSED …)`. */
export function describeReplay(o: Pick<ReplayOutcome, 'ok' | 'status' | 'errorClass' | 'errorMessage'>): string {
  const what = o.status !== null ? `HTTP ${o.status}` : (o.errorClass ?? 'no answer');
  if (o.ok) return `Replayed: ${what}`;
  const detail = o.errorMessage && o.errorMessage !== what ? ` (${o.errorMessage})` : '';
  return `Replay failed: ${what}${detail}`;
}

/** Thrown by a replay whose attempt failed, so the action reports a failure and not "Replayed". */
export class ReplayFailed extends Error {
  constructor(public readonly outcome: ReplayOutcome) {
    super(describeReplay(outcome));
    this.name = 'ReplayFailed';
  }
}
