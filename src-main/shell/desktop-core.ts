// Starts the core for the desktop app: credentials from the data dir, the preferred port or a free one
// when it is taken (another BucketHooks, MinIO…). Plain Node: no electron import.
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { createCore, type Core } from '../core/create-core';
import type { Logger } from '../core/logger';
import { DEFAULTS } from '../core/config';
import { loadOrCreateCredentials } from '../cli/credentials';
import type { ServeOptions } from '../cli/options';

/** True when `port` can be bound on `host` right now. */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Start a core on `options.dataDir`; falls back to a free port when the chosen one is busy. */
export async function startDesktopCore(options: ServeOptions, logger: Logger): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const stored = loadOrCreateCredentials(options.dataDir);
  const keys = options.accessKey && options.secretKey
    ? { accessKey: options.accessKey, secretKey: options.secretKey }
    : { accessKey: stored.accessKey, secretKey: stored.secretKey };
  let port = options.port;
  if (port !== 0 && !(await isPortFree(port, options.host))) {
    logger.warn('port busy, using a free one', { port });
    port = 0;
  }
  return createCore({
    config: {
      host: options.host, port, dataDir: options.dataDir, region: options.region, confirmMode: options.confirmMode,
      ownerId: stored.ownerId, retentionMs: DEFAULTS.retentionMs, ...keys,
    },
    logger,
  });
}
