// The hooks table as delivery/ may use it (HookDirectory): the active hooks and one hook from the cached view shared
// with the change path, and disabling one after a 410 Gone through the repo, so the table keeps one owner.
import type { Clock } from '../kernel/clock';
import type { HookDirectory } from '../model/hook-directory';
import type { HooksRepo } from './hooks-repo';
import type { HookView } from './hook-cache';

/** The directory over `view` (reads) and `repo` (the disable, stamped with `clock`'s time). */
export function createHookDirectory(view: HookView, repo: HooksRepo, clock: Pick<Clock, 'now'>): HookDirectory {
  return {
    activeHooks: () => view.active(),
    get: (bucket, id) => view.get(bucket, id),
    disable: (bucket, id) => { repo.setState(bucket, id, 'disabled', clock.now()); },
  };
}
