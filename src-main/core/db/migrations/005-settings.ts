// Schema of the app settings (owned by settings/): one JSON value per key, read when a core starts.
export const settingsSchema = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,                   -- JSON
  updated_at INTEGER NOT NULL
);
`;
