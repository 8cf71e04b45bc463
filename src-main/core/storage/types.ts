// Storage vocabulary: buckets, object versions, content metadata, and who made a change.
// Plain data shared by storage/ and the S3 operations; no behaviour.
import type { Checksums, ChecksumAlgorithm } from './hashing';

/** Bucket versioning state; '' = never enabled. */
export type Versioning = '' | 'Enabled' | 'Suspended';

export interface BucketInfo { name: string; createdAt: number; versioning: Versioning }

/** One CORS rule of a bucket, as PutBucketCors gave it (validated by the protocol layer). */
export interface CorsRule {
  id?: string;
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds?: number;
}

/** Content headers stored with an object and returned on GET/HEAD. */
export interface ObjectMeta {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  cacheControl?: string;
  contentLanguage?: string;
  expires?: string;
  /** x-amz-meta-* with the prefix removed, names lower-cased. */
  user?: Record<string, string>;
}

/** One object version (or delete marker) as stored. */
export interface ObjectVersion {
  /** Row id in the objects table (keys an inline body; ids of removed rows can be reused). */
  rowId: number;
  bucket: string;
  key: string;
  /** 'null' for versions written while versioning was off or suspended. */
  versionId: string;
  isLatest: boolean;
  isDeleteMarker: boolean;
  size: number;
  /** Hex, unquoted; ends in -N for multipart. */
  etag: string;
  meta: ObjectMeta;
  checksums: Checksums;
  /** Number of parts, for objects made by CompleteMultipartUpload. */
  partsCount?: number;
  /** Stored file name (generated), null for delete markers and bodies stored inline in SQLite. */
  file: string | null;
  lastModified: number;
  sequencer: number;
}

/** Who made a change: copied into the ObjectChange of the event. */
export interface ChangeContext { requestId: string; hostId: string; sourceIp: string; principalId: string }

/** A multipart upload in progress. */
export interface UploadInfo {
  uploadId: string;
  bucket: string;
  key: string;
  meta: ObjectMeta;
  checksumAlgorithm?: ChecksumAlgorithm;
  /** How the object's checksum is made (when it has an algorithm): from the part checksums, or over all bytes. */
  checksumType?: ChecksumType;
  createdAt: number;
}

/** COMPOSITE: a checksum of the part checksums, suffixed `-N`; FULL_OBJECT: a checksum of all the bytes. */
export type ChecksumType = 'COMPOSITE' | 'FULL_OBJECT';

/** One part of a completed multipart object, in part order. */
export interface PartLayout { size: number; checksums: Checksums }

/** One uploaded part. */
export interface PartInfo {
  partNumber: number;
  size: number;
  etag: string;
  checksums: Checksums;
  file: string;
  lastModified: number;
}
