// Starts a core from launch options, the same way for the desktop shell and the headless CLI: the data dir,
// its credentials, key overrides from flags or env, and the CoreConfig built from them. Plain Node: no electron.
import { createCore, type Core } from '../core/create-core';
import { DEFAULTS, type CoreConfig } from '../core/kernel/config';
import { silentLogger, type Logger } from '../core/kernel/logger';
import type { SecretStore } from '../core/kernel/secret-store';
import type { UiNotReady } from '../core/http/ui-not-ready';
import { ensureDataDir, loadOrCreateCredentials } from './data-dir';
import type { ServeOptions } from './options';

/** Resolve the core's configuration: creates the data dir and its key pair on first use; flags' keys win. */
export function resolveCoreConfig(options: ServeOptions, logger: Logger = silentLogger): CoreConfig {
  ensureDataDir(options.dataDir, logger);
  const stored = loadOrCreateCredentials(options.dataDir);
  const keys = options.accessKey && options.secretKey
    ? { accessKey: options.accessKey, secretKey: options.secretKey }
    : { accessKey: stored.accessKey, secretKey: stored.secretKey };
  // The UI's default port follows the S3 port (9000 → 9001) so its URL stays the same across restarts.
  const uiPort = options.uiPort ?? (options.port === 0 || options.port === 65535 ? 0 : options.port + 1);
  return {
    host: options.host, port: options.port, uiPort, uiPortFallback: options.uiPort === undefined, dataDir: options.dataDir, region: options.region,
    confirmMode: options.confirmMode, ownerId: stored.ownerId, retentionMs: DEFAULTS.retentionMs, realism: options.realism ?? null, ...keys,
  };
}

/**
 * Start a core on the resolved configuration; `uiDir` is served at /_ui/ (headless only; `uiNotReady` while it is
 * being built); `secrets` seals saved secrets (the desktop's OS keychain; default: owner-only files).
 */
export function launchCore(
  options: ServeOptions,
  deps: { logger: Logger; uiDir?: string; uiNotReady?: () => UiNotReady | undefined; secrets?: SecretStore },
): Promise<Core> {
  const inboxLimits = options.inboxMaxMb === undefined ? undefined : { maxBytes: Math.round(options.inboxMaxMb * 2 ** 20) };
  return createCore({ config: resolveCoreConfig(options, deps.logger), logger: deps.logger, uiDir: deps.uiDir, uiNotReady: deps.uiNotReady, secrets: deps.secrets, inboxLimits });
}
