// The Inbox screen in real Chromium against a real core: what the inboxes keep against their limits (bytes and
// count), and deleting an inbox with its captures. Screenshots at 1280x800 and 900x700, light and dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { ensureRendererBuilt, launchChromium, newDesktopPage, screenshot, UI_DIR } from './ui-harness';

let core: TestCore;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureRendererBuilt();
  core = await startTestCore({}, { uiDir: UI_DIR, inboxLimits: { maxInboxes: 5, maxBytes: 64 * 1024 } });
  for (const [name, size] of [['orders', 20_000], ['orders', 30_000], ['audit', 2_000]] as const) {
    await fetch(`${core.endpoint}/_inbox/${name}`, { method: 'POST', body: JSON.stringify({ pad: 'x'.repeat(size) }) });
  }
  browser = await launchChromium();
  page = await newDesktopPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await core?.stop();
});

describe('the Inbox screen', () => {
  it('shows the bytes and inboxes kept against their limits', async () => {
    await page.goto(`${core.uiUrl}#/inbox`);
    const usage = page.getByLabel('Inbox storage', { exact: true });
    await expect.poll(() => usage.textContent()).toMatch(/Keeping 5\d KiB of 64 KiB in\s+2 of 5 inboxes/);
    expect(await page.getByRole('progressbar', { name: 'Inbox storage used' }).getAttribute('aria-valuenow')).toMatch(/^[89]\d$/);
    await screenshot(page, 'inbox-usage-1280-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'inbox-usage-1280-dark');
    await page.setViewportSize({ width: 900, height: 700 });
    await screenshot(page, 'inbox-usage-900-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'inbox-usage-900-light');
  });

  it('deletes an inbox and its captures after a confirmation', async () => {
    await page.getByRole('button', { name: 'Delete inbox audit' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => core.inbox.list().map((i) => i.name)).toEqual(['orders']);
    await expect.poll(() => page.getByLabel('Inbox storage', { exact: true }).textContent()).toMatch(/in\s+1 of 5 inboxes/);
    expect(await page.getByRole('button', { name: 'Delete inbox audit' }).count()).toBe(0);
  });
});
