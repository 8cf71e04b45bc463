// The SNS signing identity of this server: an RSA key pair kept in the data dir (created on first use, owner-only) and
// a self-signed X.509 certificate for it, served as PEM at SigningCertURL so receivers verify SignatureVersion 2.
import { createPrivateKey, createPublicKey, createSign, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { selfSignedCertificate } from './x509';

/** The server's SNS signer: sign a canonical string, and the certificate PEM to serve. */
export interface SnsKeys { sign(text: string): string; certificatePem: string }

const KEY_FILE = 'sns-signing-key.pem';
const CERT_FILE = 'sns-signing-cert.pem';

/** Load the key pair and certificate from `dataDir`, creating them when missing or unreadable. */
export function loadSnsKeys(dataDir: string): SnsKeys {
  const keyPath = join(dataDir, KEY_FILE);
  const certPath = join(dataDir, CERT_FILE);
  let key: KeyObject | undefined;
  let cert: string | undefined;
  if (existsSync(keyPath) && existsSync(certPath)) {
    try {
      key = createPrivateKey(readFileSync(keyPath, 'utf8'));
      cert = readFileSync(certPath, 'utf8');
      if (!new X509Certificate(cert).checkPrivateKey(key)) key = undefined;
    } catch {
      key = undefined;
    }
  }
  if (!key || !cert) {
    key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    cert = selfSignedCertificate(key, createPublicKey(key), 'sns.buckethooks.local');
    writeFileSync(keyPath, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(certPath, cert, { mode: 0o600 });
  }
  return signerOf(key, cert);
}

/** A key pair and certificate made now and kept in memory only (a signer with no data dir, or one nobody trusts). */
export function ephemeralSnsKeys(): SnsKeys {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return signerOf(key, selfSignedCertificate(key, createPublicKey(key), 'sns.buckethooks.local'));
}

function signerOf(privateKey: KeyObject, certificatePem: string): SnsKeys {
  return { sign: (text) => createSign('RSA-SHA256').update(text, 'utf8').sign(privateKey, 'base64'), certificatePem };
}
