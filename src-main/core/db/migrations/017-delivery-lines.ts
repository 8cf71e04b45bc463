// Delivery key lines (owned by delivery/, beside 003): the per-key order checks read a partial index of pending rows
// only, which stays a few hot pages; the log's key-prefix filter keeps a (bucket, key) index that an outcome never
// touches. The old (bucket, key, hook_id, status, sequencer) index moved an entry at every outcome (a page write at a
// random place per delivery, a quarter of a hooked commit's pages).
export const deliveryLinesSchema = `
DROP INDEX deliveries_key;
CREATE INDEX deliveries_key ON deliveries(bucket, key);
CREATE INDEX deliveries_line ON deliveries(bucket, hook_id, key, sequencer) WHERE status = 'pending';
`;
