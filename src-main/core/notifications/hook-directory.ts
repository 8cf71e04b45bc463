// The hooks table as delivery/ may use it (HookDirectory): the active hooks, one hook, and disabling one after a
// 410 Gone, all through the repo so the table keeps one owner.
import type { Clock } from '../kernel/clock';
import type { DeliveryHook, HookDirectory } from '../model/hook-directory';
import type { RealismOptions } from '../realism/realism';
import type { HooksRepo } from './hooks-repo';

/** The directory over `repo`; a disable is stamped with `clock`'s time; hooks without realism options get `defaultRealism`. */
export function createHookDirectory(repo: HooksRepo, clock: Pick<Clock, 'now'>, defaultRealism: RealismOptions | null): HookDirectory {
  const resolve = (hook: DeliveryHook): DeliveryHook => ({ ...hook, realism: hook.realism ?? defaultRealism });
  return {
    activeHooks: () => repo.activeForDelivery().map(resolve),
    get: (bucket, id) => { const hook = repo.getForDelivery(bucket, id); return hook && resolve(hook); },
    disable: (bucket, id) => { repo.setState(bucket, id, 'disabled', clock.now()); },
  };
}
