// The flows a person relies on, in real Chromium against a real core: the open delivery drawer follows attempts live,
// New folder + upload (files and a whole folder) put objects under the folder, the Add hook dialog names the hook an
// overlap clashes with, and the UI URL keeps working across a restart (while a rotated token retires it).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { ensureRendererBuilt, launchChromium, newDesktopPage, screenshot, UI_DIR } from './ui-harness';
import './ui-matchers';
import { tempDir } from '../helpers/temp-dir';
import { freePort } from '../helpers/ports';

let core: TestCore;
let browser: Browser;
let page: Page;
let dataDir: string;
let port: number;
const BUCKET = 'flows';

const start = () => startTestCore({ dataDir, port }, { uiDir: UI_DIR });

beforeAll(async () => {
  ensureRendererBuilt();
  dataDir = tempDir('bh-flows-');
  port = await freePort();
  core = await start();
  await core.api['buckets.create']({ name: BUCKET });
  browser = await launchChromium();
  page = await newDesktopPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await core?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the delivery drawer', () => {
  it('shows each new attempt while it stays open, with the next try, the outcome, or why it gave up', async () => {
    const { url } = await core.api['inbox.url']({ name: 'flaky' });
    await core.api['inbox.setFailure']({ name: 'flaky', status: 503 });
    await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: 'retrying', events: ['s3:ObjectCreated:*'], url, prefix: 'retry/', retrySchedule: [60_000, 60_000, 60_000] } });
    await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: 'once', events: ['s3:ObjectCreated:*'], url, prefix: 'once/', retrySchedule: [] } });
    await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'retry/one.txt', Body: '1' }));
    const first = async () => (await core.api['deliveries.list']({ filter: { keyPrefix: 'retry/' } })).items[0];
    await expect.poll(async () => (await first())?.attempts).toBe(1);
    await page.goto(`${core.uiUrl}#/deliveries`);
    await page.getByLabel(/^Delivery \d+ retry\/one\.txt pending after 1 attempts/).click();
    const drawer = page.getByRole('dialog').filter({ hasText: 'retry/one.txt' });
    const outlook = drawer.getByTestId('retry-outlook');
    await expect.poll(() => outlook.textContent()).toMatch(/^Next try in (\d+ s|1 min) \(attempt 2 of 4\), at /);
    await drawer.getByText('#1 initial — 503', { exact: false }).waitFor();
    expect(await drawer.getByText(/^#\d /).count()).toBe(1);
    await screenshot(page, 'flows-01-drawer-next-try');
    const { id } = await first();
    await core.api['deliveries.replay']({ id });
    await expect(drawer.getByText('#2 replay — 503', { exact: false })).toBeVisible();
    await core.api['inbox.setFailure']({ name: 'flaky', status: null });
    await core.api['deliveries.replay']({ id });
    await expect(drawer.getByText('#3 replay — 200', { exact: false })).toBeVisible();
    await expect.poll(() => outlook.textContent()).toBe('Delivered after 3 attempts.');
    await screenshot(page, 'flows-02-drawer-delivered-live');
    await page.keyboard.press('Escape');

    await core.api['inbox.setFailure']({ name: 'flaky', status: 503 });
    await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'once/two.txt', Body: '2' }));
    await expect.poll(async () => (await core.api['deliveries.list']({ filter: { keyPrefix: 'once/' } })).items[0]?.status).toBe('failed');
    await page.reload();
    await page.getByLabel(/^Delivery \d+ once\/two\.txt failed/).click();
    await expect.poll(() => page.getByRole('dialog').filter({ hasText: 'once/two.txt' }).getByTestId('retry-outlook').textContent())
      .toBe('Gave up: its only attempt failed (the retry policy has no retries). Replay sends it once more.');
    await screenshot(page, 'flows-02b-drawer-gave-up');
    await page.keyboard.press('Escape');
    await core.api['hooks.delete']({ bucket: BUCKET, ids: ['retrying', 'once'] });
  });
});

describe('folders', () => {
  it('creates a folder and uploads files and a whole folder into it', async () => {
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/objects`);
    await page.getByRole('button', { name: 'New folder' }).click();
    const ask = page.getByRole('dialog', { name: 'New folder' });
    await ask.getByLabel('Folder name').fill('a/b');
    await expect(ask.getByText('A folder name cannot contain "/"', { exact: false })).toBeVisible();
    await ask.getByLabel('Folder name').fill('reports');
    await ask.getByRole('button', { name: 'Create folder' }).click();
    await expect(page.getByRole('navigation', { name: 'Folder' }).getByText('reports')).toBeVisible();
    await expect(page.getByText('This folder is empty.')).toBeVisible();
    await page.locator('[data-testid=upload-input]').setInputFiles({ name: 'q1.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b') });
    await page.getByRole('button', { name: 'q1.csv', exact: true }).waitFor();
    const local = join(dataDir, '..', `bh-upload-${process.pid}`, 'photos');
    mkdirSync(join(local, '2024'), { recursive: true });
    writeFileSync(join(local, 'cover.jpg'), 'jpg');
    writeFileSync(join(local, '2024', 'beach.jpg'), 'beach');
    await page.locator('[data-testid=upload-folder-input]').setInputFiles(local);
    await page.getByRole('button', { name: 'Open folder photos/' }).waitFor();
    rmSync(join(local, '..'), { recursive: true, force: true });
    await screenshot(page, 'flows-03-folder-upload');
    const keys = async (prefix: string) => {
      const out = await core.api['objects.list']({ bucket: BUCKET, prefix });
      return [...out.folders, ...out.objects.map((o) => o.key)];
    };
    expect(await keys('')).toContain('reports/');
    expect(await keys('')).not.toContain('q1.csv');
    expect(await keys('reports/')).toEqual(['reports/photos/', 'reports/', 'reports/q1.csv']);
    expect(await keys('reports/photos/')).toEqual(['reports/photos/2024/', 'reports/photos/cover.jpg']);
    expect(await keys('reports/photos/2024/')).toEqual(['reports/photos/2024/beach.jpg']);
  });

  it('opens the folder a search names and uploads into it', async () => {
    await page.getByRole('navigation', { name: 'Folder' }).getByText(BUCKET).click();
    await page.getByLabel('Search by prefix').fill('reports/photos/');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'cover.jpg', exact: true }).waitFor();
    await page.locator('[data-testid=upload-input]').setInputFiles({ name: 'back.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('b') });
    await page.getByRole('button', { name: 'back.jpg', exact: true }).waitFor();
    expect((await core.api['objects.head']({ bucket: BUCKET, key: 'reports/photos/back.jpg' })).size).toBe(1);
  });
});

describe('the Add hook dialog', () => {
  it('names the hook an overlap clashes with, and the prefix it offers fixes it', async () => {
    const { url } = await core.api['inbox.url']({ name: BUCKET });
    await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: 'images', events: ['s3:ObjectCreated:*'], url, prefix: 'images/' } });
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add hook' });
    await dialog.getByLabel('ID').fill('second');
    await dialog.getByLabel('Filter prefix').fill('images/2024/');
    await dialog.getByRole('button', { name: 'Use built-in inbox' }).click();
    await expect.poll(() => dialog.getByLabel('URL').inputValue()).toContain('/_inbox/');
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert.getByText('Hook "images" already receives ObjectCreated:* events for the same keys (its prefix: "images/"', { exact: false })).toBeVisible();
    expect(await alert.textContent()).toContain('choose another event, or a prefix or suffix that "images" does not cover');
    await screenshot(page, 'flows-04-overlap');
    await alert.getByRole('button', { name: 'Set a prefix' }).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('thumbs/');
    expect(await dialog.getByLabel('Filter prefix').inputValue()).toBe('thumbs/');
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await core.api['hooks.list']({ bucket: BUCKET })).map((h) => [h.id, h.prefix])).toContainEqual(['second', 'thumbs/']);
  });
});

describe('the UI URL', () => {
  it('still works after a restart, and stops working once the token is rotated', async () => {
    const before = core.uiUrl;
    await page.goto(`${before}#/buckets`);
    await page.getByRole('link', { name: BUCKET }).waitFor();
    await core.stop();
    core = await start();
    expect(core.uiUrl).toBe(before);
    await page.reload();
    await page.getByRole('link', { name: BUCKET }).waitFor();
    expect(await page.getByText('This UI link is not valid any more').count()).toBe(0);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText(before, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Rotate token' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate token' }).click();
    const oldToken = new URL(before).searchParams.get('token');
    await page.waitForURL((u) => u.searchParams.get('token') !== oldToken);
    expect(core.uiUrl).not.toBe(before);
    expect(page.url()).toBe(`${core.uiUrl}#/settings`);
    await page.getByText(core.uiUrl, { exact: true }).waitFor();
    await page.goto(`${before}#/buckets`);
    await expect(page.getByText('This UI link is not valid any more')).toBeVisible();
    expect(await page.getByRole('alert').textContent()).toContain('buckethooks status --data-dir');
    await screenshot(page, 'flows-05-stale-token');
  });
});
