// `npm start` on a machine without the Electron binary: one clear fallback line, then the headless server
// serves the UI (HTTP 200 on the printed UI URL); a start that hangs fails after 30 s. The process group is killed afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../src-main/shell/electron-binary';
import { tempDir } from '../helpers/temp-dir';

const ROOT = resolve(import.meta.dirname, '../..');
const FALLBACK = /^Electron binary not available \((.+)\): starting headless — open the UI URL below$/m;

/** Build the renderer once if absent, so the 30 s budget measures start-up, not a first Vite build. */
async function ensureUiBuilt(): Promise<void> {
  if (existsSync(join(ROOT, 'out/renderer/index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.renderer.config.ts'), logLevel: 'error' });
}

/** Stop the whole process group (npm → node → server) and wait for the leader to exit. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGTERM');
  const force = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } }, 5000);
  await exited;
  clearTimeout(force);
}

describe('npm start without the Electron binary', () => {
  const dataDir = tempDir('bh-start-');
  let child: ChildProcess | undefined;

  beforeAll(ensureUiBuilt, 180_000);
  afterAll(async () => {
    if (child) await stopGroup(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the fallback line once and serves the UI', async () => {
    // Where a real binary is installed, hide it so this test still exercises the fallback path.
    // Without the test runner's switch, so the SDK's Node-version notice would show if the app did not silence it.
    const env: NodeJS.ProcessEnv = { ...process.env, BUCKETHOOKS_HEADLESS: undefined, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined };
    if (findElectronBinary(ROOT).ok) env.ELECTRON_OVERRIDE_DIST_PATH = dataDir;
    child = spawn('npm', ['start', '--', '--port', '0', '--data-dir', dataDir], { cwd: ROOT, env, detached: true });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });

    const uiUrl = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no UI line within 30 s\nstdout:\n${out}\nstderr:\n${err}`)), 30_000);
      const check = () => {
        const match = /^UI: (http:\/\/127\.0\.0\.1:\d+\/_ui\/\?token=\S+)$/m.exec(out);
        if (match) { clearTimeout(timer); resolveUrl(match[1]); }
      };
      child!.stdout!.on('data', check);
      child!.once('exit', (code) => { clearTimeout(timer); reject(new Error(`npm start exited (${code})\n${out}\n${err}`)); });
    });

    expect(out).toMatch(FALLBACK);
    expect(out.match(/Electron binary not available/g)).toHaveLength(1);
    expect(out).toMatch(/^S3 endpoint: http:\/\/127\.0\.0\.1:\d+$/m);
    const res = await fetch(uiUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(`${out}\n${err}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(err).not.toMatch(/NodeVersionSupportWarning/);
  }, 45_000);

  it('turns a bad flag into one readable line and exit code 1, never a stack trace', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, BUCKETHOOKS_HEADLESS: '1' };
    const bad = spawn(process.execPath, [join(ROOT, 'scripts/start.js'), '--port', 'nope', '--data-dir', dataDir], { cwd: ROOT, env });
    let text = '';
    bad.stdout!.on('data', (c: Buffer) => { text += c.toString(); });
    bad.stderr!.on('data', (c: Buffer) => { text += c.toString(); });
    const code = await new Promise<number | null>((r) => bad.once('exit', r));
    expect(code).toBe(1);
    expect(text).toMatch(/^Electron binary not available \(BUCKETHOOKS_HEADLESS=1 is set\): starting headless/m);
    expect(text).toMatch(/^BucketHooks could not start: --port must be 0\.\.65535, got "nope"$/m);
    expect(text).not.toMatch(/^\s+at /m);
  }, 30_000);
});
