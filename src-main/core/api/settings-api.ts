// server.status and settings.* of the app API. Confirm mode is applied to the running core's config (the
// notifications service reads it on each PUT); retry defaults go to the delivery engine. Both are stored in the
// data dir and applied again when the next core starts (a changed --confirm flag wins over the stored mode).
import { CONFIRM_MODES, type CoreConfig } from '../config';
import type { AppApiMethods, AppSettings } from '../../../src-preload/contract';
import { VERSION } from '../version';
import type { Delivery } from '../delivery/create-delivery';
import type { SettingsStore } from './settings-store';
import { asInput, optIntList, optOneOf } from './validate';

type SettingsMethods = Pick<AppApiMethods, 'server.status' | 'settings.get' | 'settings.update'>;

/** The engine's default schedule (SPEC §5): 1 s, 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h. */
export const DEFAULT_RETRY_SCHEDULE = [1, 5, 30, 120, 600, 1800, 3600, 10_800, 21_600].map((s) => s * 1000);

/** server.status and settings.* over the core's config; applies the stored settings now. */
export function createSettingsApi(config: CoreConfig, endpoint: string, delivery: Delivery, store: SettingsStore): SettingsMethods {
  const startedWith = config.confirmMode;
  const stored = store.read();
  if (stored.confirmMode && stored.confirmMode.startedWith === startedWith) config.confirmMode = stored.confirmMode.value;
  const settings: AppSettings = { confirmMode: config.confirmMode, retrySchedule: stored.retrySchedule ?? DEFAULT_RETRY_SCHEDULE };
  if (stored.retrySchedule) delivery.setDefaultSchedule(stored.retrySchedule);
  return {
    async 'server.status'() {
      return {
        endpoint, region: config.region, accessKey: config.accessKey, secretKey: config.secretKey,
        dataDir: config.dataDir, port: Number(new URL(endpoint).port), version: VERSION, confirmMode: config.confirmMode,
      };
    },
    async 'settings.get'() {
      return { ...settings, confirmMode: config.confirmMode };
    },
    async 'settings.update'(raw) {
      const input = asInput(raw);
      const mode = optOneOf(input, 'confirmMode', CONFIRM_MODES);
      const schedule = optIntList(input, 'retrySchedule', 50, 7 * 24 * 3600_000);
      store.write({ confirmMode: mode ? { value: mode, startedWith } : undefined, retrySchedule: schedule ?? undefined });
      if (mode) config.confirmMode = mode;
      if (schedule) {
        settings.retrySchedule = schedule;
        delivery.setDefaultSchedule(schedule);
      }
      return { ...settings, confirmMode: config.confirmMode };
    },
  };
}
