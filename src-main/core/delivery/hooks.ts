// The hooks as delivery sees them: notifications' directory with each hook's retry schedule resolved
// (its own, else the settings' default at the time of asking). No SQL of the hooks table here.
import type { DeliveryHook, HookDirectory } from '../model/hook-directory';

/** A hook with the schedule the engine follows. */
export interface HookInfo extends DeliveryHook { schedule: readonly number[] }

/** The hooks delivery works with. */
export interface DeliveryHooks {
  active(): HookInfo[];
  get(bucket: string, id: string): HookInfo | undefined;
  disable(bucket: string, id: string): void;
}

/** Resolve `directory`'s hooks against `defaultSchedule()`. */
export function createDeliveryHooks(directory: HookDirectory, defaultSchedule: () => readonly number[]): DeliveryHooks {
  const resolve = (hook: DeliveryHook): HookInfo => ({ ...hook, schedule: hook.retrySchedule ?? defaultSchedule() });
  return {
    active: () => directory.activeHooks().map(resolve),
    get: (bucket, id) => { const hook = directory.get(bucket, id); return hook && resolve(hook); },
    disable: (bucket, id) => directory.disable(bucket, id),
  };
}
