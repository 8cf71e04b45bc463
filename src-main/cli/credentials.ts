// The data dir's generated S3 key pair: created on first start, kept in credentials.json (mode 0600), reused after.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface Credentials { accessKey: string; secretKey: string; ownerId: string }

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomId(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** Read the stored key pair of `dataDir`, generating and saving one if there is none. */
export function loadOrCreateCredentials(dataDir: string): Credentials {
  const file = join(dataDir, 'credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials: Credentials = {
    accessKey: `BH${randomId(18)}`,
    secretKey: randomBytes(30).toString('base64url'),
    ownerId: `bh${randomId(10, '0123456789')}`,
  };
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}
