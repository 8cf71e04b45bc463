// The storage service: buckets, object versions, listings and multipart uploads over SQLite + files
// under dataDir. Sweeps orphaned files at startup. Knows nothing of HTTP; it throws CoreErrors.
import { Readable } from 'node:stream';
import type { Db } from '../db/open';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { ObjectChangeListener, S3EventName } from '../model/object-change';
import { BlobStore, type WrittenBlob, type WrittenFile } from './blob-store';
import { Buckets } from './buckets';
import { BucketCors } from './bucket-cors';
import type { ChecksumAlgorithm, Checksums } from './hashing';
import { Listing, type ListInput, type ListPage } from './listing';
import { Multipart } from './multipart';
import { ObjectStore, type DeleteResult } from './object-store';
import type { BucketInfo, ChangeContext, ObjectMeta, ObjectVersion } from './types';

export interface StorageDeps {
  db: Db; dataDir: string; clock: Clock; logger: Logger;
  /** Called inside the transaction of every committed object change. */
  onChange: ObjectChangeListener;
  /** Called inside the DeleteBucket transaction. */
  onBucketDeleted: (bucket: string) => void;
  /** Resolves once every commit made so far is on stable storage (the database's WalSync). */
  durable: () => Promise<void>;
  /** Bodies up to this many bytes are stored inline in SQLite (default INLINE_LIMIT). */
  inlineLimit?: number;
}

/**
 * Largest body stored inline in SQLite rather than as a file. Measured (bench/README.md, "inline threshold"):
 * a durable file costs a create, two fsyncs and a rename whatever its size, while an inline body costs WAL bytes
 * (written twice: WAL, then checkpoint). Below this size inline is faster at c=1 and c=16.
 */
export const INLINE_LIMIT = 64 * 1024;

/** A write: bytes from `source` (or several sources in turn), verified by `verify` before commit. */
export interface PutObjectInput {
  bucket: string;
  key: string;
  source: Readable | Iterable<() => Readable>;
  meta: ObjectMeta;
  /** Checksums to compute besides MD5. */
  algorithms: ChecksumAlgorithm[];
  /** Inspect the written bytes' hashes; throw (BadDigest…) to discard. Returns the checksums to store. */
  verify?: (blob: WrittenBlob) => Checksums;
  /** Checked before streaming and again inside the commit transaction against the current latest version. */
  precondition?: (current: ObjectVersion | undefined) => void;
  eventName: S3EventName;
  ctx: ChangeContext;
}

export interface Storage {
  bucketExists(name: string): boolean;
  getBucket(name: string): BucketInfo | undefined;
  /** The bucket or NoSuchBucket. */
  requireBucket(name: string): BucketInfo;
  listBuckets(): BucketInfo[];
  createBucket(name: string): BucketInfo;
  deleteBucket(name: string): void;
  setVersioning(name: string, status: 'Enabled' | 'Suspended'): void;
  /** Count and total bytes of the bucket's current (latest, non-delete-marker) objects. */
  bucketStats(name: string): { objects: number; bytes: number };
  /** Stream, hash, verify, commit atomically with its event. */
  putObject(input: PutObjectInput): Promise<ObjectVersion>;
  /** A version (latest when versionId is undefined); may be a delete marker. */
  getObject(bucket: string, key: string, versionId?: string): ObjectVersion | undefined;
  /** Stream a stored version's bytes [start, end] inclusive (opened or read synchronously). */
  readObject(version: ObjectVersion, start?: number, end?: number): Readable;
  /** A version's bytes [start, end] inclusive for a response: in memory when inline or small (≤ 64 KiB), else streamed. */
  readObjectBody(version: ObjectVersion, start?: number, end?: number): Buffer | Readable;
  /** Commits at the call; resolves once the files it frees are discarded (after the commit is durable). */
  deleteObject(bucket: string, key: string, versionId: string | undefined, ctx: ChangeContext): Promise<DeleteResult>;
  listObjects(input: ListInput): ListPage<ObjectVersion>;
  listVersions(input: ListInput, afterSequencer?: number): ListPage<ObjectVersion>;
  /** Write bytes to a file without committing (multipart parts); caller hands it to multipart.savePart. */
  writeBlob(source: Readable, algorithms: ChecksumAlgorithm[]): Promise<WrittenFile>;
  /** Remove a written but uncommitted file. */
  discardBlob(blob: WrittenFile): void;
  multipart: Multipart;
  /** Per-bucket CORS rules. */
  cors: BucketCors;
  /** Release file descriptors; call after the last write. */
  close(): void;
}

/** Build the storage service and clean up files left by a crash. */
export function createStorage(deps: StorageDeps): Storage {
  const { db } = deps;
  const blobs = new BlobStore(deps.dataDir, deps.durable, deps.inlineLimit ?? INLINE_LIMIT);
  const buckets = new Buckets(db, deps.clock, deps.onBucketDeleted);
  const objects = new ObjectStore(db, blobs, deps.clock, deps.onChange);
  const listing = new Listing(db);
  const multipart = new Multipart(db, blobs, deps.clock, objects);

  const stats = db.prepare<[string], { objects: number; bytes: number }>(`SELECT COUNT(*) AS objects, COALESCE(SUM(size), 0) AS bytes
    FROM objects WHERE bucket = ? AND is_latest = 1 AND is_delete_marker = 0`);
  // One scan at startup instead of a file index that every PUT would have to maintain.
  const referenced = new Set((db.prepare('SELECT file FROM objects WHERE file IS NOT NULL UNION SELECT file FROM parts')
    .pluck().all() as string[]));
  const removed = blobs.sweep((file) => referenced.has(file));
  if (removed) deps.logger.info('removed orphaned files', { count: removed });

  return {
    bucketExists: (name) => buckets.get(name) !== undefined,
    getBucket: (name) => buckets.get(name),
    requireBucket: (name) => buckets.require(name),
    listBuckets: () => buckets.list(),
    createBucket: (name) => buckets.create(name),
    deleteBucket(name) { void blobs.discard(buckets.delete(name)); },
    setVersioning: (name, status) => buckets.setVersioning(name, status),
    bucketStats: (name) => stats.get(name) as { objects: number; bytes: number },
    async putObject(input) {
      buckets.require(input.bucket);
      const { precondition } = input;
      const check = precondition && (() => { precondition(objects.get(input.bucket, input.key)); return []; });
      check?.();
      const blob = await blobs.write(input.source, input.algorithms, true);
      let checksums: Checksums = blob.checksums;
      try {
        if (input.verify) checksums = input.verify(blob);
      } catch (err) {
        blobs.unlink(blob.file);
        throw err;
      }
      return objects.commit({
        bucket: input.bucket, key: input.key, file: blob.file, body: blob.body, size: blob.size, etag: blob.md5Hex,
        meta: input.meta, checksums, eventName: input.eventName, ctx: input.ctx, inTransaction: check,
      });
    },
    getObject: (bucket, key, versionId) => objects.get(bucket, key, versionId),
    readObject(version, start, end) {
      if (version.file) return blobs.read(version.file, start, end);
      return Readable.from([objects.inlineBody(version).subarray(start, end === undefined ? undefined : end + 1)], { objectMode: false });
    },
    readObjectBody(version, start, end) {
      if (version.file) return blobs.readRange(version.file, version.size, start, end);
      return objects.inlineBody(version).subarray(start, end === undefined ? undefined : end + 1);
    },
    deleteObject: (bucket, key, versionId, ctx) => objects.delete(bucket, key, versionId, ctx),
    listObjects: (input) => listing.objects(input),
    listVersions: (input, afterSequencer) => listing.allVersions(input, afterSequencer),
    writeBlob: (source, algorithms) => blobs.write(source, algorithms),
    discardBlob: (blob) => blobs.unlink(blob.file),
    multipart,
    cors: new BucketCors(db),
    close: () => blobs.close(),
  };
}
