#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary can run here (fetching it on first run), otherwise
// the headless server with ONE line saying why. Never a stack trace: failures end in one readable line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const say = (line) => process.stdout.write(`${line}\n`);
const firstLine = (err) => (err instanceof Error ? err.message : String(err)).split('\n')[0];

/** Run `node <script> …args` from the project root; resolves with exit code and the first stderr line. */
function runNode(script, scriptArgs, { quiet = false, timeoutMs = 0 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, script), ...scriptArgs], {
      cwd: root, stdio: quiet ? ['ignore', 'ignore', 'pipe'] : 'inherit',
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => { stderr += chunk; });
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    child.on('error', (err) => resolve({ code: 1, error: firstLine(err) }));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, error: stderr.trim().split('\n')[0] || `exit code ${code}` });
    });
  });
}

/** Electron's own first-run download (node_modules/electron/install.js), quiet unless it takes a while. */
async function fetchElectron() {
  const notice = setTimeout(() => say('Fetching the Electron binary (first run)…'), 3000);
  const result = await runNode('node_modules/electron/install.js', [], { quiet: true, timeoutMs: 180_000 });
  clearTimeout(notice);
  return result;
}

/** Newest modification time under `dir` (0 when absent). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** True when out/ lacks a part or is older than the sources it is built from. */
function buildIsStale() {
  const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((p) => join(root, p));
  if (!outputs.every((p) => existsSync(p))) return true;
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  return ['src-main', 'src-shared', 'src-preload', 'src-renderer'].some((d) => newest(join(root, d)) > built);
}

/** The Electron-ABI build of better-sqlite3 (built once into node_modules/.cache); undefined if it cannot be had. */
async function sqliteForElectron() {
  const { ensureElectronSqlite } = await import('../src-main/shell/native-sqlite.ts');
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'));
  try {
    return { binding: await ensureElectronSqlite(root, version) };
  } catch (err) {
    return { error: `better-sqlite3 could not be rebuilt for Electron: ${firstLine(err)}` };
  }
}

/** Launch Electron (or `electron-vite dev` with --dev); its exit code becomes ours. Returns a reason if it cannot. */
async function runDesktop(electronPath) {
  const dev = args.includes('--dev');
  const appArgs = args.filter((a) => a !== '--dev');
  if (!dev && buildIsStale()) {
    say('Building the desktop app…');
    const built = await runNode('node_modules/electron-vite/bin/electron-vite.js', ['build']);
    if (built.code !== 0) return 'the desktop build failed';
  }
  const sqlite = await sqliteForElectron();
  if (sqlite.error) return sqlite.error;
  const env = { ...process.env, BUCKETHOOKS_SQLITE_BINDING: sqlite.binding };
  // Chromium refuses to run as root without --no-sandbox (containers, CI); the renderer sandbox option stays on.
  const rootUser = process.platform === 'linux' && process.getuid?.() === 0;
  const extra = rootUser ? ['--no-sandbox'] : [];
  const child = dev
    ? spawn(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'dev', '--', ...extra, ...appArgs],
      { cwd: root, stdio: 'inherit', env })
    : spawn(electronPath, [root, ...extra, ...appArgs], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => { say(`Electron failed to start: ${firstLine(err)}`); process.exit(1); });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return undefined;
}

async function main() {
  register();
  const { probeElectron } = await import('../src-main/shell/electron-binary.ts');
  let probe = probeElectron(root);
  if (!probe.ok && probe.kind === 'missing') {
    const fetched = await fetchElectron();
    probe = probeElectron(root);
    if (!probe.ok && probe.kind === 'missing') probe = { ...probe, reason: `not downloaded yet, and fetching it failed: ${fetched.error}` };
  }
  const reason = probe.ok ? await runDesktop(probe.path) : probe.reason;
  if (reason === undefined) return;
  const what = probe.ok ? 'Electron desktop app' : 'Electron binary';
  say(`${what} not available (${reason}): starting headless — open the UI URL below`);
  const { startHeadless } = await import('../src-main/cli/headless.ts');
  await startHeadless(args.filter((a) => a !== '--dev'));
}

main().catch((err) => {
  process.stderr.write(`BucketHooks could not start: ${firstLine(err)}\n`);
  process.exit(1);
});
