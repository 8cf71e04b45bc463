// Packaging configuration: electron-builder.yml passes electron-builder's own schema and names what the desktop
// build needs (app id, product name, icon, the four targets, better-sqlite3's .node outside the asar). electron-builder
// comes from desktop-tools/.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireDesktopTool } from '../helpers/desktop-tools';

/** The parts of electron-builder's configuration this test reads. */
interface BuilderConfig {
  appId?: string; productName?: string; icon?: string; files?: unknown; asarUnpack?: unknown;
  linux?: { target?: unknown }; win?: { target?: unknown }; mac?: { target?: unknown };
}
const { getConfig, validateConfiguration } = requireDesktopTool<{
  getConfig(projectDir: string, configPath: null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, log: unknown): Promise<void>;
}>('app-builder-lib/out/util/config/config');
const { DebugLogger } = requireDesktopTool<{ DebugLogger: new (isEnabled: boolean) => unknown }>('builder-util');

const ROOT = resolve(import.meta.dirname, '../..');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('is valid for electron-builder and complete', async () => {
    const config = await getConfig(ROOT, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({ appId: 'dev.buckethooks.app', productName: 'BucketHooks', icon: 'build/icon.png' });
    expect(JSON.stringify(config.files)).toContain('"out/**"');
    expect(JSON.stringify(config.asarUnpack)).toMatch(/node_modules\/better-sqlite3\/\*\*\/\*\.node/);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('has a 512x512 PNG icon', () => {
    expect(pngSize(resolve(ROOT, 'build/icon.png'))).toEqual({ width: 512, height: 512 });
  });
});
