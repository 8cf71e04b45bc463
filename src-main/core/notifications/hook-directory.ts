// The hooks table as delivery/ may use it (HookDirectory): the active hooks, one hook, and disabling one after a
// 410 Gone, all through the repo so the table keeps one owner.
import type { Clock } from '../clock';
import type { HookDirectory } from '../hook-directory';
import type { HooksRepo } from './hooks-repo';

/** The directory over `repo`; a disable is stamped with `clock`'s time. */
export function createHookDirectory(repo: HooksRepo, clock: Pick<Clock, 'now'>): HookDirectory {
  return {
    activeHooks: repo.activeForDelivery,
    get: repo.getForDelivery,
    disable: (bucket, id) => { repo.setState(bucket, id, 'disabled', clock.now()); },
  };
}
