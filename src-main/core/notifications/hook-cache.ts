// The hooks an object change is judged against, per bucket, kept in memory: a change then does no hooks query and
// no JSON.parse. Valid while the hooks_version row (bumped by triggers on every hooks write) is unchanged.
import type { Db } from '../db/open';
import type { HooksRepo } from './hooks-repo';
import type { JudgedHook } from './verdicts';
import type { RealismOptions } from '../realism/realism';
import { filterOf, type Dialect } from './types';

/** A hook of the bucket (disabled ones too: the trace says why they were skipped), reduced to what judging and enqueueing need. */
export interface CachedHook extends JudgedHook {
  dialect: Dialect;
  /** Realism options in force (the hook's own, else the server's default). */
  realism: RealismOptions | null;
}

/**
 * Returns `bucketHooks(bucket)`: the bucket's hooks in configuration order. Any write to the hooks table — through
 * the service, the directory delivery uses (410 disables) or plain SQL — changes the version and drops the whole
 * cache; the version is random, so a rolled-back write cannot make a stale entry look fresh.
 */
export function createHookCache(db: Db, repo: HooksRepo, defaultRealism: RealismOptions | null): (bucket: string) => readonly CachedHook[] {
  const version = db.prepare('SELECT v FROM hooks_version').pluck();
  const byBucket = new Map<string, readonly CachedHook[]>();
  let seen: unknown;
  return (bucket) => {
    const v = version.get();
    if (v !== seen) { byBucket.clear(); seen = v; }
    let hooks = byBucket.get(bucket);
    if (!hooks) {
      hooks = repo.list(bucket).map((h) => ({
        id: h.id, dialect: h.dialect, events: h.events, ...filterOf(h.rules), state: h.state, confirmed: h.confirmed,
        confirmError: h.confirmError, realism: h.realism ?? defaultRealism,
      }));
      byBucket.set(bucket, hooks);
    }
    return hooks;
  };
}
