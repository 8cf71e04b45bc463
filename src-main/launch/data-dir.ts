// The files BucketHooks keeps in a data dir beside the core's database: the generated S3 key pair
// (credentials.json, created on first start and reused after) and the running server's address (server.json, for
// the CLI; the API token is the core's ui-token). The one place that creates the folder and writes these files.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

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

/** Create the data dir (and its parents) when missing. */
export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
}

/** Read the stored key pair of `dataDir`, generating and saving one if there is none. */
export function loadOrCreateCredentials(dataDir: string): Credentials {
  const file = credentialsFile(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials: Credentials = {
    accessKey: `BH${randomId(18)}`,
    secretKey: randomBytes(30).toString('base64url'),
    ownerId: `bh${randomId(10, '0123456789')}`,
  };
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

/** Record the running server of `dataDir` for the CLI. */
export function writeServerInfo(dataDir: string, info: ServerInfo): void {
  writeFileSync(serverInfoFile(dataDir), JSON.stringify(info, null, 2), { mode: 0o600 });
}

/** The running server of `dataDir`, or undefined when none has recorded itself. */
export function readServerInfo(dataDir: string): ServerInfo | undefined {
  const file = serverInfoFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ServerInfo) : undefined;
}

/** Forget the running server of `dataDir` (it is shutting down). */
export function removeServerInfo(dataDir: string): void {
  rmSync(serverInfoFile(dataDir), { force: true });
}
