// "Listen on this computer…" in Chromium: on a remote bucket's Webhooks tab (a second core, strict handshake, with a
// hook of its own), start a listen with a public URL on the relay's own port, see the hook added beside the other,
// an object change on the remote forwarded live with the local answer, replay it, and Stop removes only its hook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { freePort } from '../helpers/ports';
import { ensureRendererBuilt, launchChromium, newDesktopPage, screensAtBothSizes, UI_DIR } from './ui-harness';

let app: TestCore;
let remote: TestCore;
let local: Receiver;
let theirs: Receiver;
let browser: Browser;
let page: Page;
const option = (text: string | RegExp) => page.locator('.n-base-select-option', { hasText: text }).filter({ visible: true });
const remoteIds = () => remote.notifications.listHooks('remote-photos').map((h) => h.id);
const events = () => local.received.filter((q) => q.headers['x-amz-sns-message-type'] === 'Notification');

beforeAll(async () => {
  ensureRendererBuilt();
  [app, remote, local, theirs] = await Promise.all([
    startTestCore({}, { uiDir: UI_DIR }), startTestCore({ confirmMode: 'strict' }), startReceiver(), startReceiver(),
  ]);
  await remote.api['buckets.create']({ name: 'remote-photos' });
  await remote.api['hooks.upsert']({ bucket: 'remote-photos', hook: { id: 'theirs', events: ['s3:ObjectCreated:*'], url: theirs.urlFor('/t'), prefix: 'docs/' } });
  app.remotes.save({ name: 'second', endpoint: remote.endpoint, region: 'ru-msk', ...TEST_KEYS, pathStyle: true, verifyTls: true });
  browser = await launchChromium();
  page = await newDesktopPage(browser, 15_000);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), remote?.stop(), local?.close(), theirs?.close()]);
});

describe('listen on this computer, in Chromium', () => {
  it('starts from the Webhooks tab, shows forwarded events live with the local answer, replays one, and Stop removes the hook', async () => {
    await page.goto(app.uiUrl);
    await page.getByLabel('Connection profile', { exact: true }).first().click();
    await option(/^second/).first().click();
    await page.getByRole('link', { name: 'remote-photos' }).click();
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: 'Listen on this computer…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Listen on this computer' });
    const port = await freePort();
    await dialog.getByLabel('Forward to').fill(local.urlFor('/hook'));
    await dialog.getByLabel('Public URL').fill(`http://127.0.0.1:${port}/`);
    await dialog.getByLabel('Relay port').fill(String(port));
    await dialog.getByLabel('Listen prefix').fill('cats/');
    await screensAtBothSizes(page, '60-listen-dialog', () => dialog.scrollIntoViewIfNeeded());
    await dialog.getByRole('button', { name: 'Start listening' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const session = page.getByRole('region', { name: /^Listening with buckethooks-listen-/ });
    await session.waitFor();
    const hookId = remoteIds().find((id) => id.startsWith('buckethooks-listen-'))!;
    expect(remoteIds()).toEqual(['theirs', hookId]);
    await session.getByText(`http://127.0.0.1:${port}/`, { exact: true }).waitFor();
    await page.locator('td[data-col-key=id]').getByText(hookId, { exact: true }).waitFor();

    await remote.s3.send(new PutObjectCommand({ Bucket: 'remote-photos', Key: 'cats/tom.jpg', Body: 'meow' }));
    const row = session.getByRole('row', { name: /s3:ObjectCreated:Put cats\/tom\.jpg 200/ });
    await row.waitFor({ timeout: 20_000 });
    expect(events()).toHaveLength(1);
    await screensAtBothSizes(page, '61-listen-live', () => session.scrollIntoViewIfNeeded());

    await row.getByRole('button', { name: /^Replay delivery \d+$/ }).click();
    await expect.poll(() => events().length).toBe(2);
    expect(events()[1].body).toBe(events()[0].body);

    await session.getByRole('button', { name: `Stop listening ${hookId}` }).click();
    await session.waitFor({ state: 'detached' });
    expect(remoteIds()).toEqual(['theirs']);
    await expect.poll(() => page.locator('td[data-col-key=id]').getByText(hookId, { exact: true }).count()).toBe(0);
  }, 180_000);
});
