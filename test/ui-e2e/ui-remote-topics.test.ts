// The Webhooks tab on a remote that names topics (the Ceph stand-in) in Chromium: a topic hook shows the URL its
// topic pushes to and the topic under it, a filter BucketHooks cannot edit is shown "kept as is" in the table and
// in the edit dialog, and an edit made there keeps it on the service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { startMergingRemote, type MergingRemote } from '../helpers/merging-remote';
import { ensureRendererBuilt, launchChromium, newDesktopPage, screensAtBothSizes, UI_DIR } from './ui-harness';

let app: TestCore;
let standIn: MergingRemote;
let browser: Browser;
let page: Page;
const hookRow = (id: string): Locator => page.locator('tr', { has: page.locator('td[data-col-key=id]').getByText(id, { exact: true }) });
const standInXml = async () => (await fetch(`${standIn.endpoint}/photos?notification`)).text();

beforeAll(async () => {
  ensureRendererBuilt();
  [app, standIn] = await Promise.all([startTestCore({}, { uiDir: UI_DIR }), startMergingRemote()]);
  await app.api['profiles.save']({ name: 'ceph', endpoint: standIn.endpoint, region: 'default', accessKey: 'AK', secretKey: 'SK', pathStyle: true, verifyTls: true });
  const added = await app.api['hooks.upsert']({ profile: 'ceph', bucket: 'photos', hook: { id: 'thumbs', events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:9/thumbs', prefix: 'img/' } });
  await fetch(`${standIn.endpoint}/photos?notification`, { method: 'PUT', body: '<NotificationConfiguration><TopicConfiguration><Id>tagged</Id>'
    + `<Topic>${added.hook.topicArn}</Topic><Event>s3:ObjectCreated:*</Event><Filter><S3Tags><FilterRule><Name>env</Name><Value>prod</Value>`
    + '</FilterRule></S3Tags></Filter></TopicConfiguration></NotificationConfiguration>' });
  browser = await launchChromium();
  page = await newDesktopPage(browser, 15_000);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), standIn?.close()]);
});

describe('topic hooks and read-only parts in Chromium', () => {
  it('shows each hook by its URL, the topic it goes through and what is kept as is', async () => {
    await page.goto(`${app.uiUrl}#/`);
    await page.getByLabel('Connection profile', { exact: true }).first().click();
    await page.locator('.n-base-select-option', { hasText: /^ceph/ }).filter({ visible: true }).first().click();
    await page.goto(`${app.uiUrl}#/buckets/photos/webhooks`);
    await hookRow('tagged').getByText('kept as is: S3Tags: env=prod').waitFor();
    expect(await hookRow('thumbs').getByText('http://127.0.0.1:9/thumbs').count()).toBe(1);
    expect(await hookRow('thumbs').getByText(/^via topic arn:aws:sns:default::buckethooks-photos-/).count()).toBe(1);
    await screensAtBothSizes(page, '47-remote-topics');
  });

  it('edits a hook with a read-only filter and keeps the filter on the service', async () => {
    await hookRow('tagged').getByRole('button', { name: 'Edit tagged' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit hook' });
    await dialog.getByLabel('Read-only parts').getByText('S3Tags: env=prod').waitFor();
    await dialog.getByText('Delivered through a topic').waitFor();
    await screensAtBothSizes(page, '48-remote-topic-edit');
    await dialog.getByLabel('Filter suffix').fill('.jpg');
    await dialog.getByRole('button', { name: 'Save hook' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(/Hook tagged saved — Read back from/).waitFor();
    expect(await standInXml()).toMatch(/<Id>tagged<\/Id>.*<S3Key><FilterRule><Name>suffix<\/Name><Value>\.jpg<\/Value><\/FilterRule><\/S3Key><S3Tags>/);
  });
});
