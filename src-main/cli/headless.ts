// The `serve` command: the same core as the desktop app (started by the launch module) under plain Node, the UI
// served to a browser. Prints one parseable line per listener, records server.json for the other commands,
// shuts down cleanly on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Core } from '../core/create-core';
import { createLogger } from '../core/kernel/logger';
import { parseServeOptions } from '../launch/options';
import { launchCore } from '../launch/launch-core';
import { removeServerInfo, writeServerInfo } from '../launch/data-dir';
import { packageRoot } from '../launch/package-root';
import { describeRealism } from '../core/realism/realism-options';

const ROOT = packageRoot(import.meta.url);
const UI_DIR = join(ROOT, 'out/renderer');

/** Build the renderer with Vite when no build is present (a fresh clone); the core serves it at /_ui/. */
async function ensureUiBuilt(print: (line: string) => void): Promise<string | undefined> {
  if (existsSync(join(UI_DIR, 'index.html'))) return UI_DIR;
  print('Building the UI (first run)…');
  try {
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'vite.renderer.config.ts'), logLevel: 'warn' });
    return UI_DIR;
  } catch (err) {
    print(`UI not available: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/** Start the headless server from `serve` arguments; resolves once listening. */
export async function startHeadless(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Promise<Core> {
  const options = parseServeOptions(argv, env);
  const logger = createLogger((env.BUCKETHOOKS_LOG_LEVEL as 'info' | undefined) ?? 'warn');
  const uiDir = await ensureUiBuilt(print);
  const core = await launchCore(options, { logger, uiDir });
  writeServerInfo(options.dataDir, { endpoint: core.endpoint, pid: process.pid });
  const { accessKey, secretKey } = core.config;
  // Signals are handled before the lines below announce the server: a caller may stop it as soon as it reads them.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    print(`${signal}: draining and closing…`);
    await core.close();
    removeServerInfo(options.dataDir);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  print(`S3 endpoint: ${core.endpoint}`);
  if (uiDir) print(`UI: ${core.uiUrl}`);
  print(`Access key: ${accessKey}`);
  print(`Secret key: ${secretKey}`);
  print(`Region: ${options.region}`);
  print(`Data dir: ${resolve(options.dataDir)}`);
  if (options.realism) print(`Realism (hooks without their own): ${describeRealism(options.realism)}`);
  print(`Try: AWS_ACCESS_KEY_ID=${accessKey} AWS_SECRET_ACCESS_KEY=${secretKey} aws --endpoint-url ${core.endpoint} --region ${options.region} s3 ls`);

  return core;
}
