// The headless server of a fresh clone (no UI build yet) prints its UI line without waiting for the UI build: /_ui/
// answers a self-reloading "building" page until the build is there, then the UI; a failed build says why. The build
// is a stand-in gated by the test (so the order is certain); runViteBuild's failure line comes from a real Vite.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHeadless } from '../../src-main/cli/headless';
import type { Core } from '../../src-main/core/create-core';
import { runViteBuild } from '../../src-main/launch/ui-build';
import { tempDir } from '../helpers/temp-dir';

const ROOT = resolve(import.meta.dirname, '../..');

/** Follow the UI link's token exchange and return a GET of /_ui/ with the session cookie. */
async function openUi(uiUrl: string, method = 'GET'): Promise<Response> {
  const signIn = await fetch(uiUrl, { redirect: 'manual' });
  expect(signIn.status).toBe(303);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
  return fetch(new URL('/_ui/', uiUrl), { method, headers: { cookie } });
}

/** Wait until `lines` holds a line matching `pattern`. */
async function lineMatching(lines: string[], pattern: RegExp): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const line = lines.find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no line matching ${pattern} in:\n${lines.join('\n')}`);
}

describe('headless start without a UI build', () => {
  let core: Core | undefined;
  const signalHandlers = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  afterEach(async () => {
    await core?.close();
    core = undefined;
    for (const [signal, before] of Object.entries(signalHandlers)) {
      for (const handler of process.listeners(signal as NodeJS.Signals)) if (!before.includes(handler)) process.off(signal, handler);
    }
  });

  it('prints the UI line while the build runs, shows a reloading page, then the UI', async () => {
    const uiDir = tempDir('bh-ui-');
    let finish!: () => void;
    const gate = new Promise<void>((r) => { finish = r; });
    const lines: string[] = [];
    core = await startHeadless(['--port', '0', '--data-dir', tempDir('bh-data-')], { ...process.env }, (l) => lines.push(l), {
      dir: uiDir,
      build: async () => { await gate; writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>the real UI</title>'); },
    });
    expect(lines[0]).toMatch(/^Building the UI in the background \(first run\)/);
    const uiUrl = (await lineMatching(lines, /^UI: /)).slice(4);

    const building = await openUi(uiUrl);
    expect(building.status).toBe(503);
    expect(building.headers.get('content-type')).toMatch(/^text\/html/);
    expect(building.headers.get('retry-after')).toBe('2');
    const page = await building.text();
    expect(page).toContain('<meta http-equiv="refresh" content="2">');
    expect(page).toMatch(/Building the UI \(first run\)/);
    expect((await openUi(uiUrl, 'HEAD')).status).toBe(503);

    finish();
    await lineMatching(lines, /^UI ready$/);
    const ready = await openUi(uiUrl);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toContain('the real UI');
  });

  it('says why when the build fails, on the page and in a line', async () => {
    const lines: string[] = [];
    core = await startHeadless(['--port', '0', '--data-dir', tempDir('bh-data-')], { ...process.env }, (l) => lines.push(l), {
      dir: tempDir('bh-ui-'),
      build: () => Promise.reject(new Error('Could not resolve "./App.vue" <from main.ts>\n    at stack')),
    });
    expect(await lineMatching(lines, /^UI not available/))
      .toBe('UI not available: Could not resolve "./App.vue" <from main.ts> (run npm run build:ui, then restart)');
    const res = await openUi((await lineMatching(lines, /^UI: /)).slice(4));
    expect(res.status).toBe(503);
    const page = await res.text();
    expect(page).toContain('The UI could not be built: Could not resolve &#34;./App.vue&#34; &#60;from main.ts&#62;');
    expect(page).not.toContain('http-equiv="refresh"');
  });

  it('does not build when the UI is there', async () => {
    const uiDir = tempDir('bh-ui-');
    writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>built</title>');
    const lines: string[] = [];
    core = await startHeadless(['--port', '0', '--data-dir', tempDir('bh-data-')], { ...process.env }, (l) => lines.push(l), {
      dir: uiDir, build: () => Promise.reject(new Error('must not build')),
    });
    expect(lines.some((l) => /Building the UI|UI not available/.test(l))).toBe(false);
    expect((await openUi(lines.find((l) => l.startsWith('UI: '))!.slice(4))).status).toBe(200);
  });
});

describe('runViteBuild', () => {
  it('rejects with the line of Vite that says what went wrong', async () => {
    const root = tempDir('bh-vite-');
    writeFileSync(join(root, 'package.json'), '{"name":"broken","type":"module"}');
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    writeFileSync(join(root, 'vite.renderer.config.ts'), "throw new Error('config exploded');\n");
    mkdirSync(join(root, 'out'));
    await expect(runViteBuild(root, join(root, 'out'))).rejects.toThrow(/^failed to load config from .+vite\.renderer\.config\.ts$/);
  }, 30_000);
});
