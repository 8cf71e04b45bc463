// The developer-kit screens in real Chromium against a real core: the bucket's Live view shows each change as it
// commits (prefix filter, pause), the object details drawer says why each hook fired or not for the key and follows
// its next change, and the hook dialog's Realism section sets a hook's realism, whose effects the delivery drawer
// shows on each attempt, and "Send events for existing objects" on a hook row runs a backfill with a progress bar that
// Cancel stops. Screenshots at 1280x800 and 900x700, light and dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { clickUntil, ensureRendererBuilt, launchChromium, newDesktopPage, screensAtBothSizes, UI_DIR } from './ui-harness';

let core: TestCore;
let browser: Browser;
let page: Page;
let slowReceiver: Receiver;

const put = (key: string, body = 'meow') => core.s3.send(new PutObjectCommand({ Bucket: 'media', Key: key, Body: body }));

/** Screenshots of the page at both sizes and themes. */
const screens = (name: string) => screensAtBothSizes(page, name);

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
  page = await newDesktopPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await core?.stop();
  await slowReceiver?.close();
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
    await clickUntil(dialog.getByText('Custom', { exact: true }), () => dialog.getByLabel('Duplicates (%)').waitFor({ timeout: 1000 }));
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


describe('backfill from the Webhooks tab', () => {
  /** Objects written straight through the core's storage (as PUTs commit them), before any hook of the bucket. */
  async function seed(bucket: string, keys: string[]): Promise<void> {
    const ctx = { requestId: 'seed', hostId: 'seed', sourceIp: '127.0.0.1', principalId: 'seed' };
    await Promise.all(keys.map((key) => core.storage.putObject({
      bucket, key, source: Readable.from([Buffer.from('old')]), meta: {}, algorithms: [], eventName: 's3:ObjectCreated:Put', ctx,
    })));
  }
  const numbered = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
  const job = (hookId: string) => page.getByRole('region', { name: 'Backfills' }).getByLabel(`Backfill to ${hookId}`, { exact: true });
  const count = (text: string | null, what: RegExp) => Number(what.exec(text ?? '')?.[1].replace(/,/g, '') ?? NaN);

  it('sends events for existing objects with a progress bar; Cancel stops it', async () => {
    slowReceiver = await startReceiver({ behaviour: { status: 200, body: 'ok', delayMs: 200 } });
    await core.api['buckets.create']({ name: 'archive' });
    await seed('archive', [...numbered('docs/', 40), ...numbered('logs/', 3000)]);
    await core.api['hooks.upsert']({ bucket: 'archive', hook: { id: 'cleanup', events: ['s3:ObjectRemoved:*'], url: `${core.endpoint}/_inbox/archive` } });
    await core.api['hooks.upsert']({ bucket: 'archive', hook: { id: 'indexer', events: ['s3:ObjectCreated:*'], url: `${core.endpoint}/_inbox/archive`, prefix: 'docs/' } });
    await core.api['hooks.upsert']({ bucket: 'archive', hook: { id: 'slow-sink', events: ['s3:ObjectCreated:Put'], url: slowReceiver.url, prefix: 'logs/' } });
    await page.goto(`${core.uiUrl}#/buckets/archive/webhooks`);

    await page.getByRole('button', { name: 'Send events for existing objects…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send events for existing objects' });
    await expect.poll(() => dialog.textContent()).toContain('Hook indexer gets one s3:ObjectCreated:Put event for every object now in archive that matches its prefix docs/');
    await dialog.getByLabel('Backfill key prefix').fill('docs/001');
    await screens('devkit-backfill-dialog');
    await dialog.getByRole('button', { name: 'Send events' }).click();
    await expect.poll(() => job('indexer').textContent()).toContain('Backfill to indexer (keys starting with docs/001) done');
    expect(await job('indexer').textContent()).toContain('10 of 10 sent · 10 delivered · 0 failed');
    expect((await core.api['inbox.list']({})).find((b) => b.name === 'archive')?.count).toBe(10);

    await page.getByRole('row', { name: /slow-sink/ }).getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Send events for existing objects…' }).click();
    await expect.poll(() => dialog.textContent()).toContain('Hook slow-sink gets one');
    await dialog.getByRole('button', { name: 'Send events' }).click();
    await expect.poll(() => job('slow-sink').textContent(), { timeout: 30_000 }).toMatch(/[1-9][\d,]* of 3,000 sent/);
    await screens('devkit-backfill-progress');
    await job('slow-sink').getByRole('button', { name: 'Cancel backfill' }).click();
    await expect.poll(() => job('slow-sink').textContent(), { timeout: 30_000 }).toContain('Backfill to slow-sink cancelled');
    const text = await job('slow-sink').textContent();
    const [delivered, failed, dropped, neverQueued] = [/([\d,]+) delivered/, /([\d,]+) failed/, /([\d,]+) dropped/, /([\d,]+) never queued/]
      .map((what) => count(text, what));
    expect(neverQueued).toBeGreaterThan(0);
    expect(await core.api['deliveries.count']({ filter: { bucket: 'archive', hookId: 'slow-sink' } })).toEqual({ pending: 0, delivered, failed: failed + dropped });
    expect(slowReceiver.received.length).toBe(delivered);
    await screens('devkit-backfill-cancelled');
    await job('slow-sink').getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => job('slow-sink').count()).toBe(0);
  });
});
