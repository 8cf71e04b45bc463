// Backblaze B2's signing as the check sees it: `X-Bz-Event-Notification-Signature: v1=<hex HMAC-SHA256>` of the raw
// body with the rule's secret (payloads/other-services.ts signs); no timestamp, one signature per request.
import { randomBytes } from 'node:crypto';
import type { CheckSigning } from '../flavour';
import { withoutHeaders } from './standard-webhooks';

/** B2's signing secrets are 32 letters and digits; the check takes any printable secret of 1 to 256 characters. */
export function b2Secret(secret: string): string | null {
  return /^[\x21-\x7e]{1,256}$/.test(secret) ? null : 'Must be 1 to 256 printable ASCII characters without spaces';
}

/** B2's `v1=` HMAC (with a `whsec_` secret the Standard Webhooks headers come too; both count as the signature). */
export const b2Signing: CheckSigning = {
  scheme: 'B2 event notification',
  carrier: 'X-Bz-Event-Notification-Signature',
  keyedBy: 'secret',
  wrongKey: () => ({ secret: randomBytes(24).toString('base64url').slice(0, 32) }),
  strip: (request) => withoutHeaders(request, ['x-bz-event-notification-signature', 'webhook-signature']),
  toleranceSeconds: null,
  rotate: null,
};
