// The hooks as delivery sees them: notifications' directory with each hook's retry schedule resolved
// (its own, else the settings' default at the time of asking). No SQL of the hooks table here.
import type { DeliveryHook, HookDirectory } from '../model/hook-directory';

/** A hook with the schedule the engine follows. */
export interface HookInfo extends DeliveryHook { schedule: readonly number[] }

/** The hooks delivery works with. */
export interface DeliveryHooks {
  /** The active hooks: the same array while neither the hooks nor the default schedule changed. */
  active(): readonly HookInfo[];
  get(bucket: string, id: string): HookInfo | undefined;
  disable(bucket: string, id: string): void;
}

/** Resolve `directory`'s hooks against `defaultSchedule()` (resolved again only when either changes). */
export function createDeliveryHooks(directory: HookDirectory, defaultSchedule: () => readonly number[]): DeliveryHooks {
  const resolve = (hook: DeliveryHook, schedule: readonly number[]): HookInfo => ({ ...hook, schedule: hook.retrySchedule ?? schedule });
  let memo: { from: readonly DeliveryHook[]; schedule: readonly number[]; hooks: readonly HookInfo[] } | undefined;
  return {
    active() {
      const from = directory.activeHooks();
      const schedule = defaultSchedule();
      if (memo?.from !== from || memo.schedule !== schedule) memo = { from, schedule, hooks: from.map((h) => resolve(h, schedule)) };
      return memo.hooks;
    },
    get: (bucket, id) => { const hook = directory.get(bucket, id); return hook && resolve(hook, defaultSchedule()); },
    disable: (bucket, id) => directory.disable(bucket, id),
  };
}
