// Schema of buckets, object versions and multipart uploads (owned by storage/).
// Object rows are versions from day one; listings range-scan the partial index of latest live rows.
export const storageSchema = `
CREATE TABLE buckets (
  name TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  versioning TEXT NOT NULL DEFAULT ''        -- '' | 'Enabled' | 'Suspended'
);
CREATE TABLE objects (
  id INTEGER PRIMARY KEY,
  bucket TEXT NOT NULL REFERENCES buckets(name),
  key TEXT NOT NULL,
  version_id TEXT NOT NULL,                  -- 'null' for unversioned / suspended writes
  is_latest INTEGER NOT NULL,
  is_delete_marker INTEGER NOT NULL DEFAULT 0,
  size INTEGER NOT NULL DEFAULT 0,
  etag TEXT NOT NULL DEFAULT '',             -- hex, unquoted; may end in -N
  meta TEXT NOT NULL DEFAULT '{}',           -- JSON: content headers and x-amz-meta-*
  checksums TEXT NOT NULL DEFAULT '{}',      -- JSON: {"CRC32": base64, …}
  parts_count INTEGER,
  file TEXT,                                 -- generated file name under objects/, NULL for markers
  last_modified INTEGER NOT NULL,
  sequencer INTEGER NOT NULL,
  UNIQUE (bucket, key, version_id)
);
CREATE INDEX objects_live ON objects(bucket, key) WHERE is_latest = 1 AND is_delete_marker = 0;
CREATE INDEX objects_versions ON objects(bucket, key, sequencer DESC);
CREATE TABLE sequencer (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT INTO sequencer (id, value) VALUES (1, 0);
CREATE TABLE uploads (
  upload_id TEXT PRIMARY KEY,
  bucket TEXT NOT NULL REFERENCES buckets(name),
  key TEXT NOT NULL,
  meta TEXT NOT NULL DEFAULT '{}',
  checksum_algorithm TEXT,                   -- 'CRC32' | 'CRC32C' | 'SHA1' | 'SHA256' | NULL
  created_at INTEGER NOT NULL
);
CREATE INDEX uploads_key ON uploads(bucket, key, created_at);
CREATE TABLE parts (
  upload_id TEXT NOT NULL REFERENCES uploads(upload_id) ON DELETE CASCADE,
  part_number INTEGER NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  checksums TEXT NOT NULL DEFAULT '{}',
  file TEXT NOT NULL,
  last_modified INTEGER NOT NULL,
  PRIMARY KEY (upload_id, part_number)
);
`;
