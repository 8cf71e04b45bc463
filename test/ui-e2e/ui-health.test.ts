// Hook health in real Chromium: the Webhooks tab shows each hook's health in a column, a hook that suspended itself
// as "suspended" with its reason, and a row expands to its figures and last-hour chart; the Delivery log's histogram
// of the filtered rows is brushed with the mouse to set the time filter. Screenshots at 1280 and 900 px, light/dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { ensureRendererBuilt, launchChromium, newDesktopPage, screensAtBothSizes, UI_DIR } from './ui-harness';
import './ui-matchers';

let core: TestCore;
let browser: Browser;
let page: Page;
let receiver: Receiver | undefined;
let receiverUrl = '';
const BUCKET = 'photos';

/** A receiver answering 500 to every third POST, after 5–40 ms. */
async function flaky(): Promise<string> {
  receiver = await startReceiver();
  let n = 0;
  receiver.behave(() => { const i = n++; return { status: i % 3 === 0 ? 500 : 200, delayMs: 5 + ((i * 13) % 35) }; });
  receiverUrl = receiver.url;
  return receiverUrl;
}

/** Wait (up to 20 s) for `ok` to hold; expect.poll only runs inside tests. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!ok()) throw new Error(`still not true: ${ok.toString()}`);
}

beforeAll(async () => {
  ensureRendererBuilt();
  core = await startTestCore({}, { uiDir: UI_DIR });
  await core.api['buckets.create']({ name: BUCKET });
  await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: 'thumbnails', events: ['s3:ObjectCreated:*'], url: await flaky(), prefix: 'images/', retrySchedule: Array(8).fill(30) } });
  await core.api['hooks.upsert']({
    bucket: BUCKET,
    hook: { id: 'archiver', events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:9/archive', prefix: 'docs/', retrySchedule: Array(10).fill(30), health: { suspendAfterFailures: 3 } },
  });
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 8; i++) await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `images/${round}-${i}.jpg`, Body: 'x' }));
    await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `docs/${round}.txt`, Body: 'x' }));
    await new Promise((resolve) => setTimeout(resolve, 1100));
  }
  await until(() => core.delivery.count({ bucket: BUCKET, hookId: 'thumbnails' }).delivered === 24);
  await until(() => core.notifications.getHook(BUCKET, 'archiver').state === 'paused');
  browser = await launchChromium();
  page = await newDesktopPage(browser, 30_000); // the chart chunk (ECharts) parses slowly on a loaded machine
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await core?.stop();
  await receiver?.close();
});

const hookRow = (id: string) => page.locator('tr', { has: page.locator('td[data-col-key=id]').getByText(id, { exact: true }) });

describe('hook health on the Webhooks tab', () => {
  it('sums up each hook, shows a suspended hook with its reason, and expands to figures and a chart', async () => {
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
    const thumbs = hookRow('thumbnails');
    const summary = thumbs.locator('td[data-col-key=lastDelivery] .health-sum');
    await summary.getByText(/pending/).waitFor();
    expect(await summary.innerText()).toMatch(/^\d+% ok · p95 \d+ ms · 0 pending$/);
    const archiver = hookRow('archiver');
    await expect(archiver.getByText('suspended', { exact: true })).toBeVisible();
    await expect(archiver.getByText(/^3 failures in a row: connection refused \(connect ECONNREFUSED 127\.0\.0\.1:9\)$/)).toBeVisible();
    await archiver.locator('.n-data-table-expand-trigger').click();
    const panel = page.getByRole('region', { name: 'Health of archiver' });
    await expect(panel.getByText('archiver paused itself')).toBeVisible();
    await expect(panel.getByText('Pending', { exact: true })).toBeVisible();
    await thumbs.locator('.n-data-table-expand-trigger').click();
    await page.getByRole('img', { name: /Deliveries per minute and latency of thumbnails/ }).locator('canvas').waitFor();
    const thumbsPanel = page.getByRole('region', { name: 'Health of thumbnails' });
    await expect(thumbsPanel.getByText(/^24 delivered · 0 failed · \d+ retried$/).first()).toBeVisible();
    await expect(thumbsPanel.getByRole('img', { name: /Deliveries per minute and latency of thumbnails/ }).locator('canvas')).toBeVisible();
    await screensAtBothSizes(page, 'health-01-webhooks', async () => { await thumbsPanel.scrollIntoViewIfNeeded(); });

    // Point the hook at a receiver that answers, then Resume from the panel: its pending events are delivered.
    await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: 'archiver', events: ['s3:ObjectCreated:*'], url: receiverUrl, prefix: 'docs/' } });
    await panel.getByRole('button', { name: 'Resume archiver from its health panel' }).click();
    await expect(archiver.getByText('active', { exact: true })).toBeVisible();
    expect(core.notifications.getHook(BUCKET, 'archiver')).toMatchObject({ state: 'active', stateReason: null });
    await expect.poll(() => core.delivery.count({ bucket: BUCKET, hookId: 'archiver' }).pending, { timeout: 15_000 }).toBe(0);
  }, 180_000);
});

describe('the Delivery log histogram', () => {
  it('shows the filtered rows over time, and brushing it sets the time filter', async () => {
    await page.goto(`${core.uiUrl}#/deliveries?bucket=${BUCKET}&hook=thumbnails`);
    const histogram = page.getByRole('group', { name: 'Deliveries over time' });
    await histogram.getByText(/^24 deliveries over time/).waitFor();
    await expect(histogram.getByText('24 deliveries over time — drag across the chart to filter by time')).toBeVisible();
    await screensAtBothSizes(page, 'health-02-delivery-log');
    const canvas = histogram.locator('canvas').first();
    const box = (await canvas.boundingBox())!;
    // Drag over the left part of the plot: the first bins (the first round of PUTs) become the time filter.
    await page.mouse.move(box.x + 45, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 45 + (box.width - 57) * 0.3, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => new URL(page.url().replace('#', '')).searchParams.has('since'), { timeout: 15_000 }).toBe(true);
    const url = new URL(page.url().replace('#', ''));
    const since = Date.parse(url.searchParams.get('since')!);
    const until = Date.parse(url.searchParams.get('until')!);
    expect(until).toBeGreaterThan(since);
    const inRange = core.delivery.count({ bucket: BUCKET, hookId: 'thumbnails', since, until });
    expect(inRange.delivered).toBeGreaterThan(0);
    expect(inRange.delivered).toBeLessThan(24);
    await histogram.getByText(`${inRange.delivered} deliveries over time — drag across the chart to filter by time`).waitFor();
    await screensAtBothSizes(page, 'health-03-delivery-log-brushed');
    await histogram.getByRole('button', { name: 'Whole range' }).click();
    await histogram.getByText('24 deliveries over time — drag across the chart to filter by time').waitFor();
    expect(new URL(page.url().replace('#', '')).searchParams.has('since')).toBe(false);
  }, 180_000);
});
