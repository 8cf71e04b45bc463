// Starts the core for the desktop app through the launch module, on the preferred port or a free one when it is
// taken (another BucketHooks, MinIO…). Plain Node: no electron import.
import { createServer } from 'node:net';
import type { Core } from '../core/create-core';
import type { Logger } from '../core/kernel/logger';
import type { SecretStore } from '../core/kernel/secret-store';
import { launchCore } from '../launch/launch-core';
import type { ServeOptions } from '../launch/options';

/** True when `port` can be bound on `host` right now. */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Start a core on `options.dataDir` sealing secrets with `secrets`; falls back to a free port when the chosen one is busy. */
export async function startDesktopCore(options: ServeOptions, logger: Logger, secrets?: SecretStore): Promise<Core> {
  let port = options.port;
  if (port !== 0 && !(await isPortFree(port, options.host))) {
    logger.warn('port busy, using a free one', { port });
    port = 0;
  }
  return launchCore({ ...options, port }, { logger, secrets });
}
