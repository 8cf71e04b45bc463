// The data dir: created private (folders 0700, files 0600), an older one made private at start with one log
// line, and opened by one process at a time (the database's exclusive lock). Owns nothing inside it.
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../kernel/app-error';
import type { Logger } from '../kernel/logger';
import { openDb, type Db } from './open';
import { fsyncDirSync } from '../kernel/durability/dir-sync';

/** Group and other permission bits: none may be set on anything in the data dir. */
const SHARED_BITS = 0o077;

/**
 * Take away group/other access under `dir`: files to 0600, folders to 0700 (their content first, so a crash
 * half-way leaves the folder still marked for a retry). A folder already private is trusted as made by this
 * version and not walked. Returns how many entries changed.
 */
function makePrivate(dir: string): number {
  let changed = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (!entry.isDirectory() && !entry.isFile()) continue;
    if ((statSync(path).mode & SHARED_BITS) === 0) continue;
    if (entry.isDirectory()) changed += makePrivate(path);
    chmodSync(path, entry.isDirectory() ? 0o700 : 0o600);
    changed++;
  }
  return changed;
}

/** Create `dir` if needed (0700, its name durable; parents with default modes) and make an existing one private. */
export function preparePrivateDir(dir: string, logger: Logger): void {
  const parent = dirname(resolve(dir));
  mkdirSync(parent, { recursive: true });
  if (mkdirSync(dir, { recursive: true, mode: 0o700 })) fsyncDirSync(parent);
  if (process.platform === 'win32') return;
  let changed = makePrivate(dir);
  if ((statSync(dir).mode & SHARED_BITS) !== 0) { chmodSync(dir, 0o700); changed++; }
  if (changed) logger.warn('data dir made private: owner-only access (folders 0700, files 0600)', { dataDir: resolve(dir), changed });
}

/**
 * Prepare the data dir and open its database, holding it for this process. A dir held by another live
 * process is refused with AppError `DataDirInUse` (one line, no stack).
 */
export function openDataDir(dir: string, logger: Logger): Db {
  preparePrivateDir(dir, logger);
  try {
    const db = openDb(join(dir, 'buckethooks.sqlite'));
    fsyncDirSync(dir); // the database file's name (and the -wal's, when migrations created it) is durable
    return db;
  } catch (err) {
    if (err instanceof AppError && err.code === 'DataDirInUse') {
      throw new AppError('DataDirInUse', `data dir ${resolve(dir)} is in use by another BucketHooks process: stop it or choose another data dir`, { cause: err });
    }
    throw err;
  }
}
