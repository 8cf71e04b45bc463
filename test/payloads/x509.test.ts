// The SNS signing certificate: every one issued parses as X.509 and carries the key it was made for (a serial in
// non-minimal DER, 1 in 256 of them before, made the certificate unreadable and every SNS delivery unverifiable).
import { createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../src-main/core/payloads/x509';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKey = createPublicKey(privateKey);

describe('selfSignedCertificate', () => {
  it('issues certificates that parse, name the common name and match the key, 3,000 in a row', () => {
    const failures: string[] = [];
    const serials = new Set<string>();
    for (let i = 0; i < 3000; i += 1) {
      const pem = selfSignedCertificate(privateKey, publicKey, 'sns.buckethooks.local');
      try {
        const cert = new X509Certificate(pem);
        if (!cert.checkPrivateKey(privateKey) || cert.subject !== 'CN=sns.buckethooks.local') failures.push(`#${i}: ${cert.subject}`);
        serials.add(cert.serialNumber);
      } catch (error) {
        failures.push(`#${i}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(serials.size).toBe(3000);
  });

  it('is valid from a day ago for twenty years, and signed by its own key', () => {
    const cert = new X509Certificate(selfSignedCertificate(privateKey, publicKey, 'a.example'));
    const from = Date.parse(cert.validFrom);
    expect(Date.now() - from).toBeGreaterThan(86_000_000);
    expect(Date.parse(cert.validTo) - from).toBeGreaterThan(19.9 * 365 * 86_400_000);
    expect(cert.verify(publicKey)).toBe(true);
  });
});
