// A minimal self-signed X.509 v3 certificate (RSA, SHA-256) in DER/PEM: what the SNS SigningCertURL serves. node:crypto
// signs and parses certificates but cannot issue one; this encodes the few fixed fields of RFC 5280 it needs.
// @see https://www.rfc-editor.org/rfc/rfc5280#section-4.1
import { createSign, randomBytes, type KeyObject } from 'node:crypto';

/** One DER TLV. */
function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : (() => {
    const bytes: number[] = [];
    for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
  })();
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));

/** An OBJECT IDENTIFIER from dotted form. */
function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const v of rest) {
    const chunk: number[] = [v & 0x7f];
    for (let x = v >> 7; x > 0; x >>= 7) chunk.unshift(0x80 | (x & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** A Time as RFC 5280 wants it: UTCTime through 2049, GeneralizedTime after. */
function time(d: Date): Buffer {
  const full = d.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}/, '');
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(full.slice(2), 'ascii')) : tlv(0x18, Buffer.from(full, 'ascii'));
}

/** A Name with one CN. */
const name = (cn: string): Buffer => seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));

/** A self-signed certificate for `publicKey` signed by `privateKey`, valid from yesterday for 20 years, as PEM. */
export function selfSignedCertificate(privateKey: KeyObject, publicKey: KeyObject, commonName: string): string {
  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0)));
  // A positive INTEGER in minimal DER: the first byte neither sets the sign bit nor is a 0x00 pad.
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40;
  const from = new Date(Date.now() - 86_400_000);
  const to = new Date(from.getTime() + 20 * 365 * 86_400_000);
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), tlv(0x02, serial), sha256WithRsa, name(commonName), seq(time(from), time(to)),
    name(commonName), publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = createSign('sha256').update(tbs).sign(privateKey);
  const der = seq(tbs, sha256WithRsa, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}-----END CERTIFICATE-----\n`;
}
