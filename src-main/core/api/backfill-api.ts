// hooks.backfill and hooks.cancelBackfill of the app API: "send events for existing objects" to one hook of this
// computer, with progress as `hooks.backfillProgress` events and cancel.
import { LOCAL_PROFILE, type AppApiMethods } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { Backfill } from '../backfill/create-backfill';
import { profileOf } from './profile-target';
import { asInput, optStr, str } from './validate';

/** The backfill methods over the backfill service. */
export function createBackfillApi(backfill: Backfill): Pick<AppApiMethods, 'hooks.backfill' | 'hooks.cancelBackfill'> {
  return {
    async 'hooks.backfill'(raw) {
      const input = asInput(raw);
      if (profileOf(input) !== LOCAL_PROFILE) throw new AppError('NotSupported', 'Backfill sends from this computer to its own buckets\' hooks only');
      return backfill.start(str(input, 'bucket', 63), str(input, 'id', 255), optStr(input, 'prefix', 1024) ?? '');
    },
    async 'hooks.cancelBackfill'(raw) {
      return { cancelled: backfill.cancel(str(asInput(raw), 'jobId', 64)) };
    },
  };
}
