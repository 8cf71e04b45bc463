// Schema of the built-in inbox (owned by inbox/): named receivers, their failure switch, and what they captured.
export const inboxSchema = `
CREATE TABLE inboxes (
  name TEXT PRIMARY KEY,
  fail_status INTEGER,                   -- answer this status instead of 200; NULL = healthy
  fail_delay_ms INTEGER NOT NULL DEFAULT 0,
  fail_remaining INTEGER,                -- requests left to fail; NULL = until reset
  created_at INTEGER NOT NULL
);
CREATE TABLE inbox_captures (
  id INTEGER PRIMARY KEY,
  inbox TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  headers TEXT NOT NULL,                 -- JSON object
  body BLOB NOT NULL,                    -- first 1 MiB
  body_size INTEGER NOT NULL,            -- full size received
  response_status INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX inbox_captures_inbox ON inbox_captures(inbox, id);
`;
