// Buckets: create (S3's name rules, shared with the renderer), list, delete (only empty) and the versioning switch.
// DeleteBucket drops pending multipart uploads and tells notifications inside its transaction.
import type { Db } from '../db/open';
import type { Clock } from '../kernel/clock';
import { CoreError } from '../kernel/core-error';
import type { BucketInfo, Versioning } from './types';
import { asClause, bucketNameProblem } from '../../../src-shared/rules';

/** Cached bucket lookups (hits and misses) before the cache starts over. */
const CACHE_LIMIT = 1024;

interface BucketRow { name: string; created_at: number; versioning: Versioning }
const toInfo = (r: BucketRow): BucketInfo => ({ name: r.name, createdAt: r.created_at, versioning: r.versioning });

/**
 * The buckets table, with a read-through cache of lookups (every object request asks): this class is the
 * table's only writer, and it clears the cache around each of its writes.
 */
export class Buckets {
  private readonly q;
  private readonly cache = new Map<string, BucketInfo | undefined>();

  constructor(private readonly db: Db, private readonly clock: Clock, private readonly onDeleted: (bucket: string) => void) {
    this.q = {
      get: db.prepare<[string], BucketRow>('SELECT * FROM buckets WHERE name = ?'),
      all: db.prepare<[], BucketRow>('SELECT * FROM buckets ORDER BY name'),
      insert: db.prepare<[string, number]>('INSERT INTO buckets (name, created_at) VALUES (?, ?)'),
      remove: db.prepare<[string]>('DELETE FROM buckets WHERE name = ?'),
      anyObject: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM objects WHERE bucket = ? LIMIT 1'),
      partFiles: db.prepare<[string], { file: string }>(
        'SELECT p.file FROM parts p JOIN uploads u ON u.upload_id = p.upload_id WHERE u.bucket = ?'),
      dropUploads: db.prepare<[string]>('DELETE FROM uploads WHERE bucket = ?'),
      setVersioning: db.prepare<[Versioning, string]>('UPDATE buckets SET versioning = ? WHERE name = ?'),
    };
  }

  get(name: string): BucketInfo | undefined {
    if (this.cache.has(name)) return this.cache.get(name);
    const row = this.q.get.get(name);
    const info = row && toInfo(row);
    if (!this.db.inTransaction) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(name, info);
    }
    return info;
  }

  /** Run a write with the cache cleared before and after, so a rolled-back write leaves nothing stale. */
  private writing<T>(fn: () => T): T {
    this.cache.clear();
    try {
      return fn();
    } finally {
      this.cache.clear();
    }
  }

  /** The bucket, or NoSuchBucket. */
  require(name: string): BucketInfo {
    const info = this.get(name);
    if (!info) throw new CoreError('NoSuchBucket', 'The specified bucket does not exist', { BucketName: name });
    return info;
  }

  list(): BucketInfo[] {
    return this.q.all.all().map(toInfo);
  }

  /** Create a bucket: InvalidBucketName or BucketAlreadyOwnedByYou on failure. */
  create(name: string): BucketInfo {
    const problem = bucketNameProblem(name);
    if (problem) throw new CoreError('InvalidBucketName', `The specified bucket is not valid: ${asClause(problem)}.`, { BucketName: name });
    return this.writing(() => this.db.transaction(() => {
      if (this.q.get.get(name)) {
        throw new CoreError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', { BucketName: name });
      }
      this.q.insert.run(name, this.clock.now());
      return this.require(name);
    })());
  }

  /** Delete an empty bucket (pending uploads are dropped); returns part files to unlink. */
  delete(name: string): string[] {
    return this.writing(() => this.db.transaction(() => {
      this.require(name);
      if (this.q.anyObject.get(name)) {
        throw new CoreError('BucketNotEmpty', 'The bucket you tried to delete is not empty', { BucketName: name });
      }
      const files = this.q.partFiles.all(name).map((r) => r.file);
      this.q.dropUploads.run(name);
      this.q.remove.run(name);
      this.onDeleted(name);
      return files;
    })());
  }

  setVersioning(name: string, status: 'Enabled' | 'Suspended'): void {
    this.require(name);
    this.writing(() => this.q.setVersioning.run(status, name));
  }
}
