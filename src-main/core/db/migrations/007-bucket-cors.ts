// Per-bucket CORS configuration (owned by storage/): one row per bucket that has rules, dropped with the bucket.
export const bucketCorsSchema = `
CREATE TABLE bucket_cors (
  bucket TEXT PRIMARY KEY REFERENCES buckets(name) ON DELETE CASCADE,
  rules TEXT NOT NULL                        -- JSON: CorsRule[] in document order
);
`;
