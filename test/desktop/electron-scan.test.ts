// @doyensec/electronegativity over the app's sources (main, preload, renderer and package.json, scanned together as
// one Electron app): every finding above informational is either fixed or listed below with why it does not apply.
// A listed finding the scan no longer reports fails too, so the list stays true. The scanner comes from desktop-tools/.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { requireDesktopTool } from '../helpers/desktop-tools';

const ROOT = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

interface Finding { id: string; file: string; severity: { name: string }; location: { line: number } }
type Scan = (options: Record<string, unknown>) => Promise<{ issues: Finding[]; errors: { file: string; message: string }[] }>;

/** Findings the scanner cannot see through, each with the reason and the test that holds the real setting. */
const JUSTIFIED: Record<string, string> = {
  'CONTEXT_ISOLATION_JS_CHECK src-main/shell/main-window.ts':
    'The options come from buildWindowOptions() in window-options.ts (contextIsolation: true), asserted by shell-window.test.ts; '
    + 'the scanner only reads an object literal at the BrowserWindow call.',
  'SANDBOX_JS_CHECK src-main/shell/main-window.ts': 'sandbox: true, from buildWindowOptions(), asserted by shell-window.test.ts.',
  'AUXCLICK_JS_CHECK src-main/shell/main-window.ts':
    "disableBlinkFeatures: 'Auxclick', from buildWindowOptions(), asserted by shell-window.test.ts; new windows are denied anyway.",
  'OPEN_EXTERNAL_JS_CHECK src-main/shell/main-window.ts':
    'Only URLs decideNavigation()/decideWindowOpen() classify as http(s) and not ours reach openExternal (navigation-policy.ts, '
    + 'shell-window.test.ts); file:, javascript: and custom schemes are refused.',
  'CSP_GLOBAL_CHECK src-main/shell/main-window.ts':
    'The policy is built by buildCsp() (window-options.ts), not a literal the scanner can parse; shell-window.test.ts checks it.',
  'CSP_GLOBAL_CHECK src-renderer/index.html':
    'The csp-evaluator finding is connect-src http://127.0.0.1:* / http://localhost:* ("allow only HTTPS"): the renderer uploads '
    + 'to presigned URLs of the local S3 endpoint, a plain-HTTP loopback listener whose port is chosen at start.',
};

const dir = tempDir('bh-electron-scan-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('electronegativity', () => {
  it('reports nothing above informational that is not fixed or justified', async () => {
    for (const part of ['src-main', 'src-shared', 'src-preload', 'src-renderer', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    const scan = requireDesktopTool<Scan>('@doyensec/electronegativity');
    const { version } = require('electron/package.json') as { version: string };
    // The release check needs the network (electron's release list); everything else is local.
    const { issues, errors } = await scan({ input: dir, output: null, isSarif: false, customScan: [], severitySet: 'informational',
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], confidenceSet: 'tentative', isRelative: true, electronVersionOverride: version });
    expect(errors).toEqual([]);
    const found = [...new Set(issues.filter((i) => i.severity.name !== 'INFORMATIONAL').map((i) => `${i.id} ${i.file}`))].sort();
    expect(found).toEqual(Object.keys(JUSTIFIED).sort());
  });
});
