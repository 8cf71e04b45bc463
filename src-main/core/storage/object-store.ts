// Object versions in SQLite: the one transaction that makes a write or delete visible (row + event),
// version bookkeeping (null version, latest flag, delete markers) and the global sequencer.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import type { Clock } from '../kernel/clock';
import type { ObjectChangeListener, S3EventName } from '../model/object-change';
import { CoreError } from '../kernel/core-error';
import type { BlobStore } from './blob-store';
import type { Checksums } from './hashing';
import { toVersion, type ObjectRow } from './rows';
import { Lru } from './lru';
import { Sequencer } from './sequencer';
import { GroupCommit } from './group-commit';
import type { ChangeContext, ObjectMeta, ObjectVersion, Versioning } from './types';

/** What a committed write stores. */
export interface NewVersion {
  bucket: string;
  key: string;
  /** The durable file holding the bytes, or null when they are stored inline in `body`. */
  file: string | null;
  body: Buffer | null;
  size: number;
  etag: string;
  meta: ObjectMeta;
  checksums: Checksums;
  partsCount?: number;
  eventName: S3EventName;
  ctx: ChangeContext;
  /** Runs inside the transaction first (may throw to abort); returns files to unlink after commit. */
  inTransaction?: () => string[];
  /** Runs inside the transaction once the version's row exists (rows that belong with it are written here). */
  onPlaced?: (placed: { rowId: number; versionId: string }) => void;
}

/** Result of a delete: whether a marker was created or removed, and which version. */
export interface DeleteResult { deleteMarker: boolean; versionId?: string }

/** Latest versions looked up recently (hits and misses) before the oldest are dropped. */
const LATEST_ENTRIES = 4096;
/** Memory for the bytes of hot inline bodies. */
const HOT_INLINE_BYTES = 8 * 1024 * 1024;
/** Cache id of a key's latest version (bucket names never contain a newline). */
const latestId = (bucket: string, key: string): string => `${bucket}\n${key}`;

/**
 * Repository and transactions of the objects table, its only writer. Latest-version lookups (every GET and
 * HEAD) are cached; each write drops its key's entry, and entries are only filled outside transactions.
 */
export class ObjectStore {
  private readonly q;
  private readonly latest = new Lru<string, ObjectVersion | undefined>(LATEST_ENTRIES);
  /** Inline bodies read recently, by sequencer: a version's bytes never change and sequencers are never reused. */
  private readonly hotBodies = new Lru<number, Buffer>(HOT_INLINE_BYTES);
  private readonly seq: Sequencer;
  private readonly group: GroupCommit;

  constructor(private readonly db: Db, private readonly blobs: BlobStore, private readonly clock: Clock,
    private readonly onChange: ObjectChangeListener) {
    this.seq = new Sequencer(db);
    this.group = new GroupCommit(db);
    this.q = {
      versioning: db.prepare<[string], { versioning: Versioning }>('SELECT versioning FROM buckets WHERE name = ?'),
      get: db.prepare<[string, string, string], ObjectRow>('SELECT * FROM objects WHERE bucket = ? AND key = ? AND version_id = ?'),
      latest: db.prepare<[string, string], ObjectRow>('SELECT * FROM objects WHERE bucket = ? AND key = ? AND is_latest = 1'),
      newest: db.prepare<[string, string], { id: number }>('SELECT id FROM objects WHERE bucket = ? AND key = ? ORDER BY sequencer DESC LIMIT 1'),
      setLatest: db.prepare<[number]>('UPDATE objects SET is_latest = 1 WHERE id = ?'),
      clearLatest: db.prepare<[string, string]>('UPDATE objects SET is_latest = 0 WHERE bucket = ? AND key = ? AND is_latest = 1'),
      remove: db.prepare<[number]>('DELETE FROM objects WHERE id = ?'),
      insert: db.prepare(`INSERT INTO objects (bucket, key, version_id, is_latest, is_delete_marker, size, etag, meta,
        checksums, parts_count, file, last_modified, sequencer) VALUES (@bucket, @key, @versionId, 1, @marker, @size,
        @etag, @meta, @checksums, @partsCount, @file, @now, @seq)`),
      insertBody: db.prepare<[number | bigint, Buffer]>('INSERT INTO object_bodies (object_id, body) VALUES (?, ?)'),
      body: db.prepare<[number, number], Buffer>(`SELECT b.body FROM object_bodies b JOIN objects o ON o.id = b.object_id
        WHERE b.object_id = ? AND o.sequencer = ?`).pluck(),
    };
  }

  /** The version asked for (latest when versionId is undefined), or undefined. */
  get(bucket: string, key: string, versionId?: string): ObjectVersion | undefined {
    if (versionId !== undefined) {
      const row = this.q.get.get(bucket, key, versionId);
      return row && toVersion(row);
    }
    const id = latestId(bucket, key);
    if (this.latest.has(id)) return this.latest.get(id);
    const row = this.q.latest.get(bucket, key);
    const v = row && toVersion(row);
    if (!this.db.inTransaction) this.latest.set(id, v);
    return v;
  }

  /**
   * Run a write of (bucket, key) with its cached latest version dropped before and after (rollbacks included);
   * a rollback also drops the sequencer's block, whose reservation it may have undone.
   */
  private writing<T>(bucket: string, key: string, fn: () => T): T {
    const id = latestId(bucket, key);
    this.latest.delete(id);
    try {
      return fn();
    } catch (err) {
      this.seq.rolledBack();
      throw err;
    } finally {
      this.latest.delete(id);
    }
  }

  private bucketVersioning(bucket: string): Versioning {
    const row = this.q.versioning.get(bucket);
    if (!row) throw new CoreError('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
    return row.versioning;
  }

  /** The bytes of an inline version: cached, or its row and body read together (so a reused row id cannot answer). */
  inlineBody(v: ObjectVersion): Buffer {
    const hot = this.hotBodies.get(v.sequencer);
    if (hot) return hot;
    const body = this.q.body.get(v.rowId, v.sequencer);
    if (!body) throw new Error(`inline body of ${v.bucket}/${v.key} (${v.versionId}) is missing`);
    this.hotBodies.set(v.sequencer, body, body.length);
    return body;
  }

  /**
   * Replace the null version (if the new one is 'null'), demote the latest, insert the new row (and its inline
   * body; a removed row's body goes with it, ON DELETE CASCADE). Returns files to unlink.
   */
  private place(bucket: string, key: string, versioning: Versioning, row: Record<string, unknown>, body: Buffer | null = null): { versionId: string; seq: number; now: number; rowId: number; unlink: string[] } {
    const versionId = versioning === 'Enabled' ? randomBytes(16).toString('hex') : 'null';
    const unlink: string[] = [];
    if (versionId === 'null') {
      const old = this.q.get.get(bucket, key, 'null');
      if (old) { this.q.remove.run(old.id); if (old.file) unlink.push(old.file); }
    }
    this.q.clearLatest.run(bucket, key);
    const seq = this.seq.take();
    const now = this.clock.now();
    const rowId = Number(this.q.insert.run({ bucket, key, versionId, seq, now, ...row }).lastInsertRowid);
    if (body) this.q.insertBody.run(rowId, body);
    return { versionId, seq, now, rowId, unlink };
  }

  /**
   * Commit a written file as the new latest version and record its event, atomically (in a transaction shared
   * with the writes ready in the same turn, see GroupCommit); resolves once that transaction committed and the
   * files it replaced are unlinked (off the event loop: an unlink can wait on the journal behind fsyncs).
   */
  async commit(input: NewVersion): Promise<ObjectVersion> {
    let done: { version: ObjectVersion; unlink: string[] };
    try {
      done = await this.group.run(() => this.writing(input.bucket, input.key, () => {
        const extra = input.inTransaction?.() ?? [];
        const versioning = this.bucketVersioning(input.bucket);
        const meta = JSON.stringify(input.meta);
        const checksums = JSON.stringify(input.checksums);
        const partsCount = input.partsCount ?? null;
        const placed = this.place(input.bucket, input.key, versioning, {
          marker: 0, size: input.size, etag: input.etag, meta, checksums, partsCount, file: input.file,
        }, input.body);
        input.onPlaced?.(placed);
        this.onChange({
          eventName: input.eventName, bucket: input.bucket, key: input.key, size: input.size, etag: input.etag,
          versionId: placed.versionId === 'null' ? undefined : placed.versionId, sequencer: placed.seq, time: placed.now,
          ...this.who(input.ctx),
        });
        // The row just inserted, mapped as a SELECT of it would be (one statement fewer per write).
        const version = toVersion({
          id: placed.rowId, bucket: input.bucket, key: input.key, version_id: placed.versionId, is_latest: 1, is_delete_marker: 0,
          size: input.size, etag: input.etag, meta, checksums, parts_count: partsCount, file: input.file,
          last_modified: placed.now, sequencer: placed.seq,
        });
        return { version, unlink: [...extra, ...placed.unlink] };
      }));
    } catch (err) {
      this.seq.rolledBack();
      this.blobs.unlink(input.file);
      throw err;
    }
    await this.blobs.discard(done.unlink);
    return done.version;
  }

  private who(ctx: ChangeContext) {
    return { requestId: ctx.requestId, hostId: ctx.hostId, sourceIp: ctx.sourceIp, principalId: ctx.principalId };
  }

  /**
   * DeleteObject semantics for unversioned, versioned and suspended buckets, with its event. The transaction runs
   * at the call (so deletes issued together commit in order and share one sync); resolves once files are discarded.
   */
  async delete(bucket: string, key: string, versionId: string | undefined, ctx: ChangeContext): Promise<DeleteResult> {
    const unlink: string[] = [];
    const result = this.writing(bucket, key, this.db.transaction((): DeleteResult => {
      const versioning = this.bucketVersioning(bucket);
      const event = (eventName: S3EventName, vid: string | undefined, seq: number) => this.onChange({
        eventName, bucket, key, versionId: vid === 'null' ? undefined : vid, sequencer: seq, time: this.clock.now(), ...this.who(ctx),
      });
      if (versionId !== undefined || versioning === '') {
        const row = this.q.get.get(bucket, key, versionId ?? 'null');
        if (!row) return { deleteMarker: false, versionId };
        this.q.remove.run(row.id);
        if (row.file) unlink.push(row.file);
        if (row.is_latest) {
          const next = this.q.newest.get(bucket, key);
          if (next) this.q.setLatest.run(next.id);
        }
        event('s3:ObjectRemoved:Delete', row.version_id, this.seq.take());
        return { deleteMarker: row.is_delete_marker === 1, versionId };
      }
      const placed = this.place(bucket, key, versioning, {
        marker: 1, size: 0, etag: '', meta: '{}', checksums: '{}', partsCount: null, file: null,
      });
      unlink.push(...placed.unlink);
      event('s3:ObjectRemoved:DeleteMarkerCreated', placed.versionId, placed.seq);
      return { deleteMarker: true, versionId: placed.versionId };
    }));
    await this.blobs.discard(unlink);
    return result;
  }
}
