// hooks.check and hooks.lastCheck of the app API: "Check receiver…" on a hook or in the hook dialog runs the receiver
// check battery, each case pushed live as a `hooks.checkCase` event; the last report of each hook of this computer.
import { LOCAL_PROFILE, type AppApiMethods, type ApiEventMessage } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { ReceiverChecks } from '../check/receiver-checks';
import { profileOf } from './profile-target';
import { asInput, optStr, str, strList } from './validate';

/** The check methods over the check service; `emit` sends the live case events. */
export function createCheckApi(checks: ReceiverChecks, emit: (event: ApiEventMessage) => void): Pick<AppApiMethods, 'hooks.check' | 'hooks.lastCheck'> {
  return {
    async 'hooks.check'(raw) {
      const input = asInput(raw);
      const runId = str(input, 'runId', 64);
      const bucket = str(input, 'bucket', 63);
      const local = profileOf(input) === LOCAL_PROFILE;
      const id = optStr(input, 'id', 255);
      const url = optStr(input, 'url', 2048);
      if (!url && !(local && id)) throw new AppError('InvalidInput', local ? 'give the hook\'s id or a URL to check' : 'url: required for a hook of a remote service');
      const only = input.only === undefined ? undefined : strList(input, 'only', 50, 64);
      const target = {
        bucket, id: local ? id : undefined, url, flavour: optStr(input, 'flavour', 32), secret: optStr(input, 'secret', 256) || undefined, only,
      };
      return checks.run(target, (result) => emit({ name: 'hooks.checkCase', payload: { runId, bucket, id: id ?? null, result } }));
    },
    async 'hooks.lastCheck'(raw) {
      const input = asInput(raw);
      const bucket = str(input, 'bucket', 63);
      const id = str(input, 'id', 255);
      return profileOf(input) === LOCAL_PROFILE ? checks.last(bucket, id) : null;
    },
  };
}
