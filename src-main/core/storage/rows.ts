// Row ↔ object mapping for the objects table, shared by the store, the listing and multipart.
import type { ObjectVersion } from './types';

/** The objects table row as better-sqlite3 returns it. */
export interface ObjectRow {
  id: number;
  bucket: string;
  key: string;
  version_id: string;
  is_latest: number;
  is_delete_marker: number;
  size: number;
  etag: string;
  meta: string;
  checksums: string;
  parts_count: number | null;
  file: string | null;
  last_modified: number;
  sequencer: number;
}

/** Map a row to the public shape. */
export function toVersion(row: ObjectRow): ObjectVersion {
  return {
    rowId: row.id,
    bucket: row.bucket,
    key: row.key,
    versionId: row.version_id,
    isLatest: row.is_latest === 1,
    isDeleteMarker: row.is_delete_marker === 1,
    size: row.size,
    etag: row.etag,
    meta: JSON.parse(row.meta) as ObjectVersion['meta'],
    checksums: JSON.parse(row.checksums) as ObjectVersion['checksums'],
    partsCount: row.parts_count ?? undefined,
    file: row.file,
    lastModified: row.last_modified,
    sequencer: row.sequencer,
  };
}

/**
 * The smallest string greater than every string starting with `prefix`, in UTF-8 byte order
 * (SQLite BINARY collation): the last code point incremented. Undefined if none exists.
 */
export function prefixSuccessor(prefix: string): string | undefined {
  const points = [...prefix];
  while (points.length) {
    const last = points.pop() as string;
    let cp = (last.codePointAt(0) as number) + 1;
    if (cp === 0xd800) cp = 0xe000;
    if (cp <= 0x10ffff) return points.join('') + String.fromCodePoint(cp);
  }
  return undefined;
}

/** Compare two strings in UTF-8 byte order (S3 key order). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
