// End to end in Chromium: the Webhooks tab's actions (edit, pause/resume, "Send test event", "Export XML",
// "Import XML" with a readable error, bulk delete with confirmation), the live "Last delivery" column, the
// Inbox screen (URLs, captures newest first, fail switch) and saving settings. One core and one browser.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { signedRequest } from '../notifications/notifications-signed';
import { ensureRendererBuilt, launchChromium, screenshot, UI_DIR } from './ui-harness';

let core: TestCore;
let browser: Browser;
let page: Page;
const BUCKET = 'media';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const hookRow = (id: string): Locator => page.locator('tr', { has: page.locator('td[data-col-key=id]').getByText(id, { exact: true }) });
const hooks = async () => (await core.api['hooks.list']({ bucket: BUCKET })).map((h) => [h.id, h.state, h.prefix]);

beforeAll(async () => {
  ensureRendererBuilt();
  core = await startTestCore({}, { uiDir: UI_DIR });
  await core.api['buckets.create']({ name: BUCKET });
  const { url } = await core.api['inbox.url']({ name: BUCKET });
  const other = (await core.api['inbox.url']({ name: 'other' })).url;
  for (const [id, to] of [['alpha', url], ['beta', other], ['gamma', other]]) {
    await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id, events: [id === 'alpha' ? 's3:ObjectCreated:*' : 's3:ObjectRemoved:*'], url: to, prefix: id === 'alpha' ? '' : `${id}/` } });
  }
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 860 }, acceptDownloads: true });
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await core?.stop();
});

describe('the Webhooks tab and the Inbox screen in Chromium', () => {
  it('updates "Last delivery" live when an object is delivered', async () => {
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
    await hookRow('alpha').waitFor();
    expect(await hookRow('alpha').textContent()).not.toContain('delivered');
    await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'first.txt', Body: '1' }));
    await expect.poll(() => hookRow('alpha').textContent()).toContain('delivered 200');
    await screenshot(page, '11-webhooks-live-last-delivery');
  });

  it('edits a hook through the "Edit hook" dialog', async () => {
    await page.getByRole('button', { name: 'Edit alpha' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit hook' });
    expect(await dialog.getByLabel('ID').inputValue()).toBe('alpha');
    await dialog.getByLabel('Filter prefix').fill('img/');
    await dialog.getByRole('button', { name: 'Save hook' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await hookRow('alpha').getByRole('cell', { name: 'img/', exact: true }).waitFor();
    expect((await hooks()).find((h) => h[0] === 'alpha')).toEqual(['alpha', 'active', 'img/']);
  });

  it('pauses and resumes a hook', async () => {
    await page.getByRole('button', { name: 'Pause alpha' }).click();
    await page.getByRole('button', { name: 'Resume alpha' }).waitFor();
    await hookRow('alpha').getByText('paused', { exact: true }).waitFor();
    expect((await hooks()).find((h) => h[0] === 'alpha')?.[1]).toBe('paused');
    await page.getByRole('button', { name: 'Resume alpha' }).click();
    await page.getByRole('button', { name: 'Pause alpha' }).waitFor();
    expect((await hooks()).find((h) => h[0] === 'alpha')?.[1]).toBe('active');
  });

  it('sends a test event that shows in the delivery log', async () => {
    await page.getByRole('button', { name: 'Send test event to alpha' }).click();
    await page.getByText('Test event queued').waitFor();
    await page.getByRole('link', { name: 'Delivery log' }).click();
    await page.locator('td[data-col-key=eventName]').getByText(/TestEvent/).first().waitFor();
    const rows = (await core.api['deliveries.list']({})).items;
    expect(rows.find((r) => r.eventName === 's3:TestEvent')).toMatchObject({ hookId: 'alpha', status: 'delivered' });
  });

  it('exports the hooks as the GET ?notification document plus retry policies, secrets only when ticked', async () => {
    await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: 'gamma', events: ['s3:ObjectRemoved:*'], url: (await core.api['inbox.url']({ name: 'other' })).url, prefix: 'gamma/', secret: SECRET, retrySchedule: [2000, 30_000] }, replaceId: 'gamma' });
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
    await hookRow('gamma').waitFor();
    const exportFile = async (withSecrets: boolean) => {
      await page.getByRole('button', { name: 'Export XML' }).click();
      const ask = page.getByRole('dialog', { name: 'Export hooks' });
      if (withSecrets) await ask.getByRole('checkbox', { name: 'Include signing secrets' }).click();
      await screenshot(page, withSecrets ? '12-export-with-secrets' : '12-export');
      const [download] = await Promise.all([page.waitForEvent('download'), ask.getByRole('button', { name: 'Export', exact: true }).click()]);
      expect(download.suggestedFilename()).toBe(`${BUCKET}-notification.xml`);
      await page.getByText(`Saved 3 hooks to ${BUCKET}-notification.xml${withSecrets ? ', with their secrets' : ''}`).waitFor();
      return readFileSync(await download.path(), 'utf8');
    };
    const saved = await exportFile(false);
    const served = await signedRequest(core.endpoint, 'GET', `/${BUCKET}`, { notification: '' });
    expect(served.status).toBe(200);
    expect(saved.replace(/<\?buckethooks-hook[^?]*\?>\n/g, '')).toBe(served.body);
    expect(saved).toContain('<?buckethooks-hook id="gamma" retry-schedule-ms="2000 30000"?>');
    expect(saved).not.toContain(SECRET);
    expect(await exportFile(true)).toContain(`<?buckethooks-hook id="gamma" retry-schedule-ms="2000 30000" secret="${SECRET}"?>`);
  });

  it('imports XML only after showing what changes: the file\'s error in place, Cancel changes nothing', async () => {
    const choose = async (name: string, xml: string) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import XML' }).click()]);
      await chooser.setFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(xml) });
      return page.getByRole('dialog', { name: `Import ${name}` });
    };
    const bad = '<NotificationConfiguration><QueueConfiguration>';
    const reason = await core.api['hooks.importXml']({ bucket: BUCKET, xml: bad }).then(() => '', (e: Error) => e.message);
    expect(reason).not.toBe('');
    let dialog = await choose('bad.xml', bad);
    await dialog.getByText(`bad.xml: ${reason}`).waitFor();
    await screenshot(page, '12b-import-error');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await hooks()).map((h) => h[0])).toEqual(['alpha', 'beta', 'gamma']);

    const current = (await core.api['hooks.exportXml']({ bucket: BUCKET, includeSecrets: true })).xml;
    const oneHook = current.replace(/<SimpleTopicConfiguration><Id>(alpha|beta)<\/Id>.*?<\/SimpleTopicConfiguration>/g, '')
      .replace('<Id>gamma</Id>', '<Id>delta</Id>').replace('id="gamma"', 'id="delta"');
    dialog = await choose('one.xml', oneHook);
    const summary = dialog.getByTestId('diff-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/1 added, 0 changed, 3 removed, 0 unchanged/);
    for (const id of ['alpha', 'beta', 'gamma']) await dialog.getByRole('region', { name: 'Removed hooks' }).getByText(id, { exact: true }).waitFor();
    await dialog.getByRole('region', { name: 'Added hooks' }).getByText('retry policy 2, 30 s · signing secret from the file').waitFor();
    await screenshot(page, '12c-import-diff');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await hooks()).map((h) => h[0])).toEqual(['alpha', 'beta', 'gamma']);

    const twoHooks = current.replace('<Id>gamma</Id>', '<Id>delta</Id>').replace('id="gamma"', 'id="delta"');
    dialog = await choose('good.xml', twoHooks);
    await dialog.getByTestId('diff-summary').getByText(/1 added, 0 changed, 1 removed, 2 unchanged/).waitFor();
    await dialog.getByRole('button', { name: 'Replace hooks' }).click();
    await hookRow('delta').waitFor();
    expect((await hooks()).map((h) => h[0]).sort()).toEqual(['alpha', 'beta', 'delta']);
    const delta = (await core.api['hooks.list']({ bucket: BUCKET })).find((h) => h.id === 'delta');
    expect([delta?.retrySchedule, delta?.hasSecret]).toEqual([[2000, 30_000], true]);
  });

  it('deletes the selected hooks after confirmation', async () => {
    await hookRow('beta').getByRole('checkbox').click();
    await hookRow('delta').getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Delete selected (2)' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: 'Delete 2 hooks?' });
    await screenshot(page, '13-bulk-delete-confirm');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await hookRow('beta').waitFor({ state: 'detached' });
    expect((await hooks()).map((h) => h[0])).toEqual(['alpha']);
    await screenshot(page, '13b-webhooks-after-delete');
  });

  it('lists inboxes with URLs and shows captures newest first with headers and pretty JSON', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    const { url } = await core.api['inbox.url']({ name: BUCKET });
    await page.getByText(url, { exact: true }).waitFor();
    await page.getByRole('button', { name: `Copy URL of ${BUCKET}` }).waitFor();
    await page.getByRole('button', { name: `Show inbox ${BUCKET}` }).click();
    const captures = page.getByRole('region', { name: `Captures of ${BUCKET}` });
    const newest = captures.locator('pre').first();
    await expect.poll(() => newest.textContent()).toContain('"Event": "s3:TestEvent"');
    expect(await captures.getByRole('cell', { name: 'webhook-id', exact: true }).count()).toBeGreaterThan(0);
    await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'img/live.png', Body: 'png' }));
    await expect.poll(() => newest.textContent()).toContain('"key": "img/live.png"');
    await screenshot(page, '14-inbox');
  });

  it('makes an inbox fail from the fail switch, and shows a readable error for a bad status', async () => {
    await page.getByRole('switch', { name: 'Fail requests' }).click();
    await page.getByLabel('Failure status').fill('42');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/status: must be between 100 and 599/).waitFor();
    await page.getByLabel('Failure status').fill('503');
    await page.getByLabel('Response delay (ms)').fill('200');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('fails 503 after 200 ms').waitFor();
    const inbox = (await core.api['inbox.list']({})).find((i) => i.name === BUCKET);
    expect(inbox).toMatchObject({ failStatus: 503, delayMs: 200 });
    const res = await fetch(`${core.endpoint}/_inbox/${BUCKET}`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(503);
    await screenshot(page, '15-inbox-failing');
  });

  it('saves settings from the Settings screen and shows the stored values after a reload', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    // The form shows the stored settings once they arrive; typing before that would be replaced by them.
    await expect.poll(() => page.getByLabel('Retry defaults in seconds').inputValue()).toBe('1, 5, 30, 120, 600, 1800, 3600, 10800, 21600');
    await page.getByLabel('Retry defaults in seconds').fill('2, 10');
    await page.getByLabel('Confirmation mode').click();
    await page.locator('.n-base-select-option', { hasText: /^record/ }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    expect(await core.api['settings.get']({})).toEqual({ confirmMode: 'record', retrySchedule: [2000, 10_000] });
    await page.reload();
    await expect.poll(() => page.getByLabel('Retry defaults in seconds').inputValue()).toBe('2, 10');
    await page.getByText('Confirm mode: record').waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, '18-settings-dark');
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('button', { name: `Show inbox ${BUCKET}` }).click();
    await screenshot(page, '16-inbox-dark');
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
    await hookRow('alpha').waitFor();
    await screenshot(page, '17-webhooks-dark');
  });
});
