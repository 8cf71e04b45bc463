// server.status and settings.* of the app API: input checked here, values held by the settings service (which
// applies them at once and keeps them in the data dir; a changed --confirm flag wins over a stored mode).
import { CONFIRM_MODES, type CoreConfig } from '../kernel/config';
import type { AppApiMethods, ServerStatus } from '../../../src-shared/contract';
import { VERSION } from '../kernel/version';
import type { Settings } from '../settings/create-settings';
import { asInput, optIntList, optOneOf } from './validate';

type SettingsMethods = Pick<AppApiMethods, 'server.status' | 'server.rotateToken' | 'settings.get' | 'settings.update'>;

/** The browser UI's URL with the current token (null when no UI is served) and the token's rotation. */
export interface UiAccess { url(): string | null; rotate(): string | null }

/** server.status and settings.* over the core's fixed config and its settings service. */
export function createSettingsApi(
  config: CoreConfig, endpoint: string, settings: Settings, secretsAtRest: ServerStatus['secretsAtRest'], ui: UiAccess,
): SettingsMethods {
  return {
    async 'server.status'() {
      return {
        endpoint, region: config.region, accessKey: config.accessKey, secretKey: config.secretKey,
        dataDir: config.dataDir, port: Number(new URL(endpoint).port), version: VERSION, confirmMode: settings.confirmMode(),
        secretsAtRest, uiUrl: ui.url(), realism: config.realism ?? null,
      };
    },
    async 'server.rotateToken'() {
      return { uiUrl: ui.rotate() };
    },
    async 'settings.get'() {
      return settings.get();
    },
    async 'settings.update'(raw) {
      const input = asInput(raw);
      const confirmMode = optOneOf(input, 'confirmMode', CONFIRM_MODES);
      const retrySchedule = optIntList(input, 'retrySchedule', 50, 7 * 24 * 3600_000) ?? undefined;
      return settings.update({ confirmMode, retrySchedule });
    },
  };
}
