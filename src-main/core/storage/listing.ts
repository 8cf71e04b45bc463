// Listings as range scans: latest live objects by (bucket, key) through the partial index, versions by
// (bucket, key, sequencer); a delimiter's common prefix is skipped with one seek past it, never iterated.
import type { Db } from '../db/open';
import { compareKeys, prefixSuccessor, toVersion, type ObjectRow } from './rows';
import type { ObjectVersion } from './types';

/** Where a scan starts: after `key` (exclusive) or from it (inclusive). */
export interface Seek { key: string; inclusive: boolean }

export interface ListInput {
  bucket: string;
  prefix?: string;
  delimiter?: string;
  /** Start position (marker / start-after / continuation). */
  seek?: Seek;
  /** Common prefixes this marker lies inside are not returned (v1 marker / v2 start-after semantics). */
  marker?: string;
  maxKeys: number;
}

export interface ListPage<T> {
  items: T[];
  prefixes: string[];
  truncated: boolean;
  /** Where the next page starts, when truncated. */
  next?: Seek;
  /** The last key or common prefix returned (v1 NextMarker). */
  last?: string;
}

type Entry<T> = { kind: 'item'; value: T; key: string } | { kind: 'prefix'; value: string };

/** Reads the objects table in key order for listings. */
export class Listing {
  private readonly live;
  private readonly versions;

  constructor(db: Db) {
    const cond = 'bucket = ? AND is_latest = 1 AND is_delete_marker = 0';
    this.live = {
      ge: db.prepare<[string, string], ObjectRow>(`SELECT * FROM objects WHERE ${cond} AND key >= ? ORDER BY key`),
      gt: db.prepare<[string, string], ObjectRow>(`SELECT * FROM objects WHERE ${cond} AND key > ? ORDER BY key`),
    };
    this.versions = {
      ge: db.prepare<[string, string], ObjectRow>('SELECT * FROM objects WHERE bucket = ? AND key >= ? ORDER BY key, sequencer DESC'),
      gt: db.prepare<[string, string], ObjectRow>('SELECT * FROM objects WHERE bucket = ? AND key > ? ORDER BY key, sequencer DESC'),
      olderIn: db.prepare<[string, string, number], ObjectRow>(
        'SELECT * FROM objects WHERE bucket = ? AND key = ? AND sequencer < ? ORDER BY sequencer DESC'),
    };
  }

  /** ListObjects / ListObjectsV2: latest non-delete-marker versions. */
  objects(input: ListInput): ListPage<ObjectVersion> {
    return this.scan(input, (seek) => (seek.inclusive ? this.live.ge : this.live.gt).iterate(input.bucket, seek.key));
  }

  /** ListObjectVersions: every version and marker, key ascending then newest first; `afterSequencer` resumes inside seek.key. */
  allVersions(input: ListInput, afterSequencer?: number): ListPage<ObjectVersion> {
    let first = afterSequencer !== undefined && input.seek;
    return this.scan(input, (seek) => {
      if (first && input.seek) {
        first = false;
        const { bucket } = input;
        const key = input.seek.key;
        const head = this.versions.olderIn.all(bucket, key, afterSequencer as number);
        const rest = () => this.versions.gt.iterate(bucket, key);
        return (function* () { yield* head; yield* rest(); })();
      }
      return (seek.inclusive ? this.versions.ge : this.versions.gt).iterate(input.bucket, seek.key);
    });
  }

  private scan(input: ListInput, open: (seek: Seek) => IterableIterator<ObjectRow>): ListPage<ObjectVersion> {
    const prefix = input.prefix ?? '';
    const delimiter = input.delimiter || undefined;
    const out: Entry<ObjectVersion>[] = [];
    let seek: Seek | undefined = input.seek ?? { key: prefix, inclusive: true };
    if (prefix && compareKeys(seek.key, prefix) < 0) seek = { key: prefix, inclusive: true };
    while (seek && out.length <= input.maxKeys) {
      const from: Seek = seek;
      seek = undefined;
      const rows = open(from);
      for (const row of rows) {
        if (!row.key.startsWith(prefix)) break;
        const at = delimiter ? row.key.indexOf(delimiter, prefix.length) : -1;
        if (delimiter && at >= 0) {
          const cp = row.key.slice(0, at + delimiter.length);
          if (!(input.marker && input.marker.startsWith(cp))) out.push({ kind: 'prefix', value: cp });
          const after = prefixSuccessor(cp);
          seek = after === undefined ? undefined : { key: after, inclusive: true };
          break;
        }
        out.push({ kind: 'item', value: toVersion(row), key: row.key });
        if (out.length > input.maxKeys) break;
      }
    }
    return this.page(out, input.maxKeys);
  }

  private page(out: Entry<ObjectVersion>[], maxKeys: number): ListPage<ObjectVersion> {
    const truncated = out.length > maxKeys;
    const kept = out.slice(0, maxKeys);
    const items: ObjectVersion[] = [];
    const prefixes: string[] = [];
    for (const e of kept) { if (e.kind === 'item') items.push(e.value); else prefixes.push(e.value); }
    const last = kept[kept.length - 1];
    const lastKey = last ? (last.kind === 'item' ? last.key : last.value) : undefined;
    let next: Seek | undefined;
    if (truncated && last) {
      const after = last.kind === 'prefix' ? prefixSuccessor(last.value) : undefined;
      next = after !== undefined ? { key: after, inclusive: true } : { key: lastKey as string, inclusive: false };
    }
    return { items, prefixes, truncated, next, last: lastKey };
  }
}
