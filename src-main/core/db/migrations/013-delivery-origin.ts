// Where a delivery came from (owned by delivery/, beside 003-delivery): an object change, or a backfill of objects
// that existed before the hook (its first attempt is marked with trigger 'backfill').
export const deliveryOriginSchema = `
ALTER TABLE deliveries ADD COLUMN origin TEXT NOT NULL DEFAULT 'change';   -- 'change' | 'backfill'
`;
