// `npm run smoke:desktop`: the built desktop main bundle, run in plain Node under the fake electron module,
// must start the core on the userData folder, lock its window down, register one IPC handler per contract
// method, serve the renderer over app://, answer calls end to end, refuse foreign frames and quit cleanly.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { API_EVENTS, API_METHODS, IPC_EVENT_PREFIX, IPC_METHOD_PREFIX, type DeliveryRow } from '../../src-shared/contract';
import { s3ClientFor } from '../helpers/core';
import { launchDesktop, NODE_SQLITE_BINDING, type DesktopApp } from './desktop-driver';
import { startHeldReceiver } from './held-receiver';
import { checkAppProtocol, checkForeignCallersRefused, checkNavigation, checkWindow } from './smoke-checks';
import { tempDir } from '../helpers/temp-dir';

// The SDK's notice about Node 20 (Electron's own Node is newer); set before the first client is built.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const appData = tempDir('bh-desktop-smoke-');
const userData = join(appData, 'BucketHooks');
const receiver = await startHeldReceiver();
const apps: DesktopApp[] = [];
let current = 'start';

/** Electron passes Chromium switches too; the app must ignore them and read its own flags. */
const launch = () => {
  const app = launchDesktop({ appData, args: ['--no-sandbox', '--port', '0', '--enable-logging'] });
  apps.push(app);
  return app;
};

async function step(name: string, body: () => Promise<void>): Promise<void> {
  current = name;
  await body();
  process.stdout.write(`  ✓ ${name}\n`);
}

// A guard against a hang, not a timing assertion: the smoke takes a few seconds.
const watchdog = setTimeout(() => fail(new Error(`the smoke did not finish within 120 s (stuck in: ${current})`)), 120_000);

function fail(err: unknown): never {
  process.stdout.write(`  ✗ ${current}\n${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  const last = apps.at(-1);
  if (last) process.stdout.write(`--- app output ---\n${last.log.slice(-4000)}\n`);
  for (const app of apps) app.kill();
  rmSync(appData, { recursive: true, force: true });
  process.stdout.write('desktop smoke: FAILED\n');
  process.exit(1);
}

try {
  const app = launch();
  const win = await app.started();
  const endpoint = await app.endpoint();
  const status = await app.call('server.status', {});

  await step('starts the core on the userData folder, with the Node build of better-sqlite3', async () => {
    assert.equal((await app.snapshot()).userData, userData);
    assert.equal(status.dataDir, userData);
    assert.equal(status.endpoint, endpoint, 'server.status names the endpoint the app printed');
    assert.ok(existsSync(join(userData, 'buckethooks.sqlite')));
    if (process.platform === 'linux') {
      const maps = readFileSync(`/proc/${app.pid}/maps`, 'utf8');
      assert.ok(maps.includes(NODE_SQLITE_BINDING), `the app did not load ${NODE_SQLITE_BINDING}`);
    }
  });

  await step('opens one window with contextIsolation, sandbox, no nodeIntegration and the built preload', () => checkWindow(app, win, endpoint));

  await step('keeps the window on app://: web links open outside, S3 links download, window.open is denied', () => checkNavigation(app, endpoint));

  await step('registers one api:<method> handler per contract method and nothing else', async () => {
    const { ipc } = await app.snapshot();
    const expected = API_METHODS.map((m) => IPC_METHOD_PREFIX + m);
    const missing = expected.filter((c) => !ipc.handlers.includes(c));
    const extra = ipc.handlers.filter((c) => !expected.includes(c));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'IPC handlers differ from the contract');
    assert.equal(ipc.handlers.length, expected.length);
    assert.deepEqual(ipc.listeners, [], 'no ipcMain.on listeners besides the handlers');
  });

  await step('serves out/renderer over app:// with the CSP, nothing outside it', () => checkAppProtocol(app));

  await step('answers buckets.create, hooks.upsert (built-in inbox) and delivers an S3 PUT to the printed endpoint', async () => {
    assert.deepEqual((await app.call('buckets.create', { name: 'smoke' })).name, 'smoke');
    const { url } = await app.call('inbox.url', { name: 'smoke' });
    const upsert = await app.call('hooks.upsert', { bucket: 'smoke', hook: { id: 'to-inbox', events: ['s3:ObjectCreated:*'], url } });
    assert.equal(upsert.handshake.status, 'confirmed');
    const s3 = s3ClientFor(endpoint, { accessKey: status.accessKey, secretKey: status.secretKey });
    await s3.send(new PutObjectCommand({ Bucket: 'smoke', Key: 'hello.txt', Body: 'hello' }));
    s3.destroy();
    await app.waitFor('the window is told that the delivery arrived', () => app.pushes.find((p) => {
      const row = (p.data.args as DeliveryRow[] | undefined)?.[0];
      return p.data.channel === `${IPC_EVENT_PREFIX}deliveries.changed` && row?.key === 'hello.txt' && row.status === 'delivered';
    }));
    const captures = await app.call('inbox.captures', { name: 'smoke' });
    assert.equal(captures.filter((c) => c.body.includes('"hello.txt"')).length, 1, 'the inbox received the event once');
    const sends = app.pushes.filter((p) => p.type === 'send');
    assert.ok(sends.every((p) => p.data.webContentsId === win.webContentsId), 'events go to the main window only');
    const events = API_EVENTS.map((e) => IPC_EVENT_PREFIX + e);
    assert.deepEqual(sends.map((p) => p.data.channel).filter((c) => !events.includes(c as string)), []);
  });

  await step('seals a saved remote profile\'s secret key with safeStorage: never in remotes.json or an answer', async () => {
    assert.equal(status.secretsAtRest, 'os-keychain');
    const view = await app.call('profiles.save', { name: 'self', endpoint, region: 'ru-msk', accessKey: status.accessKey,
      secretKey: status.secretKey, pathStyle: true, verifyTls: true });
    assert.equal(JSON.stringify([view, await app.call('profiles.list', {})]).includes(status.secretKey), false);
    const file = readFileSync(join(userData, 'remotes.json'), 'utf8');
    assert.equal(file.includes(status.secretKey), false, 'remotes.json holds the secret key in clear');
    assert.match(file, /"sealedSecret": "bh-keychain:v1:/);
    assert.ok((await app.snapshot()).calls.some((c) => c.name === 'safeStorage.encryptString'));
  });

  await step('refuses calls from a foreign webContents, a subframe and a foreign origin', () => checkForeignCallersRefused(app));

  await step('the menu copies the endpoint, opens the data folder and shows About; a second start focuses the window', async () => {
    await app.request('menu-click', 'about');
    await app.request('menu-click', 'copy-endpoint');
    assert.equal(await app.request('clipboard'), endpoint);
    await app.request('menu-click', 'open-data-folder');
    await app.request('second-instance', ['--port', '0']);
    const names = (await app.snapshot()).calls.map((c) => JSON.stringify([c.name, ...c.args]));
    assert.ok(names.includes(JSON.stringify(['shell.openPath', userData])), 'Open Data Folder opens userData');
    assert.ok(names.includes(JSON.stringify(['BrowserWindow.focus'])), 'a second start focuses the window');
    const about = (await app.snapshot()).calls.find((c) => c.name === 'dialog.showMessageBox')?.args[0] as { message: string; detail: string };
    assert.match(about.message, /^BucketHooks \d/);
    assert.ok(about.detail.includes(endpoint) && about.detail.includes(userData), 'About names the endpoint and data folder');
  });

  await step('quitting (closing the window) drains the delivery in flight and closes SQLite', async () => {
    await app.call('buckets.create', { name: 'drain' });
    await app.call('hooks.upsert', { bucket: 'drain', hook: { id: 'held', events: ['s3:ObjectCreated:*'], url: receiver.url } });
    const arrival = receiver.nextArrival();
    const s3 = s3ClientFor(endpoint, { accessKey: status.accessKey, secretKey: status.secretKey });
    await s3.send(new PutObjectCommand({ Bucket: 'drain', Key: 'late.txt', Body: 'late' }));
    s3.destroy();
    await arrival;
    const exited = app.closeWindow();
    await app.waitFor('before-quit is held while the core closes', () =>
      app.pushes.find((p) => p.type === 'app' && p.data.event === 'before-quit' && p.data.prevented));
    receiver.release();
    assert.deepEqual(await exited, { code: 0, signal: null });
    assert.equal(existsSync(join(userData, 'buckethooks.sqlite-wal')), false, 'the -wal file is left behind');
  });

  await step('a second start on the same folder finds the drained delivery delivered; SIGTERM quits it cleanly', async () => {
    const again = launch();
    await again.started();
    const { items } = await again.call('deliveries.list', { filter: { bucket: 'drain' } });
    assert.deepEqual(items.map((d) => [d.key, d.status, d.attempts]), [['late.txt', 'delivered', 1]]);
    const moved = await again.call('server.status', {});
    await again.call('profiles.save', { name: 'self', originalName: 'self', endpoint: moved.endpoint, region: 'ru-msk',
      accessKey: moved.accessKey, pathStyle: true, verifyTls: true });
    assert.equal((await again.call('profiles.test', { name: 'self' })).ok, true, 'the sealed secret opens after a restart');
    assert.deepEqual(await again.terminate(), { code: 0, signal: null });
    assert.equal(receiver.notifications.filter((b) => b.includes('"late.txt"')).length, 1, 'delivered exactly once');
    assert.equal(existsSync(join(userData, 'buckethooks.sqlite-wal')), false);
  });
} catch (err) {
  fail(err);
}
clearTimeout(watchdog);
await receiver.close();
rmSync(appData, { recursive: true, force: true });
process.stdout.write('desktop smoke: ok\n');
