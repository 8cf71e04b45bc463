// The files BucketHooks keeps in a data dir beside the core's database: the generated S3 key pair
// (credentials.json, created on first start and reused after) and the running server's address (server.json, for
// the CLI; the API token is the core's ui-token). The one place that creates the folder (private: 0700) and writes
// these files, each atomically and durably (core/durability/atomic-file), so a crash or power cut never tears one.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../core/kernel/app-error';
import { silentLogger, type Logger } from '../core/kernel/logger';
import { preparePrivateDir } from '../core/db/data-dir';
import { createFileAtomic, writeFileAtomic } from '../core/kernel/durability/atomic-file';

export interface Credentials { accessKey: string; secretKey: string; ownerId: string }

/** What `buckethooks status` and the other CLI commands read to find the running server. */
export interface ServerInfo { endpoint: string; pid: number }

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomId(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

const credentialsFile = (dataDir: string) => join(dataDir, 'credentials.json');
const serverInfoFile = (dataDir: string) => join(dataDir, 'server.json');

/** Create the data dir (0700; parents when missing) or make an existing one private (one log line when it was not). */
export function ensureDataDir(dataDir: string, logger: Logger = silentLogger): void {
  preparePrivateDir(dataDir, logger);
}

function newCredentials(): string {
  const credentials: Credentials = {
    accessKey: `BH${randomId(18)}`,
    secretKey: randomBytes(30).toString('base64url'),
    ownerId: `bh${randomId(10, '0123456789')}`,
  };
  return JSON.stringify(credentials, null, 2);
}

/**
 * Read the stored key pair of `dataDir`, generating and saving one if there is none (created once: of two racing
 * starts, both get the same pair). An empty file — what a crash left after the non-atomic write of older
 * versions: that pair was never saved — gets a new pair; a damaged one is refused in one line.
 */
export function loadOrCreateCredentials(dataDir: string): Credentials {
  const file = credentialsFile(dataDir);
  if (!existsSync(file)) createFileAtomic(file, newCredentials());
  else if (statSync(file).size === 0) writeFileAtomic(file, newCredentials());
  let value: Partial<Credentials> | undefined;
  try { value = JSON.parse(readFileSync(file, 'utf8')) as Partial<Credentials>; } catch { value = undefined; }
  if (!value || ![value.accessKey, value.secretKey, value.ownerId].every((v) => typeof v === 'string' && v.length > 0)) {
    throw new AppError('BadCredentialsFile', `${file} is damaged (not a key pair): fix it, or move it away to generate a new key pair`);
  }
  return value as Credentials;
}

/** Record the running server of `dataDir` for the CLI (replacing whatever an earlier run left). */
export function writeServerInfo(dataDir: string, info: ServerInfo): void {
  writeFileAtomic(serverInfoFile(dataDir), JSON.stringify(info, null, 2));
}

/**
 * The running server of `dataDir`, or undefined when none has recorded itself, or what is recorded is stale:
 * unreadable (torn by a crash of an older version) or naming a process that is gone (kill -9, power cut).
 */
export function readServerInfo(dataDir: string): ServerInfo | undefined {
  let info: Partial<ServerInfo>;
  try { info = JSON.parse(readFileSync(serverInfoFile(dataDir), 'utf8')) as Partial<ServerInfo>; } catch { return undefined; }
  if (typeof info.endpoint !== 'string' || typeof info.pid !== 'number') return undefined;
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    if ((err as { code?: string }).code === 'ESRCH') return undefined;
  }
  return info as ServerInfo;
}

/** Forget the running server of `dataDir` (it is shutting down). */
export function removeServerInfo(dataDir: string): void {
  rmSync(serverInfoFile(dataDir), { force: true });
}
