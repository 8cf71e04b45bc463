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
import { runViteBuild, startUiBuild } from '../launch/ui-build';

const ROOT = packageRoot(import.meta.url);
const UI_DIR = join(ROOT, 'out/renderer');

/** Where the headless UI's build is and how it is made (tests replace both). */
export interface HeadlessUi {
  dir: string;
  build: (signal: AbortSignal) => Promise<void>;
}

const defaultUi: HeadlessUi = { dir: UI_DIR, build: (signal) => runViteBuild(ROOT, UI_DIR, signal) };

/**
 * Start the headless server from `serve` arguments; resolves once listening. Without a UI build (a fresh clone) it
 * builds one in the background: the server does not wait for it, and /_ui/ says so until it is there.
 */
export async function startHeadless(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ui: HeadlessUi = defaultUi,
): Promise<Core> {
  const options = parseServeOptions(argv, env);
  const logger = createLogger((env.BUCKETHOOKS_LOG_LEVEL as 'info' | undefined) ?? 'warn');
  const building = existsSync(join(ui.dir, 'index.html')) ? undefined : startUiBuild(ui.build);
  if (building) print('Building the UI in the background (first run): until it is ready the UI URL shows a page that reloads itself');
  let core: Core;
  try {
    core = await launchCore(options, { logger, uiDir: ui.dir, uiNotReady: building?.notReady });
  } catch (err) {
    building?.stop();
    throw err;
  }
  writeServerInfo(options.dataDir, { endpoint: core.endpoint, api: core.appEndpoint, pid: process.pid });
  const { accessKey, secretKey } = core.config;
  // Signals are handled before the lines below announce the server: a caller may stop it as soon as it reads them.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    print(`${signal}: draining and closing…`);
    building?.stop();
    await core.close();
    removeServerInfo(options.dataDir);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  print(`S3 endpoint: ${core.endpoint}`);
  print(`UI: ${core.uiUrl}`);
  print(`Access key: ${accessKey}`);
  print(`Secret key: ${secretKey}`);
  print(`Region: ${options.region}`);
  print(`Data dir: ${resolve(options.dataDir)}`);
  if (options.realism) print(`Realism (hooks without their own): ${describeRealism(options.realism)}`);
  print(`Try: AWS_ACCESS_KEY_ID=${accessKey} AWS_SECRET_ACCESS_KEY=${secretKey} aws --endpoint-url ${core.endpoint} --region ${options.region} s3 ls`);

  void building?.done.then((failed) => print(failed ? `UI not available: ${failed.reason} (run npm run build:ui, then restart)` : 'UI ready'));
  return core;
}
