// STUB (to be replaced by the storage owner): the storage service factory with its final signature.
import type { Db } from '../db/open';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ObjectChangeListener } from '../object-change';

export interface StorageDeps {
  db: Db; dataDir: string; clock: Clock; logger: Logger;
  /** Called inside the transaction of every committed object change. */
  onChange: ObjectChangeListener;
  /** Called inside the DeleteBucket transaction. */
  onBucketDeleted: (bucket: string) => void;
}

export interface Storage {
  bucketExists(name: string): boolean;
  close(): void;
}

export function createStorage(deps: StorageDeps): Storage {
  const exists = deps.db.prepare('SELECT 1 FROM buckets WHERE name = ?');
  return { bucketExists: (name) => exists.get(name) !== undefined, close: () => {} };
}
