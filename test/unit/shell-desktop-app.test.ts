// The desktop shell's glue (src-main/index.ts → shell/desktop-app.ts) run under plain Node with a stand-in for
// the `electron` module (the binary is absent here): the real core starts in userData, IPC answers for the
// window and refuses others, the CSP is on every response, app:// never leaves its folder, quit closes SQLite.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Just enough of Electron's main-process API for desktop-app.ts; records what the shell does. */
const ELECTRON_STAND_IN = `
import { EventEmitter } from 'node:events';
const seen = globalThis.seen = { menu: [], opened: [], downloads: [], clipboard: [], sent: [] };
class App extends EventEmitter {
  paths = { appData: process.env.STAND_IN_APPDATA };
  setName(n) { seen.name = n; }
  setPath(k, v) { this.paths[k] = v; }
  getPath(k) { return this.paths[k]; }
  requestSingleInstanceLock() { return true; }
  whenReady() { return new Promise((r) => setTimeout(r, 10)); }
  quit() {
    const e = { prevented: false, preventDefault() { this.prevented = true; } };
    this.emit('before-quit', e);
    if (!e.prevented) process.stdout.write('QUIT\\n'), process.exit(0);
  }
  exit(code) { process.stdout.write('EXIT ' + code + '\\n'); process.exit(code); }
}
export const app = new App();
export const protocol = { registerSchemesAsPrivileged: (s) => { seen.schemes = s; }, handle: (s, fn) => { seen.protocolHandler = fn; } };
export const session = { defaultSession: { webRequest: { onHeadersReceived: (fn) => { seen.headersHook = fn; } }, setPermissionRequestHandler: (fn) => { seen.permissions = fn; } } };
export const ipcMain = { handle: (c, fn) => { (seen.ipc ??= new Map()).set(c, fn); }, removeHandler: (c) => seen.ipc.delete(c) };
class Contents extends EventEmitter {
  id = 42;
  setWindowOpenHandler(fn) { seen.openHandler = fn; }
  send(c, p) { seen.sent.push([c, p]); }
  downloadURL(u) { seen.downloads.push(u); }
}
export class BrowserWindow extends EventEmitter {
  constructor(options) { super(); this.webContents = new Contents(); seen.windowOptions = options; seen.window = this; }
  loadURL(u) { seen.url = u; setTimeout(() => this.emit('ready-to-show'), 1); return Promise.resolve(); }
  show() { seen.shown = true; }
  isDestroyed() { return false; } isMinimized() { return false; } focus() {}
}
export const Menu = { buildFromTemplate: (t) => t, setApplicationMenu: (t) => { seen.menuTemplate = t; } };
export const dialog = { showErrorBox: (t, m) => process.stdout.write('ERRORBOX ' + m + '\\n'), showMessageBox: async (o) => { seen.menu.push(o.message); } };
export const shell = { openPath: async (p) => { seen.menu.push('open ' + p); }, openExternal: async (u) => { seen.opened.push(u); } };
export const clipboard = { writeText: (t) => { seen.clipboard.push(t); } };
`;

/** Runs inside the app once it is up: drives the window, IPC, protocol and menu, prints RESULT, then quits. */
const DRIVER = `
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const run = async () => {
  while (!globalThis.seen?.shown) await wait(20);
  const s = globalThis.seen;
  const own = { sender: { id: 42 }, senderFrame: { url: 'app://bucket-hooks/index.html', parent: null } };
  const other = { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } };
  const r = { name: s.name, url: s.url, prefs: s.windowOptions.webPreferences, channels: s.ipc.size };
  r.create = await s.ipc.get('api:buckets.create')(own, { name: 'desk-bucket' });
  r.list = await s.ipc.get('api:buckets.list')(own, {});
  r.untrusted = await s.ipc.get('api:buckets.list')(other, {});
  s.headersHook({ responseHeaders: { 'content-type': ['text/html'] } }, (res) => { r.headers = res.responseHeaders; });
  r.traversal = (await s.protocolHandler(new Request('app://bucket-hooks/..%2f..%2fpackage.json'))).status;
  let prevented = false;
  s.window.webContents.emit('will-navigate', { preventDefault() { prevented = true; } }, 'https://example.com/docs');
  r.navigation = { prevented, opened: s.opened.slice() };
  r.windowOpen = s.openHandler({ url: 'file:///etc/passwd' });
  let granted;
  s.permissions(null, 'media', (ok) => { granted = ok; });
  r.permission = granted;
  for (const m of s.menuTemplate) for (const i of Array.isArray(m.submenu) ? m.submenu : []) if (i.id) i.click();
  await wait(50);
  r.menu = s.menu; r.clipboard = s.clipboard;
  process.stdout.write('RESULT ' + JSON.stringify(r) + '\\n');
  process.emit('SIGTERM');
};
run().catch((e) => { process.stdout.write('DRIVER FAILED ' + e.stack + '\\n'); process.exit(3); });
`;

describe('desktop app glue under a stand-in electron', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bh-shell-app-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts the core in userData, serves IPC and app:// safely, and quits cleanly', async () => {
    const appData = join(dir, 'appdata');
    mkdirSync(appData);
    writeFileSync(join(dir, 'electron.mjs'), ELECTRON_STAND_IN);
    writeFileSync(join(dir, 'hooks.mjs'), `export async function resolve(s, c, next) {
      return s === 'electron' ? { url: ${JSON.stringify(pathToFileURL(join(dir, 'electron.mjs')).href)}, shortCircuit: true } : next(s, c);
    }`);
    writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});`);
    writeFileSync(join(dir, 'driver.mjs'), DRIVER);
    const child = spawn(process.execPath, [
      '--import', 'tsx', '--import', join(dir, 'register.mjs'), '--import', join(dir, 'driver.mjs'),
      join(ROOT, 'src-main/index.ts'), '--port', '0',
    ], { cwd: ROOT, env: { ...process.env, STAND_IN_APPDATA: appData, BUCKETHOOKS_LOG_LEVEL: 'error' } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    const line = /^RESULT (.+)$/m.exec(out);
    expect(line, out).not.toBeNull();
    const r = JSON.parse(line![1]);
    const userData = join(appData, 'BucketHooks');

    expect(code).toBe(0);
    expect(out).toMatch(/^QUIT$/m);
    expect(r.name).toBe('BucketHooks');
    expect(r.url).toBe('app://bucket-hooks/index.html');
    expect(r.prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join(ROOT, 'src-main/../preload/index.cjs') });
    expect(r.channels).toBeGreaterThan(20);
    expect(r.create).toMatchObject({ ok: true, result: { name: 'desk-bucket' } });
    expect(r.list).toMatchObject({ ok: true, result: [{ name: 'desk-bucket' }] });
    expect(r.untrusted).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    expect(r.headers['content-type']).toEqual(['text/html']);
    expect(r.headers['Content-Security-Policy'][0]).toMatch(/^default-src 'self'; script-src 'self';.*connect-src 'self' http:\/\/127\.0\.0\.1:\d+;/);
    expect(r.traversal).toBe(404);
    expect(r.navigation).toEqual({ prevented: true, opened: ['https://example.com/docs'] });
    expect(r.windowOpen).toEqual({ action: 'deny' });
    expect(r.permission).toBe(false);
    expect(r.menu).toEqual([`open ${userData}`, expect.stringMatching(/^BucketHooks \d/)]);
    expect(r.clipboard).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/)]);
    expect(existsSync(join(userData, 'buckethooks.sqlite'))).toBe(true);
    expect(existsSync(join(userData, 'buckethooks.sqlite-wal'))).toBe(false);
  }, 60_000);
});
