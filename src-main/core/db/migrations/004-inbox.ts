// Schema of the built-in inbox (owned by inbox/): named receivers and what they captured.
export const inboxSchema = `
CREATE TABLE inbox_captures (
  id INTEGER PRIMARY KEY,
  inbox TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
`;
