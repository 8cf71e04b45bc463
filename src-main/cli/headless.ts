// The headless server: the same core as the desktop app under plain Node, the UI served to a browser.
// Prints one parseable line per listener, writes server.json for the CLI, shuts down cleanly on SIGINT/SIGTERM.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/create-core';
import { createLogger } from '../core/logger';
import { parseServeOptions } from './options';
import { loadOrCreateCredentials } from './credentials';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const UI_DIR = join(ROOT, 'out/renderer');

/** What `buckethooks status` and the other CLI commands read to find the running server. */
export interface ServerInfo { endpoint: string; uiUrl: string; token: string; pid: number }

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
  mkdirSync(options.dataDir, { recursive: true });
  const stored = loadOrCreateCredentials(options.dataDir);
  const keys = options.accessKey && options.secretKey
    ? { accessKey: options.accessKey, secretKey: options.secretKey }
    : { accessKey: stored.accessKey, secretKey: stored.secretKey };
  const logger = createLogger((env.BUCKETHOOKS_LOG_LEVEL as 'info' | undefined) ?? 'warn');
  const uiDir = await ensureUiBuilt(print);
  const core = await createCore({
    config: {
      host: options.host, port: options.port, dataDir: options.dataDir, region: options.region,
      confirmMode: options.confirmMode, ownerId: stored.ownerId, retentionMs: 7 * 24 * 3600 * 1000, ...keys,
    },
    logger, uiDir,
  });
  const infoFile = join(options.dataDir, 'server.json');
  const info: ServerInfo = { endpoint: core.endpoint, uiUrl: core.uiUrl, token: core.token, pid: process.pid };
  writeFileSync(infoFile, JSON.stringify(info, null, 2), { mode: 0o600 });

  print(`S3 endpoint: ${core.endpoint}`);
  if (uiDir) print(`UI: ${core.uiUrl}`);
  print(`Access key: ${keys.accessKey}`);
  print(`Secret key: ${keys.secretKey}`);
  print(`Region: ${options.region}`);
  print(`Data dir: ${resolve(options.dataDir)}`);
  print(`Try: AWS_ACCESS_KEY_ID=${keys.accessKey} AWS_SECRET_ACCESS_KEY=${keys.secretKey} aws --endpoint-url ${core.endpoint} --region ${options.region} s3 ls`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    print(`${signal}: draining and closing…`);
    await core.close();
    rmSync(infoFile, { force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return core;
}
