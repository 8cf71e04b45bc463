// The contract of objects: listing, details, presigned links, folders and uploads, on any profile.

import type { Empty, OnProfile } from './common';

export interface ObjectEntry { key: string; size: number; etag: string; lastModified: string | null }
export interface ObjectListInput extends OnProfile {
  bucket: string;
  /** Folder prefix (ends with '/' or is empty). */
  prefix?: string;
  /** Extra name prefix typed in the search box, appended to `prefix`. */
  search?: string;
  /** Continuation token of the previous page. */
  cursor?: string;
  /** Page size, 1–1000 (default 200). */
  limit?: number;
}
export interface ObjectListPage { prefix: string; folders: string[]; objects: ObjectEntry[]; nextCursor: string | null }
export interface ObjectVersion { versionId: string; isLatest: boolean; deleteMarker: boolean; size: number; lastModified: string | null; etag: string }
export interface ObjectDetails extends ObjectEntry {
  contentType: string | null; metadata: Record<string, string>; versionId: string | null; versions: ObjectVersion[];
}
export interface PresignInput extends OnProfile { bucket: string; key: string; method?: 'GET' | 'PUT'; expiresIn?: number; versionId?: string; download?: boolean }
/** How the renderer uploads: one presigned PUT, or presigned part URLs then objects.completeUpload. */
export type UploadPlan =
  | { mode: 'single'; url: string }
  | { mode: 'multipart'; uploadId: string; partSize: number; partUrls: string[] };
export interface CompleteUploadInput extends OnProfile { bucket: string; key: string; uploadId: string; parts: { partNumber: number; etag: string }[] }

/** The objects methods of the app API. */
export interface ObjectsMethods {
  'objects.list': (input: ObjectListInput) => Promise<ObjectListPage>;
  'objects.head': (input: { bucket: string; key: string } & OnProfile) => Promise<ObjectDetails>;
  'objects.delete': (input: { bucket: string; keys: string[] } & OnProfile) => Promise<{ deleted: string[]; errors: { key: string; message: string }[] }>;
  'objects.presign': (input: PresignInput) => Promise<{ url: string; expiresAt: number }>;
  /** Create a folder: an empty object whose key ends with '/' (as S3 consoles do). */
  'objects.createFolder': (input: { bucket: string; key: string } & OnProfile) => Promise<Empty>;
  'objects.createUpload': (input: { bucket: string; key: string; size: number; contentType?: string } & OnProfile) => Promise<UploadPlan>;
  'objects.completeUpload': (input: CompleteUploadInput) => Promise<{ etag: string }>;
  'objects.abortUpload': (input: { bucket: string; key: string; uploadId: string } & OnProfile) => Promise<Empty>;
}
