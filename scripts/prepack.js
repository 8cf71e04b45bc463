#!/usr/bin/env node
// `npm pack` / `npm publish` step: builds the Node side (tsup → out/node) and the browser UI (out/renderer) when it is
// missing or older than its sources; a fresh UI build (e.g. from `npm run build`) is packed as it is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Newest modification time of the files under `dir` (0 when absent). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((latest, e) => Math.max(latest, statSync(join(e.parentPath, e.name)).mtimeMs), 0);
}

function run(script) {
  const result = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const ui = join(root, 'out/renderer/index.html');
const uiSources = Math.max(newest(join(root, 'src-renderer')), newest(join(root, 'src-shared')));
if (!existsSync(ui) || statSync(ui).mtimeMs < uiSources) run('build:ui');
run('build:node');
