// Standard Webhooks signing for the check (the vk and aws flavours of BucketHooks): `webhook-id`,
// `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC>` with one entry per secret.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { hookSecretProblem } from '../../../../src-shared/rules';
import type { CheckSigning, SignInput } from '../flavour';

/** Standard Webhooks: the `standardwebhooks` library signs; several secrets give a space-separated list. */
export const standardWebhooks: CheckSigning = {
  scheme: 'Standard Webhooks',
  secretProblem: hookSecretProblem,
  sign(msg: SignInput, secrets: readonly string[]): Record<string, string> {
    const at = new Date(msg.at);
    return {
      'webhook-id': msg.id,
      'webhook-timestamp': String(Math.floor(msg.at / 1000)),
      'webhook-signature': secrets.map((s) => new Webhook(s).sign(msg.id, at, msg.body)).join(' '),
    };
  },
  newSecret: () => `whsec_${randomBytes(24).toString('base64')}`,
  signatureHeaders: ['webhook-signature'],
  toleranceSeconds: 5 * 60,
  rotation: true,
};
