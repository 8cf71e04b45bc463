// Playwright-style assertions for vitest over playwright-core locators: `toBeVisible()` waits (like Playwright's)
// for the element to be rendered and visible, and `toBeInViewport()` for it to lie inside the window, not cut off
// or only reachable by scrolling the page sideways.
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';

interface LocatorMatchers<R = unknown> {
  toBeVisible(): Promise<R>;
  toBeInViewport(): Promise<R>;
}
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T> extends LocatorMatchers<T> {}
}

const WAIT_MS = 5000;

expect.extend({
  async toBeVisible(locator: Locator) {
    const pass = await locator.waitFor({ state: 'visible', timeout: WAIT_MS }).then(() => true, () => false);
    return { pass, message: () => `expected ${String(locator)} ${pass ? 'not ' : ''}to be visible` };
  },
  async toBeInViewport(locator: Locator) {
    const page = locator.page();
    const size = page.viewportSize();
    let box = null;
    for (const end = Date.now() + WAIT_MS; Date.now() < end; await page.waitForTimeout(100)) {
      box = await locator.boundingBox();
      if (box && size && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height) {
        return { pass: true, message: () => `expected ${String(locator)} not to be inside the ${size.width}x${size.height} window` };
      }
    }
    return { pass: false, message: () => `expected ${String(locator)} inside the ${size?.width}x${size?.height} window, found ${JSON.stringify(box)}` };
  },
});
