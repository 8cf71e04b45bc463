// The security review's attack in real Chromium: the UI open in a tab, then an uploaded HTML page opened in that tab
// through its presigned link. The page's own script must not run (CSP sandbox), and script run in its context anyway
// (Playwright's evaluate ignores the CSP, standing in for any way past it) can read neither the token nor the
// session, and cannot call the app API: not on its own origin (the S3 listener), not on the app's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { startTestCore, type TestCore } from '../helpers/core';
import { ensureRendererBuilt, launchChromium, newDesktopPage, UI_DIR } from './ui-harness';
import { sessionValue } from '../../src-main/core/http/ui-session';

let core: TestCore;
let browser: Browser;
let page: Page;

/** The page an attacker uploads: on load it tries everything the review found, reporting in its title. */
const attackPage = (app: string) => `<!doctype html><title>object</title><script>
document.title = 'script ran';
fetch('${app}/_api/buckets.create', { method: 'POST', credentials: 'include', body: '{"name":"pwned-by-script"}' });
</script><p>an uploaded page</p>`;

beforeAll(async () => {
  ensureRendererBuilt();
  core = await startTestCore({}, { uiDir: UI_DIR });
  await core.api['buckets.create']({ name: 'uploads' });
  browser = await launchChromium();
  page = await newDesktopPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await core?.stop();
});

/** Everything a script could learn or do from the page open in `page`, each answer as text. */
function probe(p: Page, app: string) {
  return p.evaluate(async (appOrigin) => {
    // The page's globals (this file is type-checked without the DOM library).
    const w = globalThis as unknown as { location: { href: string }; document: { cookie: string }; sessionStorage: object; localStorage: object };
    const attempt = async (what: () => unknown): Promise<string> => {
      try { return `ok: ${String(await what())}`; } catch (err) { return `blocked: ${(err as Error).name}`; }
    };
    const text = (r: Response) => r.text().then((t) => `${r.status} ${t}`);
    return {
      href: w.location.href,
      cookie: await attempt(() => w.document.cookie),
      session: await attempt(() => JSON.stringify({ ...w.sessionStorage })),
      local: await attempt(() => JSON.stringify({ ...w.localStorage })),
      ownApi: await attempt(() => fetch('/_api/server.status', { method: 'POST', body: '{}' }).then(text)),
      appApi: await attempt(() => fetch(`${appOrigin}/_api/server.status`, { method: 'POST', credentials: 'include', body: '{}' }).then(text)),
      blind: await attempt(() => fetch(`${appOrigin}/_api/buckets.create`, { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"name":"pwned-blind"}' }).then((r) => r.type)),
      events: await attempt(() => fetch(`${appOrigin}/_events`, { credentials: 'include' }).then((r) => r.status)),
    };
  }, app);
}

describe('an uploaded HTML page opened through its presigned link', () => {
  it('cannot read the token or the session, nor call the app API', async () => {
    await page.goto(core.uiUrl);
    await page.getByText('S3 endpoint:').waitFor();
    const secrets = [core.token, sessionValue(core.token), core.config.secretKey];
    // The UI itself keeps nothing a script could read: no token in the address, in storage or in document.cookie.
    const ui = await probe(page, core.appEndpoint);
    expect(ui.href.startsWith(`${core.appEndpoint}/_ui/`)).toBe(true);
    expect(ui.href).not.toContain('token');
    expect(ui.cookie).toBe('ok: ');
    expect([ui.session, ui.local]).toEqual(['ok: {}', 'ok: {}']);
    // The same probe from the app's own page does reach the API (so the refusals below are the origin's doing).
    expect(ui.appApi).toMatch(/^ok: 200 \{"ok":true/);
    expect((await core.api['buckets.list']({})).map((b) => b.name)).toEqual(['pwned-blind', 'uploads']);
    await core.api['buckets.delete']({ name: 'pwned-blind' });

    await core.s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'evil.html', Body: attackPage(core.appEndpoint), ContentType: 'text/html' }));
    const { url } = await core.api['objects.presign']({ bucket: 'uploads', key: 'evil.html' });
    const response = await page.goto(url);
    expect(response?.headers()['content-security-policy']).toBe('sandbox');
    await page.getByText('an uploaded page').waitFor();
    await page.waitForTimeout(500);
    expect(await page.title()).toBe('object');

    const got = await probe(page, core.appEndpoint);
    for (const [what, answer] of Object.entries(got)) {
      for (const secret of secrets) expect(answer, what).not.toContain(secret);
    }
    expect(got.cookie).toBe('blocked: SecurityError');
    expect(got.session).toBe('blocked: SecurityError');
    expect(got.local).toBe('blocked: SecurityError');
    expect(got.appApi).toBe('blocked: TypeError');
    expect(got.events).toBe('blocked: TypeError');
    expect(got.ownApi).not.toMatch(/"ok":true/);
    expect((await core.api['buckets.list']({})).map((b) => b.name)).toEqual(['uploads']);
  });
});
