// Realism effects in the delivery log (owned by delivery/, beside 003-delivery): the holds planned for a delivery when
// it was enqueued (copied onto its first attempt), and what each attempt had done to it (batch, duplicate, …).
export const deliveryEffectsSchema = `
ALTER TABLE deliveries ADD COLUMN effects TEXT;          -- JSON AttemptEffect[] planned at enqueue, NULL = none
ALTER TABLE delivery_attempts ADD COLUMN effects TEXT;   -- JSON AttemptEffect[] of this attempt, NULL = none
`;
