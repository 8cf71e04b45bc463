// Issue 29's smaller fixes in real Chromium against a real core (strict confirmation): an overlap refusal names the
// other hook and offers only what ends the clash (a prefix does not, other events do); the strict refusal switches to
// record and saves the same draft; inbox captures list their events and keys; the receiver starter for the built-in
// inbox URL listens on another port. Screenshots at 1280 and 900 px, light and dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { refusedUrl } from '../helpers/ports';
import { ensureRendererBuilt, launchChromium, newDesktopPage, screensAtBothSizes, UI_DIR } from './ui-harness';

let core: TestCore;
let browser: Browser;
let page: Page;
const BUCKET = 'truths';

beforeAll(async () => {
  ensureRendererBuilt();
  core = await startTestCore({ confirmMode: 'strict' }, { uiDir: UI_DIR });
  await core.api['buckets.create']({ name: BUCKET });
  browser = await launchChromium();
  page = await newDesktopPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await core?.stop();
});

/** Open the Add hook dialog on the bucket's Webhooks tab, filled with `id` and the built-in inbox URL. */
async function openAddDialog(id: string): Promise<Locator> {
  await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add hook' });
  await dialog.getByLabel('ID').fill(id);
  await dialog.getByRole('button', { name: 'Use built-in inbox' }).click();
  await expect.poll(() => dialog.getByLabel('URL').inputValue()).toContain('/_inbox/');
  return dialog;
}

describe('an overlap refusal in the Add hook dialog', () => {
  it('names the hook that covers every key, offers no prefix or suffix, and other events save the hook', async () => {
    const { url } = await core.api['inbox.url']({ name: BUCKET });
    await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: 'everything', events: ['s3:ObjectCreated:*'], url } });
    const dialog = await openAddDialog('docs');
    await dialog.getByLabel('Filter prefix').fill('docs/');
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    const ways = dialog.getByRole('group', { name: 'Ways out of the overlap' });
    await expect.poll(() => ways.textContent()).toContain('Or edit hook "everything" in the hooks list (other events, or a prefix or suffix');
    expect(await ways.getByRole('button').allTextContents()).toEqual(['Choose events other than ObjectCreated']);
    await screensAtBothSizes(page, 'truths-01-overlap', () => ways.scrollIntoViewIfNeeded());
    await ways.getByRole('button', { name: 'Choose events other than ObjectCreated' }).click();
    await dialog.getByLabel('Event').click();
    await page.locator('.n-base-select-option', { hasText: /^ObjectCreated$/ }).click();
    await page.locator('.n-base-select-option', { hasText: /^ObjectRemoved$/ }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const saved = (await core.api['hooks.list']({ bucket: BUCKET })).find((h) => h.id === 'docs');
    expect([saved?.events, saved?.prefix]).toEqual([['s3:ObjectRemoved:*'], 'docs/']);
    await core.api['hooks.delete']({ bucket: BUCKET, ids: ['everything', 'docs'] });
  });
});

describe('the strict-mode refusal', () => {
  it('switches to record mode and saves the same draft in place', async () => {
    const refused = await refusedUrl('/nobody');
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add hook' });
    await dialog.getByLabel('ID').fill('unanswered');
    await dialog.getByLabel('URL').fill(refused);
    await dialog.getByLabel('Filter suffix').fill('.zip');
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    const alert = dialog.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('since the confirmation mode is "strict"');
    await screensAtBothSizes(page, 'truths-02-strict', () => alert.scrollIntoViewIfNeeded());
    await alert.getByRole('button', { name: 'Switch to record mode and save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Saved, but the URL is not confirmed');
    expect((await core.api['settings.get']({})).confirmMode).toBe('record');
    const saved = (await core.api['hooks.list']({ bucket: BUCKET })).find((h) => h.id === 'unanswered');
    expect([saved?.url, saved?.suffix, saved?.state]).toEqual([refused, '.zip', 'unconfirmed']);
    await core.api['hooks.delete']({ bucket: BUCKET, ids: ['unanswered'] });
    await core.api['settings.update']({ confirmMode: 'strict' });
  });
});

describe('the receiver starter for the built-in inbox URL', () => {
  it('listens on another port than the server\'s, says so, and offers that URL', async () => {
    const dialog = await openAddDialog('starter');
    await dialog.getByText('Receiver starter code').click();
    const note = dialog.getByRole('note', { name: 'Receiver port' });
    const port = new URL(core.endpoint).port;
    await expect.poll(() => note.textContent()).toContain(`The URL above is BucketHooks' own (port ${port}`);
    const listen = /receiver listens on (http:\/\/127\.0\.0\.1:(\d+)\/webhook)/.exec((await note.textContent()) ?? '');
    expect(listen?.[2]).not.toBe(port);
    expect(await dialog.getByLabel('Node receiver code').textContent()).toContain(`const HOOK_URL = process.env.HOOK_URL || "${listen?.[1]}"`);
    await screensAtBothSizes(page, 'truths-03-starter', () => note.scrollIntoViewIfNeeded());
    await note.getByRole('button', { name: 'Use this URL for the hook' }).click();
    expect(await dialog.getByLabel('URL').inputValue()).toBe(listen?.[1]);
    await expect.poll(() => note.count()).toBe(0);
  });
});

describe('inbox captures', () => {
  it('show the event and the decoded key of each capture', async () => {
    const { url } = await core.api['inbox.url']({ name: 'keys' });
    await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: 'keys', events: ['s3:ObjectCreated:*'], url, prefix: 'reports/' } });
    await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'reports/q1 summary+final.csv', Body: 'x' }));
    await expect.poll(async () => (await core.api['inbox.captures']({ name: 'keys' })).length).toBe(1);
    await page.goto(`${core.uiUrl}#/inbox`);
    await page.getByRole('button', { name: 'Show inbox keys' }).click();
    const captures = page.getByRole('region', { name: 'Captures of keys' });
    await expect.poll(() => captures.textContent()).toContain('s3:ObjectCreated:Put reports/q1 summary+final.csv');
    const rows = await page.getByRole('table', { name: /^Events of capture \d+$/ }).locator('td').allTextContents();
    expect(rows).toEqual(['s3:ObjectCreated:Put', 'reports/q1 summary+final.csv']);
    await screensAtBothSizes(page, 'truths-04-captures', () => captures.scrollIntoViewIfNeeded());
  });
});
