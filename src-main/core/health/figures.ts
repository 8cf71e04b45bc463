// A hook's figures as the API, the CLI and the Webhooks tab show them: state (with why it paused itself), pending,
// the last hour and day, and the last error. Pure assembly over the tracker and the pending read.
import type { Hook } from '../notifications/types';
import type { HookTracker, WindowFigures } from './hook-tracker';
import type { PendingFigures } from './pending';

/** Figures of one hook. */
export interface HookFigures extends PendingFigures {
  bucket: string;
  hookId: string;
  state: Hook['state'];
  /** Why the hook paused itself (suspension, loop guard), else null. */
  stateReason: string | null;
  lastHour: WindowFigures;
  lastDay: WindowFigures;
  lastError: { message: string; at: number } | null;
}

/** Assemble a hook's figures at `now`. */
export function toFigures(hook: Hook, tracker: HookTracker, pending: PendingFigures, now: number): HookFigures {
  return {
    bucket: hook.bucket, hookId: hook.id, state: hook.state, stateReason: hook.state === 'paused' ? hook.stateReason : null,
    ...pending,
    lastHour: tracker.window(hook.bucket, hook.id, now - 3600_000),
    lastDay: tracker.window(hook.bucket, hook.id, now - 24 * 3600_000),
    lastError: tracker.lastError(hook.bucket, hook.id),
  };
}
