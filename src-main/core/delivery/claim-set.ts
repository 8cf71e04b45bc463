// Which hooks a pass of the engine claims one by one. Rows newly on stable storage are read for every hook at once
// (one range of ids); a hook is claimed on its own when every hook is woken (time passed, a hook resumed, rows
// changed), when an event of one of its key lines finished with a later one pending, or while its claims come back full.

/** The bookkeeping, by hook key. */
export interface ClaimSet {
  /** Any hook may have work now. */
  wakeAll(): void;
  /** `key` has work a claim would find (a key line moved, rows left unread). */
  add(key: string): void;
  /** Start of a pass over the `active` hooks. */
  begin(active: readonly string[]): void;
  wants(key: string): boolean;
  /** A claim of `key` came back `short` (fewer rows than asked: nothing more is due). */
  claimed(key: string, short: boolean): void;
}

/** A set that starts with every hook wanted. */
export function createClaimSet(): ClaimSet {
  const wanted = new Set<string>();
  let all = true;
  return {
    wakeAll() { all = true; },
    add(key) { wanted.add(key); },
    begin(active) {
      if (all) for (const k of active) wanted.add(k);
      all = false;
      if (wanted.size > active.length) {
        const live = new Set(active);
        for (const k of wanted) if (!live.has(k)) wanted.delete(k);
      }
    },
    wants: (key) => wanted.has(key),
    claimed(key, short) { if (short) wanted.delete(key); },
  };
}
