// The headless UI's first build: a fresh clone has no out/renderer, so `serve` runs Vite in a child process (the
// server keeps its event loop and its port) while it already listens; /_ui/ says "building" until the build is done.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { UiNotReady } from '../core/http/ui-not-ready';

/** A UI build under way: what the UI handler shows meanwhile, and its outcome. */
export interface UiBuild {
  /** `building`, then undefined once built, or `failed` with the reason. */
  notReady(): UiNotReady | undefined;
  /** Settles when the build ends: undefined when built, else the failure (never rejects). */
  done: Promise<Extract<UiNotReady, { state: 'failed' }> | undefined>;
  /** Abandon the build (the server is shutting down). */
  stop(): void;
}

/** The line of Vite's stderr that says what went wrong (not its "error during build:" heading), without colours. */
function errorLine(stderr: string): string | undefined {
  return stripVTControlCharacters(stderr).split('\n').map((l) => l.trim()).find((l) => l !== '' && !/^error during build:?$/i.test(l));
}

/**
 * `vite build` of the renderer (vite.renderer.config.ts under `root`) into `outDir`, in a child Node process;
 * rejects with Vite's first error line.
 */
export function runViteBuild(root: string, outDir: string, signal?: AbortSignal): Promise<void> {
  const vite = join(dirname(createRequire(join(root, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
  const args = [vite, 'build', '--config', join(root, 'vite.renderer.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], signal });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code, killed) => {
      if (code === 0) resolve();
      else reject(new Error(errorLine(stderr) ?? `vite build exited with ${code ?? killed}`));
    });
  });
}

/** Start `build` now; the returned handle tracks it for the UI handler. */
export function startUiBuild(build: (signal: AbortSignal) => Promise<void>): UiBuild {
  const abort = new AbortController();
  let state: UiNotReady | undefined = { state: 'building' };
  const done = build(abort.signal).then(
    () => { state = undefined; return undefined; },
    (err: unknown) => {
      const failed = { state: 'failed', reason: (err instanceof Error ? err.message : String(err)).split('\n')[0] } as const;
      state = failed;
      return failed;
    },
  );
  return { notReady: () => state, done, stop: () => abort.abort() };
}
