// A hook's own realism options (owned by notifications/, beside 002-hooks): JSON RealismOptions, NULL = the server's
// default (--realism). An extra S3 has no XML for, kept across PUTs of the configuration like the retry policy.
export const hookRealismSchema = `
ALTER TABLE hooks ADD COLUMN realism TEXT;
`;
