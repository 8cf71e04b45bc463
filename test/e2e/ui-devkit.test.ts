// The developer-kit screens in real Chromium against a real core: the bucket's Live view shows each change as it
// commits (prefix filter, pause), the object details drawer says why each hook fired or not for the key and follows
// its next change, and the hook dialog's Realism section sets a hook's realism, whose effects the delivery drawer
// shows on each attempt. Screenshots at 1280x800 and 900x700, light and dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startTestCore, type TestCore } from '../helpers/core';
import { ensureRendererBuilt, launchChromium, screenshot, UI_DIR } from './ui-harness';

let core: TestCore;
let browser: Browser;
let page: Page;

const put = (key: string, body = 'meow') => core.s3.send(new PutObjectCommand({ Bucket: 'media', Key: key, Body: body }));

/** Screenshots of the page at both sizes and themes. */
async function screens(name: string): Promise<void> {
  for (const [width, height] of [[1280, 800], [900, 700]]) {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `${name}-${width}-${scheme}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

beforeAll(async () => {
  ensureRendererBuilt();
  core = await startTestCore({}, { uiDir: UI_DIR });
  await core.api['buckets.create']({ name: 'media' });
  const url = `${core.endpoint}/_inbox/media`;
  await core.api['hooks.upsert']({ bucket: 'media', hook: { id: 'thumbnails', events: ['s3:ObjectCreated:*'], url, prefix: 'images/' } });
  await core.api['hooks.upsert']({ bucket: 'media', hook: { id: 'cleanup', events: ['s3:ObjectRemoved:*'], url } });
  await core.api['hooks.upsert']({ bucket: 'media', hook: { id: 'audit', events: ['s3:ObjectCreated:Put'], url, prefix: 'logs/' } });
  await core.api['hooks.setState']({ bucket: 'media', id: 'audit', state: 'paused' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(10_000);
});
afterAll(async () => {
  await browser?.close();
  await core?.stop();
});

describe('the Live view of a bucket', () => {
  it('shows each change as it commits, with what its hooks did; the prefix filters and pause holds the list', async () => {
    await page.goto(`${core.uiUrl}#/buckets/media/live`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Listening');
    await put('images/cat one.jpg');
    await put('docs/readme.txt');
    await put('logs/server.log');
    const rows = page.locator('section[aria-label="Live changes"] tbody tr.row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toMatch(/ObjectCreated:Put.*logs\/server\.log.*thumbnails: skipped.*cleanup: skipped.*audit: held/);
    expect(await rows.nth(2).textContent()).toMatch(/images\/cat one\.jpg.*thumbnails: fired/);
    await rows.nth(1).click();
    await expect.poll(() => page.locator('section[aria-label="Live changes"]').textContent())
      .toContain('prefix images/ does not match the key "docs/readme.txt"');
    await screens('devkit-live');
    await page.getByLabel('Key prefix').fill('images/');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('button', { name: 'Pause' }).click();
    await put('images/dog.jpg');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Paused: 1 change(s) not shown');
    expect(await rows.count()).toBe(1);
    await page.getByRole('button', { name: 'Resume' }).click();
    await put('images/bird.jpg');
    await expect.poll(() => rows.count()).toBe(2);
  });
});

describe('the object details drawer', () => {
  it("says why each hook fired or not for the key, and follows the key's next change", async () => {
    await page.goto(`${core.uiUrl}#/buckets/media/objects`);
    await page.getByRole('button', { name: 'Open folder logs/' }).click();
    await page.getByRole('button', { name: 'Details of logs/server.log' }).click();
    const trace = page.getByRole('region', { name: "Why did or didn't my hooks fire?" });
    await expect.poll(() => trace.textContent()).toContain('Last change: s3:ObjectCreated:Put');
    const text = await trace.textContent();
    expect(text).toContain('thumbnailsskippedprefix images/ does not match the key "logs/server.log"');
    expect(text).toContain('cleanupskippedevent s3:ObjectCreated:Put is not subscribed (the hook listens to s3:ObjectRemoved:*)');
    expect(text).toContain('auditheldthe hook is paused (delivered when it is resumed)');
    await screens('devkit-trace');
    await put('logs/server.log', 'again');
    await expect.poll(() => trace.textContent()).toContain('1 earlier change(s)');
  });
});

describe('realism in the hook dialog and the delivery log', () => {
  it('sets custom realism on a hook; its effects are marked on the attempts in the delivery drawer', async () => {
    await page.goto(`${core.uiUrl}#/buckets/media/webhooks`);
    await page.getByRole('button', { name: 'Edit cleanup' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit hook' });
    await dialog.getByText('Realism', { exact: true }).click();
    await dialog.getByText('Server default (off)').waitFor();
    await dialog.getByText('Custom', { exact: true }).click();
    await dialog.getByLabel('Duplicates (%)').fill('100');
    await dialog.getByLabel('Reorder window (ms)').fill('200');
    await dialog.getByLabel('Seed').fill('42');
    await dialog.getByLabel('Seed').blur();
    await screens('devkit-realism-dialog');
    await dialog.getByRole('button', { name: 'Save hook' }).click();
    await expect.poll(async () => (await core.api['hooks.list']({ bucket: 'media' })).find((h) => h.id === 'cleanup')?.realism)
      .toMatchObject({ seed: 42, duplicateRate: 1, reorderWindowMs: 200, batchSize: 1, breakKeyOrder: false });

    await core.s3.send(new DeleteObjectCommand({ Bucket: 'media', Key: 'docs/readme.txt' }));
    await expect.poll(async () => (await core.api['deliveries.list']({ filter: { bucket: 'media', hookId: 'cleanup' } })).items[0]?.attempts).toBe(2);
    await page.goto(`${core.uiUrl}#/deliveries`);
    await page.getByLabel(/^Delivery \d+ docs\/readme\.txt delivered/).click();
    const attempts = page.locator('.n-timeline[aria-label="Attempts"]');
    await expect.poll(() => attempts.textContent()).toContain('realism: duplicate of the attempt before');
    expect(await attempts.textContent()).toMatch(/#2 duplicate/);
    expect(await attempts.textContent()).toMatch(/realism: held \d+ ms \(reorder window\)|#1 initial/);
    await screens('devkit-realism-drawer');
  });
});

