// Schema of bucket webhooks (owned by notifications/): one row per hook of a bucket's notification
// configuration, in document order, plus the BucketHooks extras S3 has no XML for (state, secret, retry policy).
export const hooksSchema = `
CREATE TABLE hooks (
  bucket TEXT NOT NULL,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  dialect TEXT NOT NULL,              -- 'vk' | 'topic' | 'queue' | 'cloudfunction'
  url TEXT NOT NULL,
  events TEXT NOT NULL,               -- JSON array of event names as written
  filter_rules TEXT NOT NULL DEFAULT '[]', -- JSON array of {name, value} as written (GET renders these)
  prefix TEXT,                        -- the prefix rule's value, or NULL (for queries)
  suffix TEXT,                        -- the suffix rule's value, or NULL
  state TEXT NOT NULL DEFAULT 'active',   -- 'active' | 'paused' | 'disabled'
  confirmed INTEGER NOT NULL DEFAULT 1,   -- 0: saved unconfirmed (record mode)
  confirm_error TEXT,                     -- why the handshake failed, when unconfirmed
  secret TEXT,                            -- 'whsec_…' for Standard Webhooks signatures, or NULL
  retry_schedule TEXT,                    -- JSON array of delays in ms after the first try; NULL = default
  max_age_ms INTEGER,                     -- give up after this age; NULL = schedule decides
  timeout_ms INTEGER NOT NULL DEFAULT 10000,
  concurrency INTEGER NOT NULL DEFAULT 8,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (bucket, id)
);
`;
