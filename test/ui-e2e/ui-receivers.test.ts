// The hook dialog's receiver starter code in real Chromium against a real core in strict confirmation mode: the
// Node receiver shown with the typed URL and generated secret is copied with its Copy button, run from the clipboard's
// text as a child process, and confirms the hook it was made for; editing a hook with a saved secret keeps the
// placeholder and says why; an sns hook's run command trusts this server's certificate URL. Screenshots at 1280x800
// and 900x700, light and dark.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { spawnReceiver, type ReceiverProcess } from '../helpers/receiver-process';
import { freePort } from '../helpers/ports';
import { STARTER_PLACEHOLDERS, fillStarter } from '../../src-renderer/src/lib/starter-fill';
import { ensureRendererBuilt, launchChromium, screensAtBothSizes, UI_DIR } from './ui-harness';
import { tempDir } from '../helpers/temp-dir';

const ROOT = join(import.meta.dirname, '../..');
const BUCKET = 'media';
const nodeFile = () => readFileSync(join(ROOT, 'examples/receivers/node/receiver.mjs'), 'utf8');

let core: TestCore;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dir: string;
let receiver: ReceiverProcess | undefined;

/** Expand the dialog's "Receiver starter code" section unless it is open already (it stays as the user left it). */
async function openStarter(dialog: Locator): Promise<void> {
  const header = dialog.getByText('Receiver starter code');
  await header.waitFor();
  if (!(await dialog.getByLabel('Receiver language').isVisible())) await header.click();
  await dialog.getByLabel('Receiver language').waitFor();
}

/** Screenshots of the page at both sizes and themes, the dialog scrolled to the end of `code`. */
const screens = (name: string, code: Locator) =>
  screensAtBothSizes(page, name, () => code.evaluate((el) => el.scrollIntoView({ block: 'end' })));

beforeAll(async () => {
  ensureRendererBuilt();
  core = await startTestCore({ confirmMode: 'strict' }, { uiDir: UI_DIR });
  await core.api['buckets.create']({ name: BUCKET });
  dir = tempDir('bh-ui-receiver-');
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
});
afterAll(async () => {
  await receiver?.stop();
  await browser?.close();
  await core?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('receiver starter code in the hook dialog', () => {
  it('shows the Node receiver with the URL and secret filled in; its copy runs and confirms the new hook', async () => {
    const url = `http://127.0.0.1:${await freePort()}/hooks/thumbnails`;
    await page.goto(`${core.uiUrl}#/buckets/${BUCKET}/webhooks`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add hook' });
    await dialog.getByLabel('ID').fill('thumbnails');
    await dialog.getByLabel('URL').fill(url);
    await dialog.getByRole('button', { name: 'Generate' }).click();
    const secret = await dialog.getByLabel('Secret').inputValue();
    await openStarter(dialog);
    const code = dialog.getByLabel('Node receiver code');
    await expect.poll(() => code.textContent()).toContain(JSON.stringify(url));
    expect(await code.textContent()).toContain(JSON.stringify(secret));
    await screens('receiver-starter-node', code);
    await dialog.getByRole('button', { name: 'Copy Node receiver' }).click();
    await page.getByText('Node receiver copied').waitFor();
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(copied).toBe(fillStarter(nodeFile(), { url, secret }));

    writeFileSync(join(dir, 'receiver.mjs'), copied);
    receiver = await spawnReceiver(process.execPath, [join(dir, 'receiver.mjs')], {});
    await dialog.getByRole('button', { name: 'Add hook' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await receiver.waitForLine((l) => l.startsWith('handshake '))).toBe(`handshake bh-owner|${BUCKET}|s3:ObjectCreated:*`);
    const saved = (await core.api['hooks.list']({ bucket: BUCKET })).find((h) => h.id === 'thumbnails');
    expect(saved).toMatchObject({ url, hasSecret: true });
  });

  it('shows the Python and Go receivers in their tabs', async () => {
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add hook' });
    await dialog.getByLabel('URL').fill('http://127.0.0.1:8123/in');
    await openStarter(dialog);
    for (const language of ['Python', 'Go']) {
      await dialog.getByText(language, { exact: true }).click();
      await expect.poll(() => dialog.getByLabel(`${language} receiver code`).textContent()).toContain('"http://127.0.0.1:8123/in"');
    }
    await page.locator('.n-message').first().waitFor({ state: 'detached' });
    await screens('receiver-starter-go', dialog.getByLabel('Go receiver code'));
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('runs an sns hook\'s starter with this server\'s certificate URL trusted, and says why', async () => {
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add hook' });
    await dialog.getByLabel('URL').fill('http://127.0.0.1:8124/sns');
    await dialog.getByLabel('Flavour', { exact: true }).first().click();
    await page.locator('.n-base-select-option', { hasText: /^sns/ }).filter({ visible: true }).first().click();
    await openStarter(dialog);
    const prefix = `${core.endpoint.replace(/\/+$/, '')}/_sns/`;
    await expect.poll(() => dialog.getByLabel('SNS certificate').textContent()).toContain(prefix);
    expect(await dialog.getByText(`SNS_CERT_URL_PREFIXES=${prefix} node receiver.mjs`, { exact: true }).count()).toBe(1);
    await screens('receiver-starter-sns', dialog.getByLabel('SNS certificate'));
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('editing a hook with a saved secret keeps the placeholder and says the secret is not shown again', async () => {
    await page.getByRole('button', { name: 'Edit thumbnails' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit hook' });
    await openStarter(dialog);
    await dialog.getByRole('note').getByText('The saved secret is not shown again').waitFor();
    expect(await dialog.getByLabel('Node receiver code').textContent()).toContain(STARTER_PLACEHOLDERS.secret);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });
});
