// The smoke test's larger checks of the running desktop app: the window's lock-down, the app:// protocol
// serving the built renderer, and the IPC sender check, all seen from outside through the fake electron.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller, DesktopApp, WindowInfo } from './desktop-driver';
import { PRELOAD_BUNDLE, ROOT } from './desktop-driver';

const APP_URL = 'app://bucket-hooks/index.html';

/** The one window: secure webPreferences, the built preload, the app:// page, permissions denied, the CSP sent. */
export async function checkWindow(app: DesktopApp, win: WindowInfo, endpoint: string): Promise<void> {
  const { windows, calls } = await app.snapshot();
  assert.equal(windows.length, 1, 'exactly one window');
  const prefs = win.options.webPreferences as Record<string, unknown>;
  assert.equal(prefs.contextIsolation, true, 'contextIsolation');
  assert.equal(prefs.sandbox, true, 'sandbox');
  for (const risky of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webviewTag', 'allowRunningInsecureContent']) {
    assert.notEqual(prefs[risky], true, `${risky} must not be on`);
  }
  assert.notEqual(prefs.webSecurity, false, 'webSecurity must not be off');
  assert.equal(prefs.preload, PRELOAD_BUNDLE, 'the preload is the built one');
  assert.ok(existsSync(prefs.preload as string), 'the preload file exists');
  assert.equal(win.url, APP_URL);
  assert.ok(windows[0].visible, 'the window is shown once ready');
  assert.ok(calls.some((c) => c.name === 'webContents.setWindowOpenHandler'), 'window.open is handled');
  assert.equal(await app.request('permission', 'media'), false, 'permission requests are denied');
  const headers = await app.request<Record<string, string[]>>('headers', 'http://127.0.0.1/', { 'content-type': ['text/html'] });
  assert.deepEqual(headers['content-type'], ['text/html'], 'response headers are kept');
  const csp = String(headers['Content-Security-Policy']);
  assert.match(csp, /^default-src 'self'; script-src 'self';/, 'the CSP is added to responses');
  assert.ok(csp.includes(`connect-src 'self' ${endpoint};`), 'the CSP lets the page reach the local S3 endpoint only');
}

/** app:// is privileged, serves out/renderer (index.html and its script) with the CSP, and 404s the rest. */
export async function checkAppProtocol(app: DesktopApp): Promise<void> {
  const { protocol } = await app.snapshot();
  const scheme = protocol.privileged.find((s) => s.scheme === 'app');
  assert.ok(scheme?.privileges.standard && scheme.privileges.secure, 'app:// is a standard, secure scheme');
  assert.deepEqual(protocol.handled, ['app']);

  const index = await app.fetchApp(APP_URL);
  assert.equal(index.status, 200);
  assert.match(index.headers['content-type'], /^text\/html/);
  assert.match(index.headers['content-security-policy'], /script-src 'self'/);
  const html = Buffer.from(index.body).toString('utf8');
  assert.equal(html, readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8'));

  const src = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
  assert.ok(src, 'index.html loads a script');
  const script = await app.fetchApp(new URL(src, APP_URL).href);
  assert.equal(script.status, 200, `${src} is served`);
  assert.match(script.headers['content-type'], /^text\/javascript/);
  const file = join(ROOT, 'out/renderer', new URL(src, APP_URL).pathname.replace(/^\/_ui\//, '/'));
  assert.ok(Buffer.from(script.body).equals(readFileSync(file)), `${src} is the built file`);

  for (const outside of ['app://bucket-hooks/%2e%2e/main/index.js', 'app://elsewhere/index.html']) {
    assert.equal((await app.fetchApp(outside)).status, 404, `${outside} is not served`);
  }
}

/** Calls from another webContents, an iframe, or a page of another origin are refused and change nothing. */
export async function checkForeignCallersRefused(app: DesktopApp): Promise<void> {
  const callers: Caller[] = [
    { foreign: true, frameUrl: APP_URL },
    { subframe: true, frameUrl: APP_URL },
    { frameUrl: 'https://evil.example/index.html' },
  ];
  for (const caller of callers) {
    const reply = await app.invoke('buckets.create', { name: 'evil' }, caller);
    assert.equal(reply.ok, false, `a call from ${JSON.stringify(caller)} was answered`);
  }
  const buckets = await app.call('buckets.list', {});
  assert.ok(!buckets.some((b) => b.name === 'evil'), 'a refused call created a bucket');
  assert.equal((await app.invoke('server.status', {})).ok, true, 'the window itself is still answered');
}

/** The window stays on app://: web links open in the OS browser, S3 links download, window.open never opens one. */
export async function checkNavigation(app: DesktopApp, endpoint: string): Promise<void> {
  const presigned = `${endpoint}/smoke/hello.txt?X-Amz-Signature=00`;
  assert.deepEqual(await app.request('navigate', `${APP_URL}#/settings`), { prevented: false });
  assert.deepEqual(await app.request('navigate', 'https://example.com/docs'), { prevented: true });
  assert.deepEqual(await app.request('navigate', presigned), { prevented: true });
  assert.deepEqual(await app.request('navigate', 'file:///etc/passwd'), { prevented: true });
  for (const url of ['https://example.com/new', 'file:///etc/passwd', `${APP_URL}#/buckets`]) {
    assert.deepEqual(await app.request('window-open', url), { action: 'deny' }, `window.open(${url}) opened a window`);
  }
  const calls = (await app.snapshot()).calls.map((c) => JSON.stringify([c.name, ...c.args]));
  const external = calls.filter((c) => c.startsWith('["shell.openExternal"'));
  assert.deepEqual(external, [JSON.stringify(['shell.openExternal', 'https://example.com/docs']), JSON.stringify(['shell.openExternal', 'https://example.com/new'])]);
  assert.ok(calls.includes(JSON.stringify(['webContents.downloadURL', presigned])), 'a presigned S3 link is downloaded');
}
