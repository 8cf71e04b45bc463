// Schema of the outbox (owned by delivery/): one row per (event, hook), written in the transaction
// of the object change; attempts are append-only (history is never edited, only pruned with its delivery).
export const deliverySchema = `
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,                -- the webhook-id header, stable across retries and replays (unique by construction)
  bucket TEXT NOT NULL,
  hook_id TEXT NOT NULL,
  key TEXT NOT NULL,
  event_name TEXT NOT NULL,
  sequencer INTEGER NOT NULL,
  body TEXT NOT NULL,                    -- the JSON posted: {"Records":[record]}
  status TEXT NOT NULL DEFAULT 'pending', -- 'pending' | 'delivered' | 'failed'
  attempts INTEGER NOT NULL DEFAULT 0,   -- every attempt, replays included (numbers the next one)
  auto_attempts INTEGER NOT NULL DEFAULT 0, -- scheduled attempts only (index into the retry schedule)
  next_at INTEGER NOT NULL,              -- pending: when the next try is due; finished: when it finished (ms epoch)
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_status INTEGER,                   -- HTTP status of the last attempt
  last_error TEXT                        -- error class/message of the last attempt
);
-- Few indexes, ordered so the rows one object change writes for many hooks share pages: every index
-- page dirtied by an insert is written to the WAL at commit, inside the PUT's transaction. The engine's
-- per-hook index holds pending rows only: while hooks keep up it stays a few pages that the rows of one
-- change share, instead of one page per hook behind each hook's delivered history.
CREATE INDEX deliveries_due ON deliveries(bucket, hook_id, next_at) WHERE status = 'pending';
CREATE INDEX deliveries_key ON deliveries(bucket, key, hook_id, status, sequencer);
CREATE INDEX deliveries_status_id ON deliveries(status, id);

CREATE TABLE delivery_attempts (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL,
  attempt INTEGER NOT NULL,              -- 1-based number within the delivery
  trigger TEXT NOT NULL,                 -- 'initial' | 'retry' | 'replay' | 'bulk-replay' | 'test'
  url TEXT NOT NULL,
  request_headers TEXT NOT NULL,         -- JSON object
  request_body TEXT,                     -- NULL: identical to deliveries.body
  response_status INTEGER,
  response_headers TEXT,                 -- JSON object, NULL when no response
  response_body TEXT,                    -- first 64 KiB
  error_class TEXT,                      -- 'dns' | 'refused' | 'timeout' | 'tls' | 'status' | 'reset' | 'other'
  error_message TEXT,
  duration_ms INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  next_at INTEGER                        -- when the next scheduled attempt is due, NULL when none
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts(delivery_id, id);
`;
