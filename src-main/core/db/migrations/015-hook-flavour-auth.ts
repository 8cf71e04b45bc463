// A hook's payload flavour and delivery auth (owned by notifications/, beside 002-hooks): flavour NULL = the dialect's
// default; auth = the sealed JSON HookAuth (custom headers, bearer token, basic auth), NULL = none. Extras S3 has no
// XML for, kept across PUTs of the configuration like the retry policy.
export const hookFlavourAuthSchema = `
ALTER TABLE hooks ADD COLUMN flavour TEXT;
ALTER TABLE hooks ADD COLUMN auth TEXT;
`;
