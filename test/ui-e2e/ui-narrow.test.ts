// The UI in a 900x700 window in real Chromium: every action of the Webhooks tab and the Delivery log is visible
// inside the window and clickable (sticky action columns, horizontal scroll), cut values are readable on hover and
// copyable, a long error folds to one line with "more"; then a screenshot of every screen at 1280x800 and 900x700,
// light and dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { clickUntil, ensureRendererBuilt, launchChromium, screenshot, UI_DIR } from './ui-harness';
import './ui-matchers';

let core: TestCore;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const BUCKET = 'photos-archive-2024';
const HOOK = 'thumbnail-generator-production-eu';
const BROKEN = 'unresolvable-receiver';
const BAD_HOST = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.invalid`;
let longUrl = '';

beforeAll(async () => {
  ensureRendererBuilt();
  core = await startTestCore({}, { uiDir: UI_DIR });
  await core.api['buckets.create']({ name: BUCKET });
  longUrl = `${(await core.api['inbox.url']({ name: 'thumbnails' })).url}?tenant=acme-corporation&region=eu-central&trace=on`;
  await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: HOOK, events: ['s3:ObjectCreated:*'], url: longUrl, prefix: 'images/' } });
  await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: BROKEN, events: ['s3:ObjectCreated:*'], url: `http://${BAD_HOST}/hook`, prefix: 'docs/', retrySchedule: [] } });
  await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'images/2024/summer/beach-panorama-high-resolution.jpg', Body: 'jpg' }));
  await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'docs/readme.txt', Body: 'txt' }));
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 900, height: 700 }, permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await core?.stop();
});

const hookRow = (id: string) => page.locator('tr', { has: page.locator('td[data-col-key=id]').getByText(id, { exact: true }) });
const deliveryRow = (key: string) => page.getByLabel(new RegExp(`^Delivery \\d+ ${key.replace(/[./]/g, '\\$&')}( |$)`));

describe('a 900 px window', () => {
  it('reaches every action of a hook row inside the window', async () => {
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
    const row = hookRow(HOOK);
    for (const name of [`Edit ${HOOK}`, `Pause ${HOOK}`, `Send test event to ${HOOK}`, `Delete ${HOOK}`]) {
      await expect(row.getByRole('button', { name })).toBeVisible();
      await expect(row.getByRole('button', { name })).toBeInViewport();
    }
    await row.getByRole('button', { name: `Edit ${HOOK}` }).click();
    await page.getByRole('dialog', { name: 'Edit hook' }).getByRole('button', { name: 'Cancel' }).click();
    await row.getByRole('button', { name: `Pause ${HOOK}` }).click();
    await expect(row.getByRole('button', { name: `Resume ${HOOK}` })).toBeInViewport();
    await row.getByRole('button', { name: `Resume ${HOOK}` }).click();
    await expect(row.getByRole('button', { name: `Pause ${HOOK}` })).toBeVisible();
    await row.getByRole('button', { name: `Send test event to ${HOOK}` }).click();
    await expect(page.getByText('Test event queued')).toBeVisible();
    await row.getByRole('button', { name: `Delete ${HOOK}` }).click();
    await page.getByRole('dialog').filter({ hasText: `Delete the hook "${HOOK}"?` }).getByRole('button', { name: 'Cancel' }).click();
    for (const name of ['Add', 'Export XML', 'Import XML', 'Refresh hooks']) await expect(page.getByRole('button', { name, exact: true })).toBeInViewport();
    expect((await core.api['hooks.list']({ bucket: BUCKET })).map((h) => [h.id, h.state])).toEqual([[HOOK, 'active'], [BROKEN, 'active']]);
  });

  it('shows a cut URL in full on hover and copies it', async () => {
    const cell = hookRow(HOOK).locator('td[data-col-key=url]');
    expect(await cell.locator('.value').evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await cell.locator('.value').hover();
    await expect(page.locator('.n-popover').getByText(longUrl, { exact: true })).toBeVisible();
    await screenshot(page, 'narrow-01-webhooks-hover-900-light');
    await cell.getByRole('button', { name: `Copy URL of ${HOOK}` }).click();
    await expect(page.getByText(`URL of ${HOOK} copied`)).toBeVisible();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(longUrl);
  });

  it('reaches Replay on each delivery and the bulk replay, and keeps a long error to one line', async () => {
    await page.goto(`${core.uiUrl}#/deliveries`);
    await deliveryRow('docs/readme.txt failed').waitFor();
    const last = deliveryRow('docs/readme.txt').locator('td[data-col-key=lastStatus] .value');
    expect((await last.boundingBox())!.height).toBeLessThan(30);
    await last.hover();
    await expect(page.locator('.n-popover').getByText(new RegExp(`ENOTFOUND ${BAD_HOST}`))).toBeVisible();
    for (const key of ['docs/readme.txt', 'images/2024/summer/beach-panorama-high-resolution.jpg']) {
      const replay = deliveryRow(key).getByRole('button', { name: /^Replay delivery \d+$/ });
      await expect(replay).toBeVisible();
      await expect(replay).toBeInViewport();
    }
    await deliveryRow('images/2024/summer/beach-panorama-high-resolution.jpg').getByRole('button', { name: /^Replay delivery/ }).click();
    await expect(page.getByText('Replayed: HTTP 200', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Replay \d+ matching…$/ })).toBeInViewport();
    await page.getByRole('button', { name: /^Replay \d+ matching…$/ }).click();
    const bulk = page.getByRole('dialog', { name: 'Replay deliveries' });
    await clickUntil(bulk.getByRole('button', { name: 'Cancel' }), () => bulk.waitFor({ state: 'hidden', timeout: 1000 }));
    for (const label of ['Filter by bucket', 'Filter by hook', 'Filter by key prefix']) await expect(page.getByLabel(label)).toBeInViewport();
    await deliveryRow('docs/readme.txt').click();
    const drawer = page.getByRole('dialog').filter({ hasText: 'docs/readme.txt' });
    const error = drawer.locator('.clamped').first();
    await expect(error.getByRole('button', { name: 'more' })).toBeVisible();
    const folded = (await error.boundingBox())!.height;
    await error.getByRole('button', { name: 'more' }).click();
    await expect(error.getByRole('button', { name: 'less' })).toBeVisible();
    expect(await error.textContent()).toContain(BAD_HOST);
    expect((await error.boundingBox())!.height).toBeGreaterThan(folded * 2);
    expect(folded).toBeLessThan(30);
    await screenshot(page, 'narrow-02-drawer-error-900-light');
    await page.keyboard.press('Escape');
  });
});

describe('every screen at both sizes and both themes', () => {
  const screens: [string, string][] = [
    ['buckets', '#/buckets'], ['objects', `#/buckets/${BUCKET}/objects`], ['webhooks', `#/buckets/${BUCKET}/webhooks`],
    ['deliveries', '#/deliveries'], ['deliveries-failed', '#/deliveries?status=failed'], ['inbox', '#/inbox'], ['settings', '#/settings'],
  ];
  it.each([[1280, 800], [900, 700]])('at %ix%i', async (width, height) => {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, hash] of screens) {
        await page.goto(`${core.uiUrl}${hash}`);
        await page.getByText('S3 endpoint:').first().waitFor();
        await screenshot(page, `screen-${name}-${width}-${scheme}`);
      }
      await page.goto(`${core.uiUrl}#/deliveries`);
      await deliveryRow('docs/readme.txt').click();
      await screenshot(page, `screen-delivery-drawer-${width}-${scheme}`);
    }
    expect(await page.getByText('Missing or wrong token').count()).toBe(0);
  });
});
