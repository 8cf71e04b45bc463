// Multipart state kept past completion (owned by storage/multipart.ts): the checksum type an upload was created
// with, each completed object's part layout (partNumber reads, part checksums) removed with its version, and a
// day of completed upload ids so a retried CompleteMultipartUpload answers like the first.
export const multipartCompletionSchema = `
ALTER TABLE uploads ADD COLUMN checksum_type TEXT;   -- 'COMPOSITE' | 'FULL_OBJECT' | NULL (no checksum)
CREATE TABLE object_parts (
  object_id INTEGER PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
  parts TEXT NOT NULL                                -- JSON: [{ "size": n, "checksums": {…} }] in part order
);
CREATE TABLE completed_uploads (
  upload_id TEXT PRIMARY KEY,
  bucket TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
  key TEXT NOT NULL,
  version_id TEXT NOT NULL,
  etag TEXT NOT NULL,
  completed_at INTEGER NOT NULL
);
CREATE INDEX completed_uploads_age ON completed_uploads(completed_at);
`;
