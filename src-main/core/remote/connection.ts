// A connection to one S3 service from a profile: an @aws-sdk/client-s3 client and raw SigV4-signed requests
// (for ?notification, whose VK dialect the SDK's model cannot carry), both over one Node HTTP handler with the
// profile's addressing, TLS verification and timeouts, so every failure ends as one error within 10 s.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import type { Profile } from './profile';

/** Connect and whole-request limits (ms); together they keep any failure under 10 s. */
export interface Timeouts { connectMs: number; requestMs: number }
export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 4000, requestMs: 9000 };

/**
 * A raw request on a bucket's subresource, or on the service itself (ListBuckets, the SNS-compatible topic API's
 * form POSTs) without `bucket`.
 */
export interface RawRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  bucket?: string;
  query: Record<string, string>;
  body?: string;
  contentType?: string;
}
export interface RawResponse { status: number; headers: Record<string, string>; body: string }

/** An open connection; `close()` frees its sockets. */
export interface Connection {
  readonly profile: Profile;
  readonly s3: S3Client;
  raw(request: RawRequest): Promise<RawResponse>;
  close(): void;
}

/** Largest raw answer read (a notification document is at most 1 MiB). */
const MAX_RAW_BODY = 2 * 1024 * 1024;

/**
 * Where a bucket lives: path-style (`endpoint/bucket`) or virtual-hosted (`bucket.endpoint/`).
 * compat: an endpoint given as an IP address is always addressed path-style (no DNS name to prefix).
 */
export function bucketLocation(profile: Pick<Profile, 'endpoint' | 'pathStyle'>, bucket: string): { url: URL; path: string } {
  const url = new URL(profile.endpoint);
  if (profile.pathStyle || isIP(url.hostname.replace(/^\[|\]$/g, ''))) return { url, path: `/${encodeURIComponent(bucket)}` };
  return { url: new URL(`${url.protocol}//${bucket}.${url.host}`), path: '/' };
}

async function readCapped(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_RAW_BODY) { body.destroy(); throw new Error(`answer larger than ${MAX_RAW_BODY} bytes`); }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Open a connection for `profile`. */
export function connect(profile: Profile, timeouts: Timeouts = DEFAULT_TIMEOUTS): Connection {
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16 });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 16, rejectUnauthorized: profile.verifyTls });
  const handler = new NodeHttpHandler({
    httpAgent, httpsAgent, connectionTimeout: timeouts.connectMs,
    requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true,
  });
  const credentials = { accessKeyId: profile.accessKey, secretAccessKey: profile.secretKey };
  // compat: checksums only where S3 requires them; many S3-compatible services reject the SDK's newer defaults.
  const s3 = new S3Client({
    endpoint: profile.endpoint, region: profile.region, forcePathStyle: profile.pathStyle, credentials,
    requestHandler: handler, maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const signer = new SignatureV4({ service: 's3', region: profile.region, sha256: Sha256, uriEscapePath: false, credentials });

  return {
    profile,
    s3,
    async raw({ method, bucket, query, body, contentType }) {
      const { url, path } = bucket === undefined ? { url: new URL(profile.endpoint), path: '/' } : bucketLocation(profile, bucket);
      const headers: Record<string, string> = { host: url.host };
      if (body !== undefined) {
        headers['content-type'] = contentType ?? 'application/xml';
        headers['content-md5'] = createHash('md5').update(body).digest('base64');
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      const request = new HttpRequest({
        method, protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined,
        path, query, headers, body,
      });
      const signed = await signer.sign(request, { signingDate: new Date() });
      const { response } = await handler.handle(signed as HttpRequest);
      return { status: response.statusCode, headers: response.headers, body: await readCapped(response.body as Readable) };
    },
    close() {
      s3.destroy();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
