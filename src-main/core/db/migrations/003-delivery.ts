// Schema of the outbox (owned by delivery/): one row per (event, hook), written in the transaction
// of the object change; attempts are append-only.
export const deliverySchema = `
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,         -- the webhook-id header, stable across retries and replays
  bucket TEXT NOT NULL,
  hook_id TEXT NOT NULL,
  key TEXT NOT NULL,
  event_name TEXT NOT NULL,
  sequencer INTEGER NOT NULL,
  body TEXT NOT NULL,                    -- the JSON posted: {"Records":[record]}
  status TEXT NOT NULL DEFAULT 'pending', -- 'pending' | 'delivered' | 'failed'
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,              -- when the next try is due (ms epoch)
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_status INTEGER,                   -- HTTP status of the last attempt
  last_error TEXT                        -- error class/message of the last attempt
);
CREATE INDEX deliveries_due ON deliveries(status, next_at);
CREATE INDEX deliveries_hook_key ON deliveries(bucket, hook_id, key, sequencer);
CREATE INDEX deliveries_created ON deliveries(created_at);
`;
