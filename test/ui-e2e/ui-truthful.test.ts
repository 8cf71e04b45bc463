// The UI says only what is true, in Chromium: ten buckets all show their figures (and no Delete that would fail on
// a non-empty one); on a remote profile whose bucket has a local namesake every tab shows the remote's data or says
// it is not available there (Live, "Hooks for this key"), and the status bar names the profile and its endpoint; a
// replay the receiver refuses shows a failure (row and drawer), the log's Status column on screen at 900 px; a page
// left open across a rebuild of the UI (new chunk names, old ones gone) still navigates.
import { cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { s3ClientFor, startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/temp-dir';
import { ensureRendererBuilt, launchChromium, newDesktopPage, screensAtBothSizes, UI_DIR } from './ui-harness';

const KEYS = { accessKey: 'AKIATRUTHFULREMOTE', secretKey: 'truthful-remote-secret-0123456789abcdef' };
let uiDir: string;
let app: TestCore;
let remote: TestCore;
let broken: Receiver;
let browser: Browser;
let page: Page;

const option = (text: string | RegExp) => page.locator('.n-base-select-option', { hasText: text }).filter({ visible: true });
async function switchProfile(text: string | RegExp): Promise<void> {
  await page.getByLabel('Connection profile', { exact: true }).first().click();
  await option(text).first().click();
  await expect.poll(() => page.locator('.n-base-select-menu').filter({ visible: true }).count()).toBe(0);
  await page.getByRole('heading', { name: /^Buckets/ }).waitFor();
}

/** "Rebuild" the served UI as a second build does: every asset gets a new name, the old names are gone (404). */
function rebuildUi(dir: string): void {
  const assets = join(dir, 'assets');
  const names = readdirSync(assets);
  const renamed = new Map(names.map((n) => [n, n.replace(/(\.[a-z]+)$/, '-r2$1')]));
  for (const [from, to] of renamed) renameSync(join(assets, from), join(assets, to));
  for (const file of ['index.html', ...[...renamed.values()].filter((n) => /\.(js|css|html)$/.test(n)).map((n) => `assets/${n}`)]) {
    let text = readFileSync(join(dir, file), 'utf8');
    for (const [from, to] of renamed) text = text.replaceAll(from, to);
    writeFileSync(join(dir, file), text);
  }
}

beforeAll(async () => {
  ensureRendererBuilt();
  uiDir = tempDir('bh-ui-copy-');
  cpSync(UI_DIR, uiDir, { recursive: true });
  [app, remote, broken] = await Promise.all([
    startTestCore({}, { uiDir }), startTestCore({ ...KEYS }, { paused: true }), startReceiver({ behaviour: { status: 500, body: 'down' } }),
  ]);
  for (let i = 0; i < 10; i++) {
    const name = `fig-${String(i).padStart(2, '0')}`;
    await app.api['buckets.create']({ name });
    for (let n = 0; n <= i; n++) await app.s3.send(new PutObjectCommand({ Bucket: name, Key: `o${n}.txt`, Body: 'x'.repeat(n + 1) }));
  }
  await app.api['buckets.create']({ name: 'photos' });
  await app.api['hooks.upsert']({ bucket: 'photos', hook: { id: 'local-hook', events: ['s3:ObjectCreated:*'], url: broken.urlFor('/local') } });
  await app.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'local-only.txt', Body: 'here' }));
  await remote.api['buckets.create']({ name: 'photos' });
  const rs3 = s3ClientFor(remote.endpoint, KEYS);
  await rs3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'remote-only.txt', Body: 'there' }));
  rs3.destroy();
  await app.api['profiles.save']({ name: 'second', endpoint: remote.endpoint, region: 'ru-msk', ...KEYS, pathStyle: true, verifyTls: true });
  browser = await launchChromium();
  page = await newDesktopPage(browser, 20_000);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), remote?.stop(), broken?.close()]);
});

describe('the UI says only what is true', () => {
  it('ten buckets all show their figures', async () => {
    await page.goto(`${app.uiUrl}#/buckets`);
    const table = page.getByRole('table', { name: 'Buckets' }).or(page.locator('[aria-label=Buckets]')).first();
    await table.getByText('fig-09').waitFor();
    const objects = page.locator('td[data-col-key=objects]');
    await expect.poll(() => objects.allInnerTexts(), { timeout: 30_000 }).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '1']);
    expect(await page.getByRole('button', { name: 'Delete bucket fig-03 (not empty)' }).isDisabled()).toBe(true);
    await screensAtBothSizes(page, '70-buckets-figures');
  });

  it('a remote bucket with a local namesake shows only remote data in every tab', async () => {
    await switchProfile('second');
    const bar = page.getByRole('status', { name: 'Server status' });
    await expect.poll(() => bar.getByTestId('status-profile').innerText()).toContain('second');
    expect(await bar.getByTestId('status-endpoint').innerText()).toBe(`Endpoint: ${remote.endpoint}`);
    await page.goto(`${app.uiUrl}#/buckets/photos/objects`);
    await page.getByText('remote-only.txt').waitFor();
    expect(await page.getByText('local-only.txt').count()).toBe(0);
    await page.getByText('remote-only.txt').click();
    await page.getByText('Hooks for this key: not available on second').waitFor();
    expect(await page.getByText('local-hook').count()).toBe(0);
    await screensAtBothSizes(page, '71-remote-object-drawer');
    await page.keyboard.press('Escape');
    await page.goto(`${app.uiUrl}#/buckets/photos/webhooks`);
    await page.getByText(/Hooks of second/).waitFor();
    expect(await page.getByText('local-hook').count()).toBe(0);
    await page.goto(`${app.uiUrl}#/buckets/photos/live`);
    await page.getByText('Live: not available on second').waitFor();
    await app.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'local-later.txt', Body: 'here' }));
    await page.waitForTimeout(1000);
    expect(await page.getByText('local-later.txt').count()).toBe(0);
    expect(await page.getByText('local-only.txt').count()).toBe(0);
    await screensAtBothSizes(page, '72-remote-live');
    await switchProfile('This computer');
    expect(await bar.getByTestId('status-endpoint').innerText()).toBe(`S3 endpoint: ${app.endpoint}`);
  });

  it('a replay the receiver refuses shows a failure, in the log and in the drawer', async () => {
    await page.goto(`${app.uiUrl}#/deliveries`);
    const replay = page.getByRole('button', { name: /^Replay delivery \d+$/ }).first();
    await replay.click();
    await page.getByText('Replay failed: HTTP 500').first().waitFor();
    expect(await page.getByText(/^Replayed/).count()).toBe(0);
    await page.setViewportSize({ width: 900, height: 700 });
    await expect.poll(() => page.locator('td[data-col-key=status]').first().isVisible()).toBe(true);
    const box = (await page.locator('td[data-col-key=status]').first().boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(900);
    await page.setViewportSize({ width: 1280, height: 800 });
    await screensAtBothSizes(page, '73-replay-refused');
    await page.locator('td[data-col-key=key]').getByText('local-only.txt').first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Replay', exact: true }).click();
    await page.getByTestId('replay-outcome').getByText('Replay failed: HTTP 500').waitFor();
    await screensAtBothSizes(page, '74-replay-refused-drawer');
  });

  it('a page open across a rebuild of the UI still navigates', async () => {
    await page.goto(`${app.uiUrl}#/buckets`);
    await page.getByRole('heading', { name: /^Buckets/ }).waitFor();
    let loads = 0;
    page.on('load', () => { loads++; });
    rebuildUi(uiDir);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(loads).toBe(1);
    expect(page.url()).toMatch(/#\/settings$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: /^Inbox/ }).waitFor();
  });
});
