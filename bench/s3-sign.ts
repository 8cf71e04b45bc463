// Presigned URLs for the bench (UNSIGNED-PAYLOAD, path-style), signed with the SDK's own S3 presigner over
// node:crypto hashes so that signing 100,000 URLs takes seconds, not minutes.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { HttpRequest } from '@smithy/protocol-http';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import type { Checksum, SourceData } from '@smithy/types';
import type { Target } from './s3-servers';

class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) { this.hash = this.fresh(); }
  private fresh(): Hash | Hmac {
    return this.secret ? createHmac('sha256', this.secret as Uint8Array | string) : createHash('sha256');
  }
  update(data: Uint8Array | string): void { this.hash.update(data); }
  async digest(): Promise<Uint8Array> { return new Uint8Array(this.hash.digest()); }
  reset(): void { this.hash = this.fresh(); }
}

/** Signs requests against one target. */
export interface Signer {
  /** Path and query (no origin) of a presigned request. */
  path(method: string, bucket: string, key?: string, query?: Record<string, string>): Promise<string>;
  url(method: string, bucket: string, key?: string, query?: Record<string, string>): Promise<string>;
}

/** A presigner for `target`'s endpoint and keys. */
export function signerFor(target: Target): Signer {
  const endpoint = new URL(target.endpoint);
  const presigner = new S3RequestPresigner({
    credentials: { accessKeyId: target.keys.accessKey, secretAccessKey: target.keys.secretKey },
    region: 'ru-msk', service: 's3', sha256: NodeSha256, uriEscapePath: false,
  });
  const path = async (method: string, bucket: string, key?: string, query: Record<string, string> = {}) => {
    const encodedKey = key === undefined ? '' : `/${key.split('/').map(encodeURIComponent).join('/')}`;
    const request = new HttpRequest({
      method, protocol: 'http:', hostname: endpoint.hostname, port: Number(endpoint.port),
      path: `/${bucket}${encodedKey}`, query, headers: { host: endpoint.host },
    });
    const signed = await presigner.presign(request, { expiresIn: 3600 });
    const qs = Object.entries(signed.query ?? {})
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
    return `${signed.path}?${qs}`;
  };
  return { path, url: async (...args) => `${target.endpoint}${await path(...args)}` };
}
