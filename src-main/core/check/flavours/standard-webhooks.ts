// Standard Webhooks signing as the check sees it (every flavour BucketHooks signs with a `whsec_` secret):
// `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC>`, several entries during a rotation.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { CheckSigning } from '../flavour';
import type { CheckRequest } from '../types';

/** `request` without the headers `names` (lower-case). */
export function withoutHeaders(request: CheckRequest, names: readonly string[]): CheckRequest {
  return { ...request, headers: Object.fromEntries(Object.entries(request.headers).filter(([k]) => !names.includes(k))) };
}

/** Standard Webhooks: the delivery builder signs; a rotation re-signs with the `standardwebhooks` library, one entry per secret. */
export const standardWebhooks: CheckSigning = {
  scheme: 'Standard Webhooks',
  carrier: 'webhook-signature',
  keyedBy: 'secret',
  wrongKey: () => ({ secret: `whsec_${randomBytes(24).toString('base64')}` }),
  strip: (request) => withoutHeaders(request, ['webhook-signature']),
  toleranceSeconds: 5 * 60,
  rotate(request, secrets) {
    const id = request.headers['webhook-id'];
    const at = new Date(Number(request.headers['webhook-timestamp']) * 1000);
    const signature = secrets.map((s) => new Webhook(s).sign(id, at, request.body)).join(' ');
    return { ...request, headers: { ...request.headers, 'webhook-signature': signature } };
  },
};
