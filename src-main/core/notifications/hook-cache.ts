// The one read path of the hooks table: every hook mapped once from its row into the shape both the change path
// (judging, enqueueing) and the delivery engine (where and how to post) use, kept in memory and indexed per bucket
// and for delivery. Valid while the hooks_version row (bumped by triggers on every hooks write) is unchanged.
import type { DeliveryHook } from '../model/hook-directory';
import type { HooksRepo } from './hooks-repo';
import type { JudgedHook } from './verdicts';
import type { RealismOptions } from '../realism/realism';
import { filterOf, type Dialect } from './types';
import type { PayloadFlavour } from '../../../src-shared/contract';

/** A hook (disabled ones too: the trace says why they were skipped) as judging, enqueueing and delivery need it. */
export interface CachedHook extends JudgedHook, DeliveryHook {
  dialect: Dialect;
  /** The payload flavour its events are stored and posted in. */
  flavour: PayloadFlavour;
  /** Realism options in force (the hook's own, else the server's default). */
  realism: RealismOptions | null;
}

/** The cached view. Arrays it returns are shared and stay the same objects until the hooks table changes. */
export interface HookView {
  /** The bucket's hooks in configuration order (every state). */
  ofBucket(bucket: string): readonly CachedHook[];
  /** The active hooks of every bucket, by bucket and configuration order. */
  active(): readonly CachedHook[];
  /** One hook whatever its state, or undefined. */
  get(bucket: string, id: string): CachedHook | undefined;
}

interface Snapshot { byBucket: Map<string, CachedHook[]>; active: CachedHook[]; byId: Map<string, CachedHook> }

const EMPTY: readonly CachedHook[] = [];

/**
 * The view over `repo`. Any write to the hooks table — through the service, the directory delivery uses (410
 * disables) or plain SQL — changes the version and the next read maps the table afresh; the version is random, so
 * a rolled-back write cannot make a stale snapshot look fresh.
 */
export function createHookView(repo: HooksRepo, defaultRealism: RealismOptions | null): HookView {
  let seen: unknown;
  let snapshot: Snapshot | undefined;
  const load = (): Snapshot => {
    const v = repo.version();
    if (v !== seen || !snapshot) { snapshot = index(repo.all(), defaultRealism); seen = v; }
    return snapshot;
  };
  return {
    ofBucket: (bucket) => load().byBucket.get(bucket) ?? EMPTY,
    active: () => load().active,
    get: (bucket, id) => load().byId.get(`${bucket}\n${id}`),
  };
}

/** Map each hook once and index the result. */
function index(rows: ReturnType<HooksRepo['all']>, defaultRealism: RealismOptions | null): Snapshot {
  const out: Snapshot = { byBucket: new Map(), active: [], byId: new Map() };
  for (const h of rows) {
    const hook: CachedHook = {
      bucket: h.bucket, id: h.id, dialect: h.dialect, url: h.url, events: h.events, ...filterOf(h.rules), state: h.state,
      confirmed: h.confirmed, confirmError: h.confirmError, secret: h.secret, retrySchedule: h.retrySchedule,
      maxAgeMs: h.maxAgeMs, timeoutMs: h.timeoutMs, concurrency: h.concurrency, realism: h.realism ?? defaultRealism,
      flavour: h.flavour, auth: h.deliveryAuth,
    };
    let list = out.byBucket.get(h.bucket);
    if (!list) out.byBucket.set(h.bucket, list = []);
    list.push(hook);
    if (hook.state === 'active') out.active.push(hook);
    out.byId.set(`${h.bucket}\n${h.id}`, hook);
  }
  return out;
}
