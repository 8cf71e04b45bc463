// The hooks an object change may fire, per bucket, kept in memory: a change then does no hooks query and
// no JSON.parse. Valid while the hooks_version row (bumped by triggers on every hooks write) is unchanged.
import type { Db } from '../db/open';
import type { HooksRepo } from './hooks-repo';
import type { EventFilter } from './match';
import { filterOf, type Dialect } from './types';

/** A hook that can fire (not disabled), reduced to what matching and enqueueing need. */
export interface FiringHook extends EventFilter { id: string; dialect: Dialect }

/**
 * Returns `firingHooks(bucket)`: the bucket's non-disabled hooks in configuration order. Any write to the
 * hooks table — through the service, the directory delivery uses (410 disables) or plain SQL — changes the version and
 * drops the whole cache; the version is random, so a rolled-back write cannot make a stale entry look fresh.
 */
export function createHookCache(db: Db, repo: HooksRepo): (bucket: string) => readonly FiringHook[] {
  const version = db.prepare('SELECT v FROM hooks_version').pluck();
  const byBucket = new Map<string, readonly FiringHook[]>();
  let seen: unknown;
  return (bucket) => {
    const v = version.get();
    if (v !== seen) { byBucket.clear(); seen = v; }
    let hooks = byBucket.get(bucket);
    if (!hooks) {
      hooks = repo.list(bucket).filter((h) => h.state !== 'disabled')
        .map((h) => ({ id: h.id, dialect: h.dialect, events: h.events, ...filterOf(h.rules) }));
      byBucket.set(bucket, hooks);
    }
    return hooks;
  };
}
