// The renderer over the IPC transport, the way Electron runs it: the built main bundle under the fake electron
// serves the built renderer from its app:// handler, the built preload provides window.bucketHooks in the
// page, and every API call and live event goes through the app's ipcMain handlers. Walks the main flow.
import { rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchDesktop, type DesktopApp } from '../desktop/desktop-driver';
import { installBridge, serveAppProtocol, type AppFront } from '../desktop/renderer-bridge';
import { launchChromium, screenshot } from './ui-harness';
import { tempDir } from '../helpers/temp-dir';

const BUCKET = 'ipc-photos';
let appData: string;
let app: DesktopApp;
let front: AppFront;
let browser: Browser;
let page: Page;
let invoked: string[];

const row = (key: string, status: string) => page.getByLabel(new RegExp(`^Delivery \\d+ ${key.replace('.', '\\.')} ${status}`));
const upload = (name: string, body: string) =>
  page.locator('[data-testid=upload-input]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(body) });

beforeAll(async () => {
  appData = tempDir('bh-ipc-ui-');
  app = launchDesktop({ appData, args: ['--port', '0'] });
  await app.started();
  front = await serveAppProtocol(app);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bridge = await installBridge(context, app, front);
  invoked = bridge.invoked;
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  bridge.forwardEvents(page);
});

afterAll(async () => {
  await browser?.close();
  await front?.close();
  app?.kill();
  if (appData) rmSync(appData, { recursive: true, force: true });
});

describe('the renderer over the preload bridge (IPC transport)', () => {
  it('sees only the preload bridge, served by the app:// handler', async () => {
    await page.goto(`${front.origin}/index.html`);
    await page.getByText('S3 endpoint:').waitFor();
    const globals = await page.evaluate(() => ({
      bridge: Object.keys((globalThis as unknown as { bucketHooks: object }).bucketHooks).sort(),
      node: ['require', 'process', 'ipcRenderer', 'module'].filter((n) => n in globalThis),
    }));
    expect(globals).toEqual({ bridge: ['invoke', 'onEvent'], node: [] });
    expect(invoked).toContain('api:server.status');
  });

  it('creates a bucket and adds a hook to the built-in inbox through the Webhooks tab', async () => {
    await page.getByRole('button', { name: 'Create bucket' }).click();
    const create = page.getByRole('dialog', { name: 'Create bucket' });
    await create.getByLabel('Bucket name').fill(BUCKET);
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(new RegExp(`#/buckets/${BUCKET}/objects`));
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add hook' });
    await dialog.getByLabel('ID').fill('ipc-hook');
    await dialog.getByRole('button', { name: 'Use built-in inbox' }).click();
    await expect.poll(() => dialog.getByLabel('URL').inputValue()).toContain(`/_inbox/${BUCKET}`);
    await dialog.getByLabel('Retry policy').fill('1');
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('td[data-col-key=id]').getByText('ipc-hook', { exact: true }).waitFor();
    expect((await app.call('hooks.list', { bucket: BUCKET })).map((h) => [h.id, h.state])).toEqual([['ipc-hook', 'active']]);
  });

  it('uploads through the object browser, and the delivery log lists the delivery', async () => {
    await page.getByRole('tab', { name: 'Objects' }).click();
    await upload('cat.txt', 'meow');
    await page.getByRole('button', { name: 'cat.txt', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Delivery log' }).click();
    await row('cat.txt', 'delivered').waitFor();
    expect((await app.call('inbox.captures', { name: BUCKET })).some((c) => c.body.includes('"cat.txt"'))).toBe(true);
  });

  it('shows retries live (events over IPC) and replays the failed delivery from the log', async () => {
    await app.call('inbox.setFailure', { name: BUCKET, status: 500 });
    await page.getByRole('link', { name: 'Buckets' }).click();
    await page.getByRole('link', { name: BUCKET }).click();
    await upload('dog.txt', 'woof');
    await page.getByRole('button', { name: 'dog.txt', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Delivery log' }).click();
    await row('dog.txt', 'failed after 2 attempts').waitFor({ timeout: 15_000 });
    await app.call('inbox.setFailure', { name: BUCKET, status: null });
    await row('dog.txt', 'failed').getByRole('button', { name: /^Replay delivery/ }).click();
    await row('dog.txt', 'delivered after 3 attempts').waitFor();
    await screenshot(page, '20-ipc-bridge-delivery-log');
  });

  it('went through IPC only: API calls as api:<method>, no HTTP API request, and the app quits cleanly', async () => {
    for (const channel of ['api:buckets.create', 'api:inbox.url', 'api:hooks.upsert', 'api:objects.createUpload', 'api:deliveries.list', 'api:deliveries.replay']) {
      expect(invoked).toContain(channel);
    }
    expect(front.requests.filter((r) => !r.startsWith('GET ') || r.includes('/_api') || r.includes('/_events'))).toEqual([]);
    const userData = join(appData, 'BucketHooks');
    expect(await app.quit()).toEqual({ code: 0, signal: null });
    expect(existsSync(join(userData, 'buckethooks.sqlite-wal'))).toBe(false);
  });
});
