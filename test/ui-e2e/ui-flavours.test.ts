// End to end in Chromium: the hook dialog's Flavour select and Delivery auth section (a hook saved with them delivers
// a B2 batch with the header and bearer token to a real receiver; editing keeps the saved auth, shown by name only),
// and the Event catalog screen (pick a flavour and an event, the sample request, hard keys). Screenshots at 1280 and
// 900 px, light and dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { waitFor } from '../delivery/delivery-harness';
import { ensureRendererBuilt, launchChromium, newDesktopPage, screensAtBothSizes, UI_DIR } from './ui-harness';

let core: TestCore;
let rx: Receiver;
let browser: Browser;
let page: Page;
const BUCKET = 'flavoured';

async function choose(scope: Locator, label: string, text: RegExp): Promise<void> {
  await scope.getByLabel(label, { exact: true }).first().click();
  await page.locator('.n-base-select-option', { hasText: text }).filter({ visible: true }).first().click();
  await expect.poll(() => page.locator('.n-base-select-menu').filter({ visible: true }).count()).toBe(0);
}

beforeAll(async () => {
  ensureRendererBuilt();
  core = await startTestCore({}, { uiDir: UI_DIR });
  rx = await startReceiver();
  await core.api['buckets.create']({ name: BUCKET });
  browser = await launchChromium();
  page = await newDesktopPage(browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await rx?.close();
  await core?.stop();
});

describe('flavours, delivery auth and the event catalog in Chromium', () => {
  it('adds a hook with a flavour and auth in the dialog; its deliveries carry them', async () => {
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add hook' });
    await dialog.getByLabel('ID', { exact: true }).fill('b2-hook');
    await dialog.getByLabel('URL', { exact: true }).fill(rx.url);
    await choose(dialog, 'Flavour', /^b2 — /);
    await dialog.getByText('Delivery auth').click();
    await dialog.getByRole('button', { name: 'Add header' }).click();
    await dialog.getByLabel('Header 1 name').fill('X-Api-Key');
    await dialog.getByLabel('Header 1 value').fill('k-123');
    await dialog.getByText('Bearer token', { exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Bearer token' }).fill('tok-456');
    await screensAtBothSizes(page, '40-hook-dialog-flavour-auth');
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const [view] = await core.api['hooks.list']({ bucket: BUCKET });
    expect(view).toMatchObject({ flavour: 'b2', auth: { headers: ['X-Api-Key'], bearer: true, basicUser: null } });
    await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cat.jpg', Body: 'meow' }));
    await waitFor(() => rx.received.some((r) => r.body.includes('"events"')), 10_000, 'the B2 delivery');
    const got = rx.received.find((r) => r.body.includes('"events"'));
    expect(got?.headers).toMatchObject({ 'x-api-key': 'k-123', authorization: 'Bearer tok-456' });
    expect(JSON.parse(got?.body ?? '{}').events[0]).toMatchObject({ eventType: 'b2:ObjectCreated:Upload', objectName: 'cat.jpg' });
  });

  it('edits the hook: the saved auth is shown by name and kept when the section is untouched', async () => {
    await page.getByRole('button', { name: 'Edit b2-hook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit hook' });
    await dialog.getByTestId('saved-auth').waitFor();
    expect(await dialog.getByTestId('saved-auth').textContent()).toContain('X-Api-Key: ••••, Bearer ••••');
    expect(await dialog.innerText()).not.toMatch(/k-123|tok-456/);
    await dialog.getByLabel('Filter prefix').fill('img/');
    await dialog.getByRole('button', { name: 'Save hook' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const [view] = await core.api['hooks.list']({ bucket: BUCKET });
    expect(view).toMatchObject({ prefix: 'img/', flavour: 'b2', auth: { headers: ['X-Api-Key'], bearer: true } });
  });

  it('shows the event catalog: a flavour and event picked, the sample request, hard keys', async () => {
    await page.getByRole('link', { name: 'Event catalog' }).click();
    await page.getByTestId('flavour-description').waitFor();
    await choose(page.locator('.catalog'), 'Flavour', /^sns$/);
    await choose(page.locator('.catalog'), 'Event type', /^s3:ObjectRemoved:DeleteMarkerCreated$/);
    const body = page.getByLabel('Sample body', { exact: true });
    await expect.poll(() => body.textContent()).toContain('"SignatureVersion": "2"');
    expect(await page.getByLabel('Sample headers', { exact: true }).textContent()).toContain('x-amz-sns-message-type: Notification');
    expect(await page.getByTestId('flavour-description').textContent()).toMatch(/SNS/);
    await page.getByRole('cell', { name: 'my+cat.jpg', exact: false }).first().waitFor();
    await screensAtBothSizes(page, '41-event-catalog');
  });
});
