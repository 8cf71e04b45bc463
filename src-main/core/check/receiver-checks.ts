// The receiver check for hooks of this computer: the battery against a saved hook (its URL, flavour, secret, auth
// headers and timeout, signing SNS envelopes with this server's key) or a hook being edited (what the dialog holds, the saved secret when none is typed), and each hook's last
// report, kept in memory for this run of the app (the newest 500 hooks').
import type { Notifications } from '../notifications/create-notifications';
import { AppError } from '../kernel/app-error';
import { authHeaders } from '../delivery/request';
import type { SnsKeys } from '../payloads/sns-keys';
import { runCheck } from './battery';
import type { CheckCaseResult, CheckReport } from './types';
import type { HookCheckInput } from '../../../src-shared/contract';

/** What to check: a saved hook (`id`), and/or what the dialog holds (given fields win over the saved hook's); the
 *  contract's `hooks.check` input without the run id and the profile (the API has resolved both). */
export type HookCheckTarget = Omit<HookCheckInput, 'runId' | 'profile'>;

/** The check service of the app API. */
export interface ReceiverChecks {
  /** Run the battery; `onCase` gets each result as it finishes. The report is kept as the hook's last when `id` is set. */
  run(target: HookCheckTarget, onCase: (result: CheckCaseResult) => void): Promise<CheckReport>;
  /** The hook's last report, or null. */
  last(bucket: string, id: string): CheckReport | null;
}

/** Reports kept at most (the oldest is dropped past it). */
const KEPT = 500;

/** The check service over the notifications service (hooks, their secrets and auth) and this server's SNS keys. */
export function createReceiverChecks(hooks: Pick<Notifications, 'getHook' | 'getHookSecret' | 'hookDirectory'>, snsKeys?: SnsKeys): ReceiverChecks {
  const reports = new Map<string, CheckReport>();
  const keyOf = (bucket: string, id: string) => JSON.stringify([bucket, id]);
  return {
    async run(target, onCase) {
      const saved = target.id !== undefined ? hooks.getHook(target.bucket, target.id) : undefined;
      const url = target.url ?? saved?.url;
      if (!url) throw new AppError('InvalidInput', 'give the hook\'s id or a URL to check');
      const secret = target.secret || (saved ? hooks.getHookSecret(target.bucket, saved.id) : null) || undefined;
      const auth = saved ? hooks.hookDirectory.get(target.bucket, saved.id)?.auth ?? null : null;
      const report = await runCheck(url, {
        flavour: target.flavour ?? saved?.flavour ?? 'vk', secret, only: target.only,
        headers: authHeaders(auth).sent, timeoutMs: saved?.timeoutMs, onCase,
      }, { snsKeys });
      if (target.id !== undefined) {
        const key = keyOf(target.bucket, target.id);
        reports.delete(key);
        reports.set(key, report);
        if (reports.size > KEPT) reports.delete(reports.keys().next().value as string);
      }
      return report;
    },
    last: (bucket, id) => reports.get(keyOf(bucket, id)) ?? null,
  };
}
