// Schema of buckets, object versions and multipart uploads (owned by storage/).
export const storageSchema = `
CREATE TABLE buckets (
  name TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
);
`;
