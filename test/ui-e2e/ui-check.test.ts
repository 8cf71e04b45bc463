// "Check receiver…" in real Chromium against a real core: on a hook row it runs the battery with the hook's stored
// secret, lists the cases live with the request and answer of each failure open, and shows the last report when
// opened again; in the hook dialog it checks the URL being edited. Screenshots at 1280x800 and 900x700, light and dark.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { startCheckReceiver } from '../helpers/check-receiver';
import type { Receiver } from '../helpers/receiver';
import { ensureRendererBuilt, launchChromium, newDesktopPage, screensAtBothSizes, UI_DIR } from './ui-harness';

const BUCKET = 'checked';
const secret = `whsec_${randomBytes(24).toString('base64')}`;
let core: TestCore;
let browser: Browser;
let page: Page;
let lax: Receiver;
let good: Receiver;

beforeAll(async () => {
  ensureRendererBuilt();
  core = await startTestCore({ confirmMode: 'strict' }, { uiDir: UI_DIR });
  lax = await startCheckReceiver(secret, 'no-signature-check');
  good = await startCheckReceiver(secret);
  await core.api['buckets.create']({ name: BUCKET });
  await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: 'lax', events: ['s3:ObjectCreated:*'], url: lax.url, secret } });
  await core.api['hooks.upsert']({ bucket: BUCKET, hook: { id: 'good', events: ['s3:ObjectRemoved:*'], url: good.url, secret } });
  browser = await launchChromium();
  page = await newDesktopPage(browser, 20_000);
});
afterAll(async () => {
  await browser?.close();
  await core?.stop();
  await lax?.close();
  await good?.close();
});

describe('Check receiver', () => {
  it('runs the battery on a hook row, shows each failure with its request and answer, and keeps the last report', async () => {
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
    await page.getByRole('button', { name: 'Check receiver of lax' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check receiver of lax' });
    await dialog.getByText('No check of this receiver yet.').waitFor();
    await dialog.getByRole('button', { name: 'Run check' }).click();
    await dialog.getByRole('status').filter({ hasText: '20 passed, 4 failed, 1 skipped' }).waitFor();
    const cases = dialog.getByLabel('Check cases');
    for (const name of ['signature.changed-body', 'signature.wrong-secret', 'signature.stale', 'signature.missing']) {
      await cases.getByText(name, { exact: true }).waitFor();
    }
    await expect.poll(() => cases.getByText(/^Sent: a delivery without webhook-signature$/).isVisible()).toBe(true);
    expect(await cases.getByText('HTTP 200', { exact: true }).count()).toBe(4);
    expect(await cases.getByText(/^A receiver should refuse a delivery without a signature with 4xx\.$/).count()).toBe(1);
    await screensAtBothSizes(page, 'check-receiver-failures',
      () => cases.getByText('signature.changed-body', { exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' })));
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.reload();
    await page.getByRole('button', { name: 'Check receiver of lax' }).click();
    await dialog.getByRole('status').filter({ hasText: '20 passed, 4 failed, 1 skipped' }).waitFor();
    await dialog.getByRole('button', { name: 'Run again' }).waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('checks the URL of the hook being edited from the hook dialog', async () => {
    await page.getByRole('button', { name: 'Edit good' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit hook' });
    await edit.getByRole('button', { name: 'Check receiver…' }).click();
    const dialog = page.getByRole('dialog', { name: `Check receiver ${good.url}` });
    await dialog.getByRole('button', { name: 'Run check' }).click();
    await dialog.getByRole('status').filter({ hasText: '24 passed, 0 failed, 1 skipped' }).waitFor();
    await dialog.getByText('the vk flavour posts one record per request').waitFor();
    await screensAtBothSizes(page, 'check-receiver-pass');
  });
});
