// Replays within the hook's concurrency: a replay (one, or an item of a bulk replay) starts only while the hook's
// requests in flight — the engine's and the replays' — are below its limit; the engine leaves room for replays that
// wait (it claims `reserved()` fewer). Waiting replays look again whenever a replay ends, and at least every 50 ms.
import type { HookInfo } from './hooks';

const RECHECK_MS = 50;

/** The replays' share of each hook's concurrency. */
export interface ReplaySlots {
  /** Wait for room to send to `hook`; resolves the release function (call it once the request is answered). */
  acquire(hook: HookInfo): Promise<() => void>;
  /** Slots the engine must leave free for `bucket`/`id`: replays in flight plus those waiting (up to the limit). */
  reserved(bucket: string, id: string): number;
}

/** Build the slots over the engine's own count of requests in flight per hook; `onRelease` wakes the engine. */
export function createReplaySlots(engineBusy: (bucket: string, id: string) => number, onRelease: () => void): ReplaySlots {
  const busy = new Map<string, number>();
  const waiting = new Map<string, number>();
  const waiters = new Set<() => void>();
  const key = (bucket: string, id: string) => `${bucket}\u0000${id}`;
  const add = (map: Map<string, number>, k: string, n: number) => {
    const v = (map.get(k) ?? 0) + n;
    if (v > 0) map.set(k, v); else map.delete(k);
  };
  const nextChance = () => new Promise<void>((resolve) => {
    const done = () => { clearTimeout(timer); waiters.delete(done); resolve(); };
    const timer = setTimeout(done, RECHECK_MS);
    waiters.add(done);
  });

  return {
    async acquire(hook) {
      const k = key(hook.bucket, hook.id);
      add(waiting, k, 1);
      try {
        while ((busy.get(k) ?? 0) + engineBusy(hook.bucket, hook.id) >= Math.max(1, hook.concurrency)) await nextChance();
      } finally {
        add(waiting, k, -1);
      }
      add(busy, k, 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        add(busy, k, -1);
        for (const w of [...waiters]) w();
        onRelease();
      };
    },
    reserved(bucket, id) {
      const k = key(bucket, id);
      return (busy.get(k) ?? 0) + (waiting.get(k) ?? 0);
    },
  };
}
