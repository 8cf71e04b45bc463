// SigV4 signing keys for the endpoint's one key pair, derived by @smithy/signature-v4 and cached per
// date/region/service. Also the final HMAC step and hashing helpers shared by header, presign, chunk and POST auth.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { getSigningKey } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';

/** The one access key pair the endpoint accepts. */
export interface KeyPair { accessKey: string; secretKey: string }

/** Returns the signing key for a credential scope (shortDate/region/service). */
export type SigningKeyProvider = (shortDate: string, region: string, service: string) => Promise<Buffer>;

const CACHE_LIMIT = 64;

/** A cached signing-key provider for `keys` (the derivation itself is the library's). */
export function createSigningKeys(keys: KeyPair): SigningKeyProvider {
  const cache = new Map<string, Buffer>();
  const credentials = { accessKeyId: keys.accessKey, secretAccessKey: keys.secretKey };
  return async (shortDate, region, service) => {
    const id = `${shortDate}/${region}/${service}`;
    const hit = cache.get(id);
    if (hit) return hit;
    const key = Buffer.from(await getSigningKey(Sha256, credentials, shortDate, region, service));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(id, key);
    return key;
  };
}

/** Lower-case hex HMAC-SHA256 of `data` with the derived signing key. */
export function hmacHex(signingKey: Buffer, data: string): string {
  return createHmac('sha256', signingKey).update(data, 'utf8').digest('hex');
}

/** Lower-case hex SHA-256 (strings encoded as `encoding`, UTF-8 by default). */
export function sha256Hex(data: string | Buffer, encoding: 'utf8' | 'latin1' = 'utf8'): string {
  return typeof data === 'string' ? createHash('sha256').update(data, encoding).digest('hex') : createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of the empty string, used in chunk string-to-sign. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Constant-time comparison of two signatures; `b` comes from the client and may hold any characters. */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
