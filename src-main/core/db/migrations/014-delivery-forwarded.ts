// Deliveries forwarded by `listen` (owned by delivery/, beside 003-delivery): origin 'listen', the remote profile the
// event came from (bucket and hook_id name the remote bucket and the listen hook), and where and how it was forwarded
// (JSON {url, headers}: the local receiver and the headers as received), so a replay repeats that request.
export const deliveryForwardedSchema = `
ALTER TABLE deliveries ADD COLUMN remote_profile TEXT;   -- the remote profile, NULL for this computer's deliveries
ALTER TABLE deliveries ADD COLUMN forward TEXT;          -- JSON {"url", "headers"} of a forwarded event, else NULL
`;
