// Test helper: a raw SigV4-signed request to a test core (for what the SDK cannot send, e.g. VK's XML).
import http from 'node:http';
import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { TEST_KEYS } from '../helpers/core';

export interface SignedResponse { status: number; body: string }

/** Send `method path?query` with a signed hex-SHA-256 payload. */
export async function signedRequest(
  endpoint: string, method: string, path: string, query: Record<string, string>, body = '', headers: Record<string, string> = {},
  keys: { accessKey: string; secretKey: string } = TEST_KEYS,
): Promise<SignedResponse> {
  const { hostname, port, host } = new URL(endpoint);
  const signer = new SignatureV4({
    service: 's3', region: 'ru-msk', sha256: Sha256,
    credentials: { accessKeyId: keys.accessKey, secretAccessKey: keys.secretKey },
  });
  const request = new HttpRequest({
    method, protocol: 'http:', hostname, port: Number(port), path, query,
    headers: { host, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'), 'content-length': String(Buffer.byteLength(body)), ...headers },
    body,
  });
  const signed = await signer.sign(request);
  const qs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port: Number(port), method, path: qs ? `${path}?${qs}` : path, headers: signed.headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
