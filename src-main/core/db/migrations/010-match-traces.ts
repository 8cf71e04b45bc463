// Match traces (owned by notifications/, beside 002-hooks): one row per committed object change with what each hook
// of the bucket did with it — the answer to "why didn't my hook fire?" and the feed of `watch`. Bounded like the
// delivery log: rows older than the retention age or beyond the newest 100,000 are pruned.
export const matchTracesSchema = `
CREATE TABLE match_traces (
  id INTEGER PRIMARY KEY,
  bucket TEXT NOT NULL,
  key TEXT NOT NULL,
  event_name TEXT NOT NULL,
  version_id TEXT,
  size INTEGER,                      -- NULL for removals
  etag TEXT,                         -- NULL for removals
  sequencer INTEGER NOT NULL,
  at INTEGER NOT NULL,               -- ms epoch of the change
  verdicts TEXT NOT NULL             -- JSON: [{ "id", "outcome": "fired"|"held"|"skipped", "why"?, "detail"? }] in hook order
);
CREATE INDEX match_traces_key ON match_traces(bucket, key, id);
`;
