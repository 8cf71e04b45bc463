// The token of the HTTP app API and the browser UI, kept in <dataDir>/ui-token (mode 0600) so the UI URL, open
// tabs and bookmarks keep working across restarts; rotated on request (Settings), which retires the old URL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from '../kernel/durability/atomic-file';

/** The live token of one data dir. */
export interface UiToken {
  current(): string;
  /** Replace the token with a fresh one (kept on disk before it is used); returns it. */
  rotate(): string;
}

const FILE = 'ui-token';
const VALID = /^[A-Za-z0-9_-]{32,128}$/;

/** The token stored in `dataDir`, or undefined when there is none (or it is damaged). */
export function readUiToken(dataDir: string): string | undefined {
  try {
    const token = readFileSync(join(dataDir, FILE), 'utf8').trim();
    return VALID.test(token) ? token : undefined;
  } catch {
    return undefined;
  }
}

/** Load the data dir's token, creating it on first start. */
export function createUiToken(dataDir: string): UiToken {
  const path = join(dataDir, FILE);
  const fresh = () => {
    const token = randomBytes(24).toString('base64url');
    writeFileAtomic(path, `${token}\n`);
    return token;
  };
  let token = readUiToken(dataDir) ?? fresh();
  return {
    current: () => token,
    rotate: () => { token = fresh(); return token; },
  };
}
