// The settings service: the values a user may change while the core runs (confirm mode, default retry schedule),
// kept in the database. Built first in the composition root; services read it through getters, never a shared object.
import type { AppSettings } from '../../../src-shared/contract';
import { DEFAULT_RETRY_SCHEDULE } from '../../../src-shared/contract';
import type { ConfirmMode } from '../kernel/config';
import type { Db } from '../db/open';
import { createSettingsStore } from './settings-store';

export interface SettingsDeps {
  db: Db;
  now: () => number;
  /** The confirm mode of this start (flag, env or default): a stored choice applies only while it is unchanged. */
  startedWith: ConfirmMode;
}

/** Current settings and the one way to change them. */
export interface Settings {
  /** How PUT ?notification and hook edits confirm URLs now. */
  confirmMode(): ConfirmMode;
  /** Retry delays (ms) for hooks without their own schedule. */
  retrySchedule(): readonly number[];
  /** Both, as the app API shows them. */
  get(): AppSettings;
  /** Apply and store a (validated) change; returns the settings after it. */
  update(change: Partial<AppSettings>): AppSettings;
}

/** Build the settings of one data dir, starting from what was stored. */
export function createSettings(deps: SettingsDeps): Settings {
  const store = createSettingsStore(deps.db, deps.now);
  const stored = store.read();
  let confirmMode = stored.confirmMode?.startedWith === deps.startedWith ? stored.confirmMode.value : deps.startedWith;
  let retrySchedule: readonly number[] = stored.retrySchedule ?? DEFAULT_RETRY_SCHEDULE;
  const get = (): AppSettings => ({ confirmMode, retrySchedule: [...retrySchedule] });
  return {
    confirmMode: () => confirmMode,
    retrySchedule: () => retrySchedule,
    get,
    update(change) {
      store.write({
        confirmMode: change.confirmMode ? { value: change.confirmMode, startedWith: deps.startedWith } : undefined,
        retrySchedule: change.retrySchedule,
      });
      if (change.confirmMode) confirmMode = change.confirmMode;
      if (change.retrySchedule) retrySchedule = [...change.retrySchedule];
      return get();
    },
  };
}
