// hooks.explain of the app API ("Why didn't my hook fire?"): a key's traced changes with each hook's verdict in
// words, and what a PUT of that key would fire now. This computer's buckets only: remote services keep no traces.
import { LOCAL_PROFILE, type AppApiMethods, type HookVerdictView, type ObjectChangeView } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { Notifications } from '../notifications/create-notifications';
import type { TracedChange } from '../notifications/trace-store';
import { describeVerdict, type Verdict } from '../notifications/verdicts';
import { profileOf } from './profile-target';
import { asInput, optInt, str } from './validate';

/** A verdict as the API shows it: plain "fired" has no reason. */
function verdictView(verdict: Verdict, event: string, key: string): HookVerdictView {
  return { hookId: verdict.id, outcome: verdict.outcome, reason: verdict.why ? describeVerdict(verdict, event, key) : null };
}

/** A traced change as the API shows it (also the `objects.changed` live event). */
export function toChangeView(change: TracedChange): ObjectChangeView {
  return {
    id: change.id, bucket: change.bucket, key: change.key, eventName: change.eventName, size: change.size, etag: change.etag,
    versionId: change.versionId, sequencer: change.sequencer, time: change.at,
    hooks: change.verdicts.map((v) => verdictView(v, change.eventName, change.key)),
  };
}

/** The hooks.explain method over the notifications service. */
export function createExplainApi(notifications: Notifications): Pick<AppApiMethods, 'hooks.explain'> {
  return {
    async 'hooks.explain'(raw) {
      const input = asInput(raw);
      if (profileOf(input) !== LOCAL_PROFILE) throw new AppError('NotSupported', 'Match traces are kept for the buckets of this computer only');
      const bucket = str(input, 'bucket', 63);
      const key = str(input, 'key', 1024);
      const event = 's3:ObjectCreated:Put';
      return {
        changes: notifications.traces(bucket, key, optInt(input, 'limit', 1, 100) ?? 10).map(toChangeView),
        ifPutNow: notifications.judgeNow(bucket, key, event).map((v) => verdictView(v, event, key)),
      };
    },
  };
}
