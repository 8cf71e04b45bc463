// Recognises "the disk is full" among the errors of the file system and SQLite, so each protocol can answer it
// clearly (S3: 507 XMinioStorageFull; app API: StorageFull) instead of a generic internal error.

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/** True when `err` (or an error in its cause chain) says the disk or quota is full. */
export function isDiskFull(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (FULL_CODES.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}
