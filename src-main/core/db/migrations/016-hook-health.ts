// Hook health (owned by health/, the hooks columns by notifications/): per-minute delivery figures of each hook,
// written in batches from in-memory counters, and the reason a hook was paused by its suspension policy or loop guard.
export const hookHealthSchema = `
CREATE TABLE hook_minutes (
  bucket TEXT NOT NULL,
  hook_id TEXT NOT NULL,
  minute INTEGER NOT NULL,               -- ms epoch of the minute's start
  attempts INTEGER NOT NULL DEFAULT 0,   -- attempts answered in this minute (any trigger)
  ok INTEGER NOT NULL DEFAULT 0,         -- of which a 2xx
  delivered INTEGER NOT NULL DEFAULT 0,  -- deliveries that became delivered
  failed INTEGER NOT NULL DEFAULT 0,     -- deliveries that became failed (dead-lettered)
  retried INTEGER NOT NULL DEFAULT 0,    -- failed attempts that left a retry scheduled
  latency_sum INTEGER NOT NULL DEFAULT 0,
  latency_hist TEXT NOT NULL DEFAULT '[]', -- JSON counts per bucket of LATENCY_BOUNDS_MS (health/latency.ts)
  last_error TEXT,
  PRIMARY KEY (bucket, hook_id, minute)
) WITHOUT ROWID;
ALTER TABLE hooks ADD COLUMN state_reason TEXT;     -- why the hook is paused when it paused itself, else NULL
ALTER TABLE hooks ADD COLUMN health_policy TEXT;    -- JSON HealthPolicy (suspension, loop guard), NULL = defaults
`;
