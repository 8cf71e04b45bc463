// E2E harness: builds the renderer once when out/renderer is missing or older than its sources, and launches
// Debian's Chromium through playwright-core with the flags these machines need. Files running in parallel
// build once: a lock folder serialises the build and the freshness check is repeated under it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '../..');
export const UI_DIR = join(ROOT, 'out/renderer');
export const SCREENS = join(ROOT, 'test-results/screens');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((n) => newestMtime(join(path, n))));
}

function isBuilt(): boolean {
  const index = join(UI_DIR, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'src-renderer')), newestMtime(join(ROOT, 'src-shared')),
    newestMtime(join(ROOT, 'vite.renderer.config.ts')));
  return existsSync(index) && statSync(index).mtimeMs > sources;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Take the build lock (a folder; one left by a crashed run is taken over after two minutes). */
function lockBuild(lock: string): void {
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      const age = existsSync(lock) ? Date.now() - statSync(lock).mtimeMs : 0;
      if (age > 120_000) rmSync(lock, { recursive: true, force: true });
      else sleep(200);
    }
  }
}

/** Run `vite build` for the renderer unless out/renderer is newer than every source it is built from. */
export function ensureRendererBuilt(): void {
  if (isBuilt()) return;
  const lock = join(ROOT, 'out/.renderer-build.lock');
  lockBuild(lock);
  try {
    if (!isBuilt()) {
      execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'vite.renderer.config.ts'], { cwd: ROOT, stdio: 'pipe' });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Launch headless Chromium (Debian's binary). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/** A 1280x800 page in `browser` whose waits give up after `timeoutMs`. */
export async function newDesktopPage(browser: Browser, timeoutMs = 10_000): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(timeoutMs);
  return page;
}

/** Save a screenshot of `page` as test-results/screens/<name>.png (after transitions settle). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.waitForTimeout(350); // let drawers, dialogs and table spinners finish their transitions
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
}

/**
 * Screenshots of `page` at 1280x800 and 900x700, light and dark, as <name>-<width>-<scheme>; `atSize` runs after each
 * resize (e.g. to scroll something into view). Leaves the page at 1280x800, light.
 */
export async function screensAtBothSizes(page: Page, name: string, atSize?: () => Promise<void>): Promise<void> {
  for (const [width, height] of [[1280, 800], [900, 700]]) {
    await page.setViewportSize({ width, height });
    await atSize?.();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `${name}-${width}-${scheme}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Click `target` (while it shows) until `settled` passes. Under load, a click that lands while naive-ui is still
 * animating a section or a dialog in can be lost; seen in CI on the realism choices and a dialog's Cancel.
 */
export async function clickUntil(target: Locator, settled: () => Promise<unknown>): Promise<void> {
  await vi.waitFor(async () => {
    if (await target.isVisible()) await target.click({ timeout: 1000 });
    await settled();
  }, { timeout: 10_000, interval: 100 });
}
