// Decides whether the Electron binary can run here, without touching the network: `require('electron')`
// would start electron's own download, so this reads node_modules/electron/path.txt the way it does.
// Pure Node (no electron import): used by scripts/start.js and by the Electron smoke test.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Why the desktop app cannot start: `missing` can be cured by fetching the binary, the others cannot. */
export type ElectronUnavailable = { ok: false; kind: 'missing' | 'disabled' | 'no-display'; reason: string };

/** The result of probing for a usable Electron binary. */
export type ElectronProbe = { ok: true; path: string } | ElectronUnavailable;

/** What the probe reads from the machine; injectable so tests need no real binary. */
export interface ProbeEnv {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists: (path: string) => boolean;
  readText: (path: string) => string | undefined;
}

const realProbeEnv: ProbeEnv = {
  env: process.env,
  platform: process.platform,
  exists: existsSync,
  readText: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
};

/** Locate the Electron executable under `root`/node_modules/electron as electron's index.js would. */
export function findElectronBinary(root: string, probe: ProbeEnv = realProbeEnv): ElectronProbe {
  if (probe.env.BUCKETHOOKS_HEADLESS === '1') {
    return { ok: false, kind: 'disabled', reason: 'BUCKETHOOKS_HEADLESS=1 is set' };
  }
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!probe.exists(join(pkgDir, 'package.json'))) {
    return { ok: false, kind: 'disabled', reason: 'the electron package is not installed' };
  }
  const relative = probe.readText(join(pkgDir, 'path.txt'))?.trim();
  const override = probe.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, relative || 'electron');
    return probe.exists(path)
      ? { ok: true, path }
      : { ok: false, kind: 'disabled', reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path}` };
  }
  if (!relative) {
    return { ok: false, kind: 'missing', reason: 'node_modules/electron/dist is absent (the binary is fetched on first run)' };
  }
  const path = join(pkgDir, 'dist', relative);
  if (!probe.exists(path)) return { ok: false, kind: 'missing', reason: `${path} does not exist` };
  return { ok: true, path };
}

/**
 * Like findElectronBinary, and on Linux also require a display server for the window. No display wins over a
 * missing binary, so a start without a window never waits for a download it could not use.
 */
export function probeElectron(root: string, probe: ProbeEnv = realProbeEnv): ElectronProbe {
  const found = findElectronBinary(root, probe);
  if ((!found.ok && found.kind === 'disabled') || probe.platform !== 'linux') return found;
  if (!probe.env.DISPLAY && !probe.env.WAYLAND_DISPLAY) {
    return { ok: false, kind: 'no-display', reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return found;
}
