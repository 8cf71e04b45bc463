// Which hooks a pass of the engine claims: those that may have claimable rows. A hook joins when rows are enqueued
// for it, when one of its key lines moves (an outcome recorded) or on a wake of every hook (time passed, a resume);
// it is skipped while its last claim came back short at the same durable mark (new rows wait for the next sync).

/** The bookkeeping, by hook key. */
export interface ClaimSet {
  /** Rows were enqueued for `keys` (without: any hook may have work now). */
  woke(keys?: readonly string[]): void;
  /** An outcome of `key` was recorded: the next event of a key line may go, even at the same mark. */
  moved(key: string): void;
  /** Start of a pass over the `active` hooks; `top` is the newest row id now. */
  begin(active: readonly string[], top: number): void;
  /** Whether to claim `key` at durable mark `upTo`. */
  wants(key: string, upTo: number): boolean;
  /** A claim of `key` at `upTo` came back `short` (fewer rows than asked). */
  claimed(key: string, upTo: number, short: boolean): void;
}

/** An empty set that starts with every hook woken. */
export function createClaimSet(): ClaimSet {
  /** Hooks that may have claimable rows, each with the newest row id it may concern. */
  const dirty = new Map<string, number>();
  /** Hooks whose last claim came back short at this mark, none of their key lines moved since. */
  const shortAt = new Map<string, number>();
  let woken: Set<string> | 'all' = 'all';
  return {
    woke(keys) {
      if (!keys) { woken = 'all'; shortAt.clear(); } else if (woken !== 'all') for (const k of keys) woken.add(k);
    },
    moved(key) { shortAt.delete(key); if (woken !== 'all') woken.add(key); },
    begin(active, top) {
      for (const k of active) if (woken === 'all' || woken.has(k)) dirty.set(k, top);
      woken = new Set();
      if (dirty.size > active.length || shortAt.size > active.length) {
        const live = new Set(active);
        for (const k of dirty.keys()) if (!live.has(k)) dirty.delete(k);
        for (const k of shortAt.keys()) if (!live.has(k)) shortAt.delete(k);
      }
    },
    wants: (key, upTo) => dirty.has(key) && shortAt.get(key) !== upTo,
    claimed(key, upTo, short) {
      if (!short) { shortAt.delete(key); return; }
      shortAt.set(key, upTo);
      if (upTo >= (dirty.get(key) ?? Infinity)) dirty.delete(key);
    },
  };
}
