// Multipart uploads: upload and part rows, part files (always files: parts are 5 MiB but the last), and completion
// by streaming the parts into one new object (a file, or inline when small) committed as a version (ETag
// md5-of-md5s-N) in the same transaction that drops the upload and records its part layout and completion.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import type { Clock } from '../kernel/clock';
import { CoreError } from '../kernel/core-error';
import type { BlobStore, WrittenFile } from './blob-store';
import type { ChecksumAlgorithm, Checksums } from './hashing';
import type { ObjectStore } from './object-store';
import { chooseParts, compositeChecksum, multipartEtag, partLayout, type CompletePartList } from './multipart-parts';
import type { ChangeContext, ChecksumType, ObjectMeta, ObjectVersion, PartInfo, PartLayout, UploadInfo } from './types';

export type { CompletePart, CompletePartList } from './multipart-parts';

/** How long a completed upload id keeps answering a repeated CompleteMultipartUpload (compat: AWS names no window). */
const COMPLETED_KEPT_MS = 24 * 3600 * 1000;

interface UploadRow {
  upload_id: string; bucket: string; key: string; meta: string; checksum_algorithm: string | null;
  checksum_type: string | null; created_at: number;
}
interface PartRow { part_number: number; size: number; etag: string; checksums: string; file: string; last_modified: number }

const toUpload = (r: UploadRow): UploadInfo => ({
  uploadId: r.upload_id, bucket: r.bucket, key: r.key, meta: JSON.parse(r.meta) as ObjectMeta,
  checksumAlgorithm: (r.checksum_algorithm ?? undefined) as ChecksumAlgorithm | undefined,
  checksumType: (r.checksum_type ?? undefined) as ChecksumType | undefined, createdAt: r.created_at,
});
const toPart = (r: PartRow): PartInfo => ({
  partNumber: r.part_number, size: r.size, etag: r.etag, checksums: JSON.parse(r.checksums) as Checksums,
  file: r.file, lastModified: r.last_modified,
});

const noSuchUpload = () => new CoreError('NoSuchUpload',
  'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');

/** BadDigest when a checksum the client expects for the object differs from the one it has (`-N` optional). */
function checkExpected(expected: Checksums, actual: Checksums): void {
  for (const [algorithm, value] of Object.entries(expected) as [ChecksumAlgorithm, string][]) {
    const have = actual[algorithm];
    if (have !== undefined && have !== value && have.replace(/-\d+$/, '') !== value) {
      throw new CoreError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`);
    }
  }
}

/** A completed upload as a repeated CompleteMultipartUpload finds it. */
export interface CompletedUpload { versionId: string; etag: string }

/** Uploads and parts tables plus their files. */
export class Multipart {
  private readonly q;

  constructor(private readonly db: Db, private readonly blobs: BlobStore, private readonly clock: Clock,
    private readonly objects: ObjectStore) {
    this.q = {
      insert: db.prepare(`INSERT INTO uploads (upload_id, bucket, key, meta, checksum_algorithm, checksum_type, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      get: db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE upload_id = ?'),
      list: db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE bucket = ? ORDER BY key, created_at, upload_id'),
      remove: db.prepare<[string]>('DELETE FROM uploads WHERE upload_id = ?'),
      parts: db.prepare<[string], PartRow>('SELECT * FROM parts WHERE upload_id = ? ORDER BY part_number'),
      part: db.prepare<[string, number], PartRow>('SELECT * FROM parts WHERE upload_id = ? AND part_number = ?'),
      putPart: db.prepare(`INSERT OR REPLACE INTO parts (upload_id, part_number, size, etag, checksums, file, last_modified)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      putLayout: db.prepare<[number, string]>('INSERT INTO object_parts (object_id, parts) VALUES (?, ?)'),
      layout: db.prepare<[number], string>('SELECT parts FROM object_parts WHERE object_id = ?').pluck(),
      putCompleted: db.prepare<[string, string, string, string, string, number]>(`INSERT OR REPLACE INTO completed_uploads
        (upload_id, bucket, key, version_id, etag, completed_at) VALUES (?, ?, ?, ?, ?, ?)`),
      completed: db.prepare<[string, string, string], CompletedUpload>(`SELECT version_id AS versionId, etag FROM completed_uploads
        WHERE upload_id = ? AND bucket = ? AND key = ?`),
      pruneCompleted: db.prepare<[number]>('DELETE FROM completed_uploads WHERE completed_at < ?'),
    };
  }

  /** Start an upload; `type` says how its object checksum is made when it has an algorithm. */
  create(bucket: string, key: string, meta: ObjectMeta, algorithm?: ChecksumAlgorithm, type?: ChecksumType): UploadInfo {
    const uploadId = randomBytes(24).toString('base64url');
    this.q.insert.run(uploadId, bucket, key, JSON.stringify(meta), algorithm ?? null, algorithm ? type ?? 'COMPOSITE' : null, this.clock.now());
    return this.get(bucket, key, uploadId);
  }

  /** The upload `uploadId` completed within the last day for this bucket/key, if any. */
  completed(bucket: string, key: string, uploadId: string): CompletedUpload | undefined {
    return this.q.completed.get(uploadId, bucket, key);
  }

  /** The part layout of a version made by CompleteMultipartUpload (undefined for other versions). */
  layout(version: ObjectVersion): PartLayout[] | undefined {
    const json = version.partsCount ? this.q.layout.get(version.rowId) : undefined;
    return json === undefined ? undefined : JSON.parse(json) as PartLayout[];
  }

  /** The upload, or NoSuchUpload when unknown or not for this bucket/key. */
  get(bucket: string, key: string, uploadId: string): UploadInfo {
    const row = this.q.get.get(uploadId);
    if (!row || row.bucket !== bucket || row.key !== key) throw noSuchUpload();
    return toUpload(row);
  }

  list(bucket: string): UploadInfo[] {
    return this.q.list.all(bucket).map(toUpload);
  }

  parts(uploadId: string): PartInfo[] {
    return this.q.parts.all(uploadId).map(toPart);
  }

  /** Record a written part file (replacing an earlier part of that number); the file is removed on failure. */
  savePart(upload: UploadInfo, partNumber: number, blob: WrittenFile, checksums: Checksums): PartInfo {
    let old: string | undefined;
    try {
      this.db.transaction(() => {
        if (!this.q.get.get(upload.uploadId)) throw noSuchUpload();
        old = this.q.part.get(upload.uploadId, partNumber)?.file;
        this.q.putPart.run(upload.uploadId, partNumber, blob.size, blob.md5Hex, JSON.stringify(checksums), blob.file, this.clock.now());
      })();
    } catch (err) {
      this.blobs.unlink(blob.file);
      throw err;
    }
    void this.blobs.discard([old]);
    return toPart(this.q.part.get(upload.uploadId, partNumber) as PartRow);
  }

  /** Drop an upload and its part files. */
  abort(upload: UploadInfo): void {
    const files = this.parts(upload.uploadId).map((p) => p.file);
    this.q.remove.run(upload.uploadId);
    void this.blobs.discard(files);
  }

  /**
   * Validate the part list, concatenate the parts (into a file, or inline when small) and commit it as the object,
   * with its part layout and a record of the completion, in the transaction that drops the upload. `expected`
   * holds object checksums the client sent: one that differs from the object's is BadDigest, and nothing is kept.
   */
  async complete(upload: UploadInfo, list: CompletePartList, ctx: ChangeContext, expected: Checksums = {}): Promise<ObjectVersion> {
    const stored = new Map(this.parts(upload.uploadId).map((p) => [p.partNumber, p]));
    const algorithm = upload.checksumAlgorithm;
    const composite = algorithm && upload.checksumType === 'COMPOSITE' ? algorithm : undefined;
    const chosen = chooseParts(list, stored, composite);
    const etag = multipartEtag(chosen);
    if (composite) checkExpected(expected, { [composite]: compositeChecksum(composite, chosen) });
    const blob = await this.blobs.write(chosen.map((p) => () => this.blobs.read(p.file)),
      algorithm && !composite ? [algorithm] : [], true);
    const checksums: Checksums = composite ? { [composite]: compositeChecksum(composite, chosen) } : blob.checksums;
    try {
      checkExpected(expected, checksums);
    } catch (err) {
      this.blobs.unlink(blob.file);
      throw err;
    }
    const now = this.clock.now();
    return this.objects.commit({
      bucket: upload.bucket, key: upload.key, file: blob.file, body: blob.body, size: blob.size, etag, meta: upload.meta,
      checksums, partsCount: chosen.length, eventName: 's3:ObjectCreated:CompleteMultipartUpload', ctx,
      inTransaction: () => {
        if (!this.q.get.get(upload.uploadId)) throw noSuchUpload();
        const files = this.parts(upload.uploadId).map((p) => p.file);
        this.q.remove.run(upload.uploadId);
        return files;
      },
      onPlaced: (placed) => {
        this.q.putLayout.run(placed.rowId, JSON.stringify(partLayout(chosen)));
        this.q.pruneCompleted.run(now - COMPLETED_KEPT_MS);
        this.q.putCompleted.run(upload.uploadId, upload.bucket, upload.key, placed.versionId, etag, now);
      },
    });
  }
}
