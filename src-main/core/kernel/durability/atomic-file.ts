// State files (credentials.json, server.json, …) written so that a crash or power cut at any instant leaves the
// old content or the new one, never a torn file: temp (0600) → write → fsync → rename or link → fsync(folder).
import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsyncDirSync } from './dir-sync';

/** Write `data` to a new synced temp file (0600) beside `file`; returns its path. */
function syncedTemp(file: string, data: string): string {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  return tmp;
}

/** Replace `file` with `data` atomically and durably (mode 0600). */
export function writeFileAtomic(file: string, data: string): void {
  const tmp = syncedTemp(file, data);
  try {
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDirSync(dirname(file));
}

/**
 * Create `file` with `data` only if it does not exist yet, atomically and durably (mode 0600): of two processes
 * racing to create it, one wins and both then read the winner's content. Returns false when it already existed.
 */
export function createFileAtomic(file: string, data: string): boolean {
  const tmp = syncedTemp(file, data);
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as { code?: string }).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
  fsyncDirSync(dirname(file));
  return true;
}
