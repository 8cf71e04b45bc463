// End to end in real Chromium against a real headless core: bucket, upload, hook through the "Add hook" dialog
// to the built-in inbox, live delivery log, failing inbox and retries, replay one, replay all failed, and a
// handshake refusal shown in the dialog. Screenshots of each screen go to test-results/screens/.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { ensureRendererBuilt, launchChromium, screenshot, UI_DIR } from './ui-harness';

let core: TestCore;
let browser: Browser;
let page: Page;
let badReceiver: http.Server;
let badUrl: string;
const BUCKET = 'photos';

async function put(key: string, body: string): Promise<void> {
  await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}
const row = (key: string, status: string) => page.getByLabel(new RegExp(`^Delivery \\d+ ${key.replace('.', '\\.')} ${status}`));

beforeAll(async () => {
  ensureRendererBuilt();
  core = await startTestCore({ confirmMode: 'strict' }, { uiDir: UI_DIR });
  badReceiver = http.createServer((_req, res) => { res.setHeader('content-type', 'application/json'); res.end('{"signature":"00"}'); });
  await new Promise<void>((resolve) => badReceiver.listen(0, '127.0.0.1', resolve));
  badUrl = `http://127.0.0.1:${(badReceiver.address() as AddressInfo).port}/hook`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => badReceiver?.close(resolve));
  await core?.stop();
});

describe('the app UI in Chromium', () => {
  it('creates a bucket through the dialog, with the name checked as it is typed', async () => {
    await page.goto(core.uiUrl);
    await expect.poll(() => page.getByText('S3 endpoint:').count()).toBe(1);
    await page.getByRole('button', { name: 'Create bucket' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create bucket' });
    await dialog.getByLabel('Bucket name').fill('Bad_Name');
    await expect.poll(() => dialog.getByText('Use only lowercase letters, digits, dots and hyphens').count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Create', exact: true }).isDisabled()).toBe(true);
    await dialog.getByLabel('Bucket name').fill(BUCKET);
    await screenshot(page, '01-create-bucket');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/#\/buckets\/photos\/objects/);
    expect((await core.api['buckets.list']({})).map((b) => b.name)).toEqual([BUCKET]);
  });

  it('uploads files with the picker and by drag-and-drop, and lists them', async () => {
    await page.locator('[data-testid=upload-input]').setInputFiles({ name: 'cat.txt', mimeType: 'text/plain', buffer: Buffer.from('meow') });
    await page.getByRole('button', { name: 'cat.txt', exact: true }).waitFor();
    // Built in the page (a string, since DataTransfer and File are browser types).
    const drop = await page.evaluateHandle(`(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['woof!'], 'dog.txt', { type: 'text/plain' }));
      return dt;
    })()`);
    await page.getByRole('region', { name: 'Objects' }).dispatchEvent('drop', { dataTransfer: drop });
    await page.getByRole('button', { name: 'dog.txt', exact: true }).waitFor();
    await screenshot(page, '02-objects');
    const listed = await core.api['objects.list']({ bucket: BUCKET });
    expect(listed.objects.map((o) => [o.key, o.size])).toEqual([['cat.txt', 4], ['dog.txt', 5]]);
  });

  it('shows object details with ETag and a working presigned URL', async () => {
    await page.getByRole('button', { name: 'Details of cat.txt' }).click();
    await page.getByText(createHash('md5').update('meow').digest('hex'), { exact: true }).waitFor();
    const url = await page.getByLabel('Presigned URL', { exact: true }).inputValue();
    expect(await (await fetch(url)).text()).toBe('meow');
    await screenshot(page, '02b-object-details');
    await page.keyboard.press('Escape');
  });

  it('adds a hook to the built-in inbox through the "Add hook" dialog', async () => {
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add hook' });
    await dialog.getByLabel('ID').fill('inbox-hook');
    await dialog.getByRole('button', { name: 'Use built-in inbox' }).click();
    await expect.poll(() => dialog.getByLabel('URL').inputValue()).toContain('/_inbox/photos');
    await dialog.getByLabel('Retry policy').fill('1');
    await screenshot(page, '03-add-hook-dialog');
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('td[data-col-key=id]').getByText('inbox-hook', { exact: true }).waitFor();
    await screenshot(page, '03b-webhooks-tab');
    const hooks = await core.api['hooks.list']({ bucket: BUCKET });
    expect(hooks.map((h) => [h.id, h.state, h.retrySchedule])).toEqual([['inbox-hook', 'active', [1000]]]);
  });

  it('shows a delivery live in the log, then retries while the inbox fails', async () => {
    await page.getByRole('link', { name: 'Delivery log' }).click();
    await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
    await page.getByText('0 shown').waitFor(); // the first page has loaded empty: what comes next is live
    await put('live.txt', 'one');
    await row('live.txt', 'delivered').waitFor();
    await core.api['inbox.setFailure']({ name: BUCKET, status: 500 });
    await put('broken.txt', 'two');
    await row('broken.txt', 'failed after 2 attempts').waitFor({ timeout: 15_000 });
    await screenshot(page, '04-delivery-log');
  });

  it('opens the attempt timeline with Request and Response tabs', async () => {
    await row('broken.txt', 'failed').click();
    await page.getByRole('tab', { name: 'Response' }).click();
    await page.getByText('HTTP 500').first().waitFor();
    await screenshot(page, '05-delivery-response');
    await page.getByRole('tab', { name: 'Request' }).click();
    expect(await page.getByLabel('Request body').textContent()).toContain('"key": "broken.txt"');
    await screenshot(page, '05-delivery-details');
    await page.keyboard.press('Escape');
  });

  it('replays one delivery once the inbox works again', async () => {
    await core.api['inbox.setFailure']({ name: BUCKET, status: null });
    await row('broken.txt', 'failed').getByRole('button', { name: /^Replay delivery/ }).click();
    await row('broken.txt', 'delivered after 3 attempts').waitFor();
  });

  it('keeps the Failed filter in the URL across leaving and reloading; the control and the list agree', async () => {
    await core.api['inbox.setFailure']({ name: BUCKET, status: 503 });
    await put('c.txt', 'c');
    await put('d.txt', 'd');
    await row('c.txt', 'failed').waitFor({ timeout: 15_000 });
    await row('d.txt', 'failed').waitFor({ timeout: 15_000 });
    await page.getByLabel('Filter by status').click();
    await page.locator('.n-base-select-option', { hasText: /^Failed$/ }).click();
    await page.waitForURL(/[?&]status=failed/);
    await row('live.txt', 'delivered').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.getByRole('link', { name: 'Delivery log' }).click();
    await row('c.txt', 'failed').waitFor();
    expect(await page.getByLabel('Filter by status').textContent()).toBe('Failed');
    expect(await page.getByLabel(/^Delivery \d+ /).count()).toBe(2);
    await page.reload();
    await row('d.txt', 'failed').waitFor();
    expect(await page.getByLabel('Filter by status').textContent()).toBe('Failed');
    expect(await page.getByLabel(/^Delivery \d+ /).count()).toBe(2);
  });

  it('asks before replaying the filter\'s matches, with the count, and reports failed replays', async () => {
    await page.getByRole('button', { name: 'Replay 2 matching…' }).click();
    const ask = page.getByRole('dialog', { name: 'Replay deliveries' });
    await ask.getByText('Included: 0 pending and 2 failed.').waitFor();
    expect(await ask.textContent()).toContain('Send 2 deliveries again now');
    await screenshot(page, '06-replay-confirm');
    await ask.getByRole('button', { name: 'Replay 2', exact: true }).click();
    const result = page.getByRole('alert').filter({ hasText: '2 replays failed' });
    await result.waitFor();
    expect(await result.textContent()).toContain('0 of 2 deliveries delivered, 2 failed');
    expect(await page.getByTestId('replay-progress').textContent()).toMatch(/2 of 2 sent · 0 delivered ·\s+2 failed/);
    await screenshot(page, '06-replay-all-failed');
    await core.api['inbox.setFailure']({ name: BUCKET, status: null });
    await page.getByRole('button', { name: 'Replay 2 matching…' }).click();
    await ask.getByRole('button', { name: 'Replay 2', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Replay finished' }).waitFor();
    await row('c.txt', 'failed').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row('c.txt', 'delivered').waitFor();
    await row('d.txt', 'delivered').waitFor();
    const failed = await core.api['deliveries.list']({ filter: { status: 'failed' } });
    expect(failed.items).toEqual([]);
  });

  it('shows why the handshake failed in the dialog (strict mode)', async () => {
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add hook' });
    await dialog.getByLabel('ID').fill('bad-hook');
    await dialog.getByLabel('URL').fill(badUrl);
    await dialog.getByLabel('Event').click();
    await page.locator('.n-base-select-option', { hasText: /^ObjectRemoved$/ }).click();
    await page.locator('.n-base-select-option', { hasText: /^ObjectCreated$/ }).click();
    await dialog.getByText('Add hook', { exact: true }).first().click();
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    const reason = dialog.getByText(/wrong signature/);
    await reason.waitFor();
    expect(await reason.textContent()).toContain(`Unable to confirm the URL ${badUrl}`);
    await screenshot(page, '07-handshake-refused');
    expect((await core.api['hooks.list']({ bucket: BUCKET })).map((h) => h.id)).toEqual(['inbox-hook']);
  });

  it('shows status and settings with the awscli snippet', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText(`aws --endpoint-url ${core.endpoint}`).waitFor();
    await page.getByRole('link', { name: 'Buckets' }).click();
    await page.getByRole('link', { name: BUCKET }).waitFor();
    await screenshot(page, '09-buckets');
    await page.getByRole('link', { name: 'Settings' }).click();
    await screenshot(page, '08-settings');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('link', { name: 'Delivery log' }).click();
    await row('c.txt', 'delivered').waitFor();
    await screenshot(page, '10-delivery-log-dark');
  });
});
