// Per-bucket CORS rules in SQLite (the bucket_cors table's only reader and writer). The rows go with their
// bucket (ON DELETE CASCADE). Rules arrive validated; this file stores and returns them, nothing more.
import type { Db } from '../db/open';
import type { CorsRule } from './types';

/** The CORS configuration of buckets. */
export class BucketCors {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      get: db.prepare<[string], { rules: string }>('SELECT rules FROM bucket_cors WHERE bucket = ?'),
      put: db.prepare<[string, string]>('INSERT INTO bucket_cors (bucket, rules) VALUES (?, ?) ON CONFLICT (bucket) DO UPDATE SET rules = excluded.rules'),
      remove: db.prepare<[string]>('DELETE FROM bucket_cors WHERE bucket = ?'),
    };
  }

  /** The bucket's rules, or undefined when it has no CORS configuration. */
  get(bucket: string): CorsRule[] | undefined {
    const row = this.q.get.get(bucket);
    return row ? (JSON.parse(row.rules) as CorsRule[]) : undefined;
  }

  /** Replace the bucket's rules (the bucket must exist). */
  put(bucket: string, rules: readonly CorsRule[]): void {
    this.q.put.run(bucket, JSON.stringify(rules));
  }

  /** Remove the bucket's configuration; nothing happens when it has none. */
  delete(bucket: string): void {
    this.q.remove.run(bucket);
  }
}
