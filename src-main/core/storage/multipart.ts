// Multipart uploads: upload and part rows, part files (always files: parts are 5 MiB but the last), and completion
// by streaming the parts into one new object (a file, or inline when small) committed as a version (ETag
// md5-of-md5s-N) in the same transaction that drops the upload.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import type { Clock } from '../clock';
import { CoreError } from '../core-error';
import type { BlobStore, WrittenFile } from './blob-store';
import type { ChecksumAlgorithm, Checksums } from './hashing';
import type { ObjectStore } from './object-store';
import type { ChangeContext, ObjectMeta, ObjectVersion, PartInfo, UploadInfo } from './types';

const MIN_PART = 5 * 1024 * 1024;

interface UploadRow { upload_id: string; bucket: string; key: string; meta: string; checksum_algorithm: string | null; created_at: number }
interface PartRow { part_number: number; size: number; etag: string; checksums: string; file: string; last_modified: number }

const toUpload = (r: UploadRow): UploadInfo => ({
  uploadId: r.upload_id, bucket: r.bucket, key: r.key, meta: JSON.parse(r.meta) as ObjectMeta,
  checksumAlgorithm: (r.checksum_algorithm ?? undefined) as ChecksumAlgorithm | undefined, createdAt: r.created_at,
});
const toPart = (r: PartRow): PartInfo => ({
  partNumber: r.part_number, size: r.size, etag: r.etag, checksums: JSON.parse(r.checksums) as Checksums,
  file: r.file, lastModified: r.last_modified,
});

const noSuchUpload = () => new CoreError('NoSuchUpload',
  'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');

/** One part named in CompleteMultipartUpload: its number and its ETag as hex (no quotes). */
export interface CompletePart { partNumber: number; etag: string }

/** The parts to join, in the order asked for: at least one. */
export type CompletePartList = readonly [CompletePart, ...CompletePart[]];

/** Uploads and parts tables plus their files. */
export class Multipart {
  private readonly q;

  constructor(private readonly db: Db, private readonly blobs: BlobStore, private readonly clock: Clock,
    private readonly objects: ObjectStore) {
    this.q = {
      insert: db.prepare('INSERT INTO uploads (upload_id, bucket, key, meta, checksum_algorithm, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      get: db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE upload_id = ?'),
      list: db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE bucket = ? ORDER BY key, created_at, upload_id'),
      remove: db.prepare<[string]>('DELETE FROM uploads WHERE upload_id = ?'),
      parts: db.prepare<[string], PartRow>('SELECT * FROM parts WHERE upload_id = ? ORDER BY part_number'),
      part: db.prepare<[string, number], PartRow>('SELECT * FROM parts WHERE upload_id = ? AND part_number = ?'),
      putPart: db.prepare(`INSERT OR REPLACE INTO parts (upload_id, part_number, size, etag, checksums, file, last_modified)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  create(bucket: string, key: string, meta: ObjectMeta, algorithm?: ChecksumAlgorithm): UploadInfo {
    const uploadId = randomBytes(24).toString('base64url');
    this.q.insert.run(uploadId, bucket, key, JSON.stringify(meta), algorithm ?? null, this.clock.now());
    return this.get(bucket, key, uploadId);
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

  /** Validate the part list, concatenate the parts (into a file, or inline when small) and commit it as the object. */
  async complete(upload: UploadInfo, list: CompletePartList, ctx: ChangeContext): Promise<ObjectVersion> {
    const stored = new Map(this.parts(upload.uploadId).map((p) => [p.partNumber, p]));
    const chosen = this.validate(list, stored);
    const md5 = createHash('md5');
    for (const p of chosen) md5.update(Buffer.from(p.etag, 'hex'));
    const etag = `${md5.digest('hex')}-${chosen.length}`;
    const algorithms = upload.checksumAlgorithm ? [upload.checksumAlgorithm] : [];
    const blob = await this.blobs.write(chosen.map((p) => () => this.blobs.read(p.file)), algorithms, true);
    return this.objects.commit({
      bucket: upload.bucket, key: upload.key, file: blob.file, body: blob.body, size: blob.size, etag, meta: upload.meta,
      checksums: blob.checksums, partsCount: chosen.length, eventName: 's3:ObjectCreated:CompleteMultipartUpload', ctx,
      inTransaction: () => {
        if (!this.q.get.get(upload.uploadId)) throw noSuchUpload();
        const files = this.parts(upload.uploadId).map((p) => p.file);
        this.q.remove.run(upload.uploadId);
        return files;
      },
    });
  }

  private validate(list: CompletePartList, stored: Map<number, PartInfo>): PartInfo[] {
    const chosen: PartInfo[] = [];
    list.forEach((want, i) => {
      if (i > 0 && want.partNumber <= list[i - 1].partNumber) {
        throw new CoreError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
      }
      const part = stored.get(want.partNumber);
      if (!part || part.etag !== want.etag.toLowerCase()) {
        throw new CoreError('InvalidPart', 'One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.',
          { PartNumber: String(want.partNumber), ETag: want.etag });
      }
      chosen.push(part);
    });
    chosen.forEach((p, i) => {
      if (i < chosen.length - 1 && p.size < MIN_PART) {
        throw new CoreError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.',
          { ProposedSize: String(p.size), MinSizeAllowed: String(MIN_PART), PartNumber: String(p.partNumber), ETag: p.etag });
      }
    });
    return chosen;
  }
}
