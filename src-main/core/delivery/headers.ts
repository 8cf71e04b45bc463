// The request headers of a delivery (SPEC §4): content type, SNS message type, User-Agent, the stable
// webhook-id and, for hooks with a `whsec_` secret, the Standard Webhooks timestamp and signature.
import { Webhook } from 'standardwebhooks';

const signers = new Map<string, Webhook>();

function signer(secret: string): Webhook {
  let w = signers.get(secret);
  if (!w) {
    w = new Webhook(secret);
    signers.set(secret, w);
  }
  return w;
}

export interface HeaderInput {
  eventId: string;
  body: string;
  version: string;
  /** The hook's secret; only `whsec_…` values sign. */
  secret: string | null;
  /** ms epoch of the attempt (the signature timestamp). */
  now: number;
  /** X-Amz-Sns-Message-Type; 'Notification' for events. */
  messageType?: string;
}

/** Headers for one attempt. The signature is recomputed per attempt (its timestamp is the attempt's). */
export function deliveryHeaders(input: HeaderInput): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amz-sns-message-type': input.messageType ?? 'Notification',
    'user-agent': `BucketHooks/${input.version}`,
    'webhook-id': input.eventId,
  };
  if (input.secret && input.secret.startsWith('whsec_')) {
    const at = new Date(input.now);
    headers['webhook-timestamp'] = String(Math.floor(input.now / 1000));
    headers['webhook-signature'] = signer(input.secret).sign(input.eventId, at, input.body);
  }
  return headers;
}
