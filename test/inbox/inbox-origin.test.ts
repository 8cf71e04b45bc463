// A web page in real Chromium cannot write into the built-in inbox: a page served from another origin posts
// `text/plain` (no preflight needed), a beacon and an HTML form to /_inbox/<name> and nothing is kept, while
// a server's POST to the same inbox is captured.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { launchChromium } from '../ui-e2e/ui-harness';

let core: TestCore;
let browser: Browser;
let site: http.Server;
let siteUrl: string;

function pageFor(target: string): string {
  return `<!doctype html><form id="f" method="POST" action="${target}" enctype="text/plain" target="sink">
<input name="from" value="a form"></form><iframe name="sink"></iframe>
<script>
window.attack = async () => {
  await fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: 'from a page' })
    .catch(() => undefined);
  navigator.sendBeacon(${JSON.stringify(target)}, 'from a beacon');
  document.getElementById('f').submit();
  return 'sent';
};
</script>`;
}

beforeAll(async () => {
  core = await startTestCore();
  site = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(pageFor(`${core.endpoint}/_inbox/victim`));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  site?.closeAllConnections();
  await new Promise((resolve) => site?.close(resolve));
  await core?.stop();
});

describe('inbox against a web page', () => {
  it('keeps nothing a cross-origin page sends, and captures a server POST', async () => {
    const page = await browser.newPage();
    const refused: number[] = [];
    page.on('response', (r) => { if (r.url().includes('/_inbox/')) refused.push(r.status()); });
    await page.goto(siteUrl);
    expect(await page.evaluate('window.attack()')).toBe('sent');
    await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(new Set(refused)).toEqual(new Set([403]));
    expect(core.inbox.list()).toEqual([]);
    const server = await fetch(`${core.endpoint}/_inbox/victim`, { method: 'POST', body: '{"Records":[]}' });
    expect(server.status).toBe(200);
    expect(core.inbox.captures('victim').map((c) => c.body)).toEqual(['{"Records":[]}']);
    await page.close();
  });
});
