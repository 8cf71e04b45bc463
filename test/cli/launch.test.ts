// The launch module shared by the desktop shell and `serve`: one CoreConfig from the same options whichever
// starts it, the data dir and its key pair created once and reused, keys from flags winning, server.json round trip.
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src-main/core/kernel/config';
import { resolveCoreConfig } from '../../src-main/launch/launch-core';
import { parseServeOptions } from '../../src-main/launch/options';
import { loadOrCreateCredentials, readServerInfo, removeServerInfo, writeServerInfo } from '../../src-main/launch/data-dir';
import { resolveDesktopOptions } from '../../src-main/shell/desktop-options';
import { tempDir } from '../helpers/temp-dir';

const dirs: string[] = [];
const launchDir = () => { const d = tempDir('bh-launch-'); dirs.push(d); return d; };
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('resolveCoreConfig', () => {
  it('creates the data dir and its key pair on first use and reuses them after', () => {
    const dataDir = join(launchDir(), 'nested', 'data');
    const first = resolveCoreConfig(parseServeOptions(['--data-dir', dataDir], {}));
    expect(existsSync(join(dataDir, 'credentials.json'))).toBe(true);
    expect(statSync(join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);
    const second = resolveCoreConfig(parseServeOptions(['--data-dir', dataDir], {}));
    expect(second).toEqual(first);
    expect(first).toMatchObject({ dataDir, retentionMs: DEFAULTS.retentionMs, region: 'ru-msk', confirmMode: 'strict' });
    expect(first.ownerId).toBe(loadOrCreateCredentials(dataDir).ownerId);
  });

  it('lets keys from flags or env win over the stored pair (which stays)', () => {
    const dataDir = launchDir();
    const stored = loadOrCreateCredentials(dataDir);
    const viaFlags = resolveCoreConfig(parseServeOptions(['--data-dir', dataDir, '--access-key', 'AK', '--secret-key', 'SK'], {}));
    expect(viaFlags).toMatchObject({ accessKey: 'AK', secretKey: 'SK', ownerId: stored.ownerId });
    const viaEnv = resolveCoreConfig(parseServeOptions([], { BUCKETHOOKS_DATA_DIR: dataDir, BUCKETHOOKS_ACCESS_KEY: 'A2', BUCKETHOOKS_SECRET_KEY: 'S2' }));
    expect(viaEnv).toMatchObject({ accessKey: 'A2', secretKey: 'S2' });
    expect(loadOrCreateCredentials(dataDir)).toEqual(stored);
  });

  it('gives the desktop and the headless server the same config for the same flags', () => {
    const dataDir = launchDir();
    const argv = ['--data-dir', dataDir, '--port', '0', '--confirm', 'record', '--region', 'us-east-1'];
    const headless = resolveCoreConfig(parseServeOptions(argv, {}));
    const desktop = resolveCoreConfig(resolveDesktopOptions(['/electron', '.', ...argv, '--no-sandbox'], {}, '/unused'));
    expect(desktop).toEqual(headless);
  });
});

describe('server.json', () => {
  it('is written, read back and removed', () => {
    const dataDir = launchDir();
    expect(readServerInfo(dataDir)).toBeUndefined();
    const info = { endpoint: 'http://127.0.0.1:1', pid: process.pid };
    writeServerInfo(dataDir, info);
    expect(readServerInfo(dataDir)).toEqual(info);
    removeServerInfo(dataDir);
    expect(readServerInfo(dataDir)).toBeUndefined();
  });
});
