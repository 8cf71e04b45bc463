// SNS signing as the check sees it: SignatureVersion 2 (RSA-SHA256 over the canonical string) in the envelope's
// `Signature`, made with the data dir's key whose certificate the check serves at SigningCertURL (payloads/ signs).
import { ephemeralSnsKeys, type SnsKeys } from '../../payloads/sns-keys';
import type { CheckSigning } from '../flavour';

let untrusted: SnsKeys | undefined;

/** SNS: always signed (no `--secret` needed); the wrong key is a fresh one the served certificate does not match. */
export const snsSigning: CheckSigning = {
  scheme: 'SNS SignatureVersion 2',
  carrier: 'the envelope\'s Signature',
  keyedBy: 'sns-key',
  wrongKey: () => ({ snsSign: (untrusted ??= ephemeralSnsKeys()).sign }),
  strip(request) {
    const { Signature: _dropped, ...rest } = JSON.parse(request.body) as Record<string, unknown>;
    return { ...request, body: JSON.stringify(rest) };
  },
  toleranceSeconds: null,
  rotate: null,
};
