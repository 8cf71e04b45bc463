// Remote connections end to end in Chromium: add a profile from Settings (preset, Test connection, masked secret),
// switch to it, browse and upload, add a VK hook (one passing the remote's handshake, one refused with its reason),
// send a test event from here, apply a local bucket's hooks to the remote bucket through the diff dialog, and the
// unsupported state on s3rver. A local core serves the UI; a second core (strict handshake) is the remote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Locator, Page } from 'playwright-core';
import { s3ClientFor, startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startS3rver } from '../helpers/remote-targets';
import { signedRequest } from '../notifications/notifications-signed';
import { ensureRendererBuilt, launchChromium, newDesktopPage, screensAtBothSizes, UI_DIR } from './ui-harness';

const KEYS = { accessKey: 'AKIAREMOTEUI', secretKey: 'remote-ui-secret-never-shown-0123456789' };
let app: TestCore;
let remote: TestCore;
let good: Receiver;
let bad: Receiver;
let s3rver: Awaited<ReturnType<typeof startS3rver>>;
let browser: Browser;
let page: Page;
const hookRow = (id: string): Locator => page.locator('tr', { has: page.locator('td[data-col-key=id]').getByText(id, { exact: true }) });
const option = (text: string | RegExp) => page.locator('.n-base-select-option', { hasText: text }).filter({ visible: true });
const remoteXml = async () => (await signedRequest(remote.endpoint, 'GET', '/remote-photos', { notification: '' }, '', {}, KEYS)).body;

/** Pick `text` in the select labelled `label`, then wait until its menu has closed (a closing menu's options are
 *  still visible for a moment and would catch the next choice). */
async function choose(label: string, text: string | RegExp, scope: Page | Locator = page): Promise<void> {
  await scope.getByLabel(label, { exact: true }).first().click();
  await option(text).first().click();
  await expect.poll(() => page.locator('.n-base-select-menu').filter({ visible: true }).count()).toBe(0);
}
async function switchProfile(text: string | RegExp): Promise<void> {
  await choose('Connection profile', text);
  await page.getByRole('heading', { name: /^Buckets/ }).waitFor();
}
beforeAll(async () => {
  ensureRendererBuilt();
  [app, remote, good, bad, s3rver] = await Promise.all([
    startTestCore({}, { uiDir: UI_DIR }), startTestCore({ confirmMode: 'strict', ...KEYS }, { paused: true }),
    startReceiver(), startReceiver({ handshake: 'wrong' }), startS3rver(),
  ]);
  await app.api['buckets.create']({ name: 'design' });
  for (const id of ['thumbs', 'audit']) {
    await app.api['hooks.upsert']({ bucket: 'design', hook: { id, events: ['s3:ObjectCreated:*'], url: good.urlFor(`/${id}`), prefix: `${id}/` } });
  }
  const rs3 = s3ClientFor(remote.endpoint, KEYS);
  await remote.api['buckets.create']({ name: 'remote-photos' });
  await rs3.send(new PutObjectCommand({ Bucket: 'remote-photos', Key: 'cats/tom.jpg', Body: 'meow' }));
  rs3.destroy();
  browser = await launchChromium();
  page = await newDesktopPage(browser, 15_000);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), remote?.stop(), good?.close(), bad?.close(), s3rver?.close()]);
});

describe('remote connection profiles in Chromium', () => {
  it('adds a profile from Settings: preset, Test connection, masked secret', async () => {
    await page.goto(`${app.uiUrl}#/settings`);
    await page.getByRole('button', { name: 'Add profile' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add connection profile' });
    expect(await dialog.getByLabel('Endpoint URL').inputValue()).toBe('https://hb.ru-msk.vkcloud-storage.ru');
    await choose('Preset', 'MinIO / custom', dialog);
    await dialog.getByLabel('Name').fill('second');
    await dialog.getByLabel('Endpoint URL').fill(remote.endpoint);
    await dialog.getByLabel('Region').fill('ru-msk');
    await dialog.getByLabel('Access key').fill(KEYS.accessKey);
    await dialog.getByLabel('Secret key').fill('wrong-secret');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await dialog.getByText('Authentication failed').waitFor();
    await dialog.getByLabel('Secret key').fill(KEYS.secretKey);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await dialog.getByText(/Connected to 127\.0\.0\.1:\d+: 1 bucket/).waitFor();
    await screensAtBothSizes(page, '40-profile-dialog-tested');
    await dialog.getByRole('button', { name: 'Save profile' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('tr', { has: page.getByRole('cell', { name: 'second', exact: true }) });
    await row.getByText('••••••••').waitFor();
    expect(await page.content()).not.toContain(KEYS.secretKey);
    await screensAtBothSizes(page, '41-settings-profiles', () => page.getByRole('table').last().scrollIntoViewIfNeeded());
  });

  it('switches to the profile, browses its bucket and uploads through this computer', async () => {
    await switchProfile(/^second/);
    await page.getByRole('link', { name: 'remote-photos' }).click();
    await page.getByRole('button', { name: 'cats/' }).or(page.getByText('cats/')).first().click();
    await page.getByText('tom.jpg').waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Upload', exact: true }).click()]);
    await chooser.setFiles({ name: 'kit.txt', mimeType: 'text/plain', buffer: Buffer.from('purr') });
    await page.getByLabel('Object list').getByText('kit.txt', { exact: true }).waitFor();
    const head = await s3ClientFor(remote.endpoint, KEYS).send(new HeadObjectCommand({ Bucket: 'remote-photos', Key: 'cats/kit.txt' }));
    expect(head.ContentLength).toBe(4);
    await screensAtBothSizes(page, '42-remote-objects');
  });

  it('adds a VK hook on the remote; a URL failing the remote handshake is refused with its reason', async () => {
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByText('Delivery log and replay stay local').waitFor();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add hook' });
    expect(await dialog.getByLabel('Secret').count()).toBe(0);
    await dialog.getByLabel('ID').fill('vk-ok');
    await dialog.getByLabel('URL').fill(good.urlFor('/ok'));
    await dialog.getByLabel('Filter prefix').fill('ok/');
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await hookRow('vk-ok').waitFor();
    expect(await remoteXml()).toContain(`<Id>vk-ok</Id><Event>s3:ObjectCreated:*</Event><Url>${good.urlFor('/ok')}</Url><Filter>`);

    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByLabel('ID').fill('vk-bad');
    await dialog.getByLabel('URL').fill(bad.urlFor('/bad'));
    await dialog.getByLabel('Filter prefix').fill('bad/');
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    await dialog.getByRole('alert').getByText(/InvalidArgument: .*signature/i).waitFor();
    await screensAtBothSizes(page, '43-remote-hook-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await remoteXml()).not.toContain('vk-bad');
  });

  it('shows the remote refusal of an edit next to the hook, and a test event answer from here', async () => {
    await page.getByRole('button', { name: 'Edit vk-ok' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit hook' });
    await dialog.getByLabel('URL').fill(bad.urlFor('/bad-edit'));
    await dialog.getByRole('button', { name: 'Save hook' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await hookRow('vk-ok').getByText(/Refused by the service: InvalidArgument/).waitFor();
    await screensAtBothSizes(page, '44-remote-refusal-by-hook');
    await page.getByRole('button', { name: 'Send test event to vk-ok' }).click();
    await page.getByRole('status', { name: 'Test event answer' }).getByText('HTTP 200').waitFor();
    await screensAtBothSizes(page, '44b-remote-test-answer');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('applies a local bucket\'s hooks to the remote bucket through the diff dialog', async () => {
    await switchProfile('This computer');
    await page.goto(`${app.uiUrl}#/buckets/design/webhooks`);
    await hookRow('thumbs').waitFor();
    await page.getByRole('button', { name: 'Apply these hooks to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply these hooks to…' });
    await choose('Target profile', 'second', dialog);
    await choose('Target bucket', 'remote-photos', dialog);
    await dialog.getByRole('button', { name: 'Preview changes' }).click();
    const review = page.getByRole('dialog', { name: 'Apply the hooks of design to remote-photos' });
    await review.getByText('This replaces the hooks of remote-photos on second: 2 added, 0 changed, 1 removed, 0 unchanged.').waitFor();
    await review.getByRole('region', { name: 'Removed hooks' }).getByText('vk-ok', { exact: true }).waitFor();
    await review.getByText('XML that will be sent').click();
    await review.getByText(/<SimpleTopicConfiguration><Id>thumbs<\/Id>/).waitFor();
    await screensAtBothSizes(page, '45-apply-diff');
    await review.getByRole('button', { name: 'Apply (one PUT)' }).click();
    await review.waitFor({ state: 'hidden' });
    await dialog.waitFor({ state: 'hidden' });
    const xml = await remoteXml();
    expect(xml).toContain(`<Id>thumbs</Id><Event>s3:ObjectCreated:*</Event><Url>${good.urlFor('/thumbs')}</Url>`);
    expect(xml).toContain('<Id>audit</Id>');
    expect(xml).not.toContain('vk-ok');
  });

  it('shows the unsupported state for a service without bucket notifications', async () => {
    await app.api['profiles.save']({ name: 'plain', endpoint: s3rver.endpoint, region: 'us-east-1', accessKey: s3rver.accessKey,
      secretKey: s3rver.secretKey, pathStyle: true, verifyTls: true });
    await app.api['buckets.create']({ profile: 'plain', name: 'box' });
    await page.reload();
    await switchProfile(/^plain/);
    await page.goto(`${app.uiUrl}#/buckets/box/webhooks`);
    await page.getByText('This service does not support bucket notifications', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Add', exact: true }).count()).toBe(0);
    await screensAtBothSizes(page, '46-remote-unsupported');
  });
});
