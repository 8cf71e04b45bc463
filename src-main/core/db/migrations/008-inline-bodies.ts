// Small object bodies stored in SQLite (owned by storage/): one row per inline version, removed with it.
// Versions written before this migration keep their files; both kinds live side by side.
export const inlineBodiesSchema = `
CREATE TABLE object_bodies (
  object_id INTEGER PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
  body BLOB NOT NULL
);
`;
