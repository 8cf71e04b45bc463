#!/usr/bin/env node
// Installs desktop-tools/ (electron-builder, its config validation, the electronegativity scan: only the desktop
// build and its checks use them) with `npm ci` when it is missing or older than its lockfile. `npm test` and
// `npm run dist` run it first; the project's own `npm install`, and so a headless first start, never waits for them.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'desktop-tools');
const installed = join(dir, 'node_modules/.package-lock.json');
const lock = join(dir, 'package-lock.json');

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  process.stdout.write('Installing the desktop tools (desktop-tools/: electron-builder, electronegativity)…\n');
  // Under npm, its own CLI (npm_execpath) with this Node; otherwise the npm on PATH.
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const result = spawnSync(npm[0], [...npm.slice(1), 'ci', '--no-audit', '--no-fund'], {
    cwd: dir, stdio: 'inherit', shell: npm.length === 1 && process.platform === 'win32',
  });
  if (result.status !== 0) {
    process.stderr.write(`Installing desktop-tools/ failed (npm ci exit ${result.status ?? result.signal})\n`);
    process.exit(1);
  }
}
