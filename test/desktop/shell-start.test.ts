// The start script's decision (desktop or headless fallback) and the desktop app's flag handling.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findElectronBinary, probeElectron, type ProbeEnv } from '../../src-main/shell/electron-binary';
import { pickServeArgs, resolveDesktopOptions } from '../../src-main/shell/desktop-options';

const ROOT = '/proj';
const PKG = join(ROOT, 'node_modules/electron');

function machine(files: Record<string, string>, env: NodeJS.ProcessEnv = { DISPLAY: ':0' }, platform: NodeJS.Platform = 'linux'): ProbeEnv {
  return { env, platform, exists: (p) => p in files, readText: (p) => files[p] };
}

describe('findElectronBinary / probeElectron', () => {
  const installed = { [join(PKG, 'package.json')]: '{}', [join(PKG, 'path.txt')]: 'electron', [join(PKG, 'dist/electron')]: '' };

  it('finds the binary electron would run', () => {
    expect(probeElectron(ROOT, machine(installed))).toEqual({ ok: true, path: join(PKG, 'dist/electron') });
  });
  it('reports a missing download (this machine: no node_modules/electron/dist) as curable', () => {
    const result = findElectronBinary(ROOT, machine({ [join(PKG, 'package.json')]: '{}' }));
    expect(result).toMatchObject({ ok: false, kind: 'missing' });
  });
  it('reports a path.txt whose binary is gone as missing', () => {
    const { [join(PKG, 'dist/electron')]: _gone, ...rest } = installed;
    expect(findElectronBinary(ROOT, machine(rest))).toMatchObject({ ok: false, kind: 'missing' });
  });
  it('honours ELECTRON_OVERRIDE_DIST_PATH and BUCKETHOOKS_HEADLESS=1', () => {
    const files = { ...installed, '/opt/e/electron': '' };
    expect(findElectronBinary(ROOT, machine(files, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' }))).toEqual({ ok: true, path: '/opt/e/electron' });
    expect(findElectronBinary(ROOT, machine(files, { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' }))).toMatchObject({ ok: false, kind: 'disabled' });
    expect(findElectronBinary(ROOT, machine(installed, { BUCKETHOOKS_HEADLESS: '1' }))).toMatchObject({ ok: false, kind: 'disabled' });
  });
  it('needs a display on Linux only', () => {
    expect(probeElectron(ROOT, machine(installed, {}))).toMatchObject({ ok: false, kind: 'no-display' });
    expect(probeElectron(ROOT, machine(installed, { WAYLAND_DISPLAY: 'wayland-0' })).ok).toBe(true);
    expect(probeElectron(ROOT, machine(installed, {}, 'darwin')).ok).toBe(true);
  });
});

describe('desktop options', () => {
  it('keeps serve flags and drops Electron/Chromium switches', () => {
    const argv = ['/usr/bin/electron', '/proj', '--no-sandbox', '--remote-debugging-port=0', '--port', '0', '--data-dir=/tmp/x', '--inspect=0'];
    expect(pickServeArgs(argv)).toEqual(['--port', '0', '--data-dir=/tmp/x']);
  });
  it('takes every serve flag but --host: --realism and --inbox-max-mb too', () => {
    const argv = ['electron', '.', '--realism', 'duplicates=0.1,seed=7', '--inbox-max-mb=5', '--confirm', 'off', '--host', '0.0.0.0'];
    expect(pickServeArgs(argv)).toEqual(['--realism', 'duplicates=0.1,seed=7', '--inbox-max-mb=5', '--confirm', 'off']);
    expect(resolveDesktopOptions(argv, {}, '/u')).toMatchObject({ inboxMaxMb: 5, confirmMode: 'off', host: '127.0.0.1', realism: { seed: 7 } });
  });
  it('defaults the data dir to userData and always binds loopback', () => {
    const options = resolveDesktopOptions(['electron', '.'], { BUCKETHOOKS_HOST: '0.0.0.0' }, '/home/u/.config/BucketHooks');
    expect(options).toMatchObject({ dataDir: '/home/u/.config/BucketHooks', host: '127.0.0.1', port: 9000 });
  });
  it('lets --data-dir and BUCKETHOOKS_DATA_DIR override userData', () => {
    expect(resolveDesktopOptions(['--data-dir', '/d'], {}, '/u').dataDir).toBe('/d');
    expect(resolveDesktopOptions([], { BUCKETHOOKS_DATA_DIR: '/e' }, '/u').dataDir).toBe('/e');
  });
  it('rejects a bad port with a readable error', () => {
    expect(() => resolveDesktopOptions(['--port', 'x'], {}, '/u')).toThrow(/--port must be/);
  });
});
