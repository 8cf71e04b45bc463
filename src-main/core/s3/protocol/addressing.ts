// Bucket and key of a request: virtual-hosted (`bucket.localhost:9000/key`) or path-style (`/bucket/key`).
// Keys are decoded exactly: any UTF-8, `+` stays a plus, `%2F` is a slash inside the key.
import { S3Error } from '../s3-error';

/** Where a request points. */
export interface Target { bucket?: string; key?: string }

const MAX_KEY_BYTES = 1024;

/** Host name without port and IPv6 brackets, lower-cased. */
function hostName(host: string | undefined): string {
  const h = (host ?? '').trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

function isIp(name: string): boolean {
  return name.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(name);
}

/**
 * The bucket named by a virtual-hosted Host (`my.bucket.localhost` → `my.bucket`), or undefined for
 * path-style: an IP, bare `localhost`, or a name that is not a sub-domain of one of `endpointNames`.
 */
export function virtualHostBucket(host: string | undefined, endpointNames: readonly string[]): string | undefined {
  const name = hostName(host);
  if (!name || isIp(name)) return undefined;
  for (const endpoint of endpointNames) {
    if (name.length > endpoint.length + 1 && name.endsWith('.' + endpoint)) return name.slice(0, -endpoint.length - 1);
  }
  return undefined;
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.");
  }
}

/** Resolve bucket and key from the Host and the raw (still encoded) path. */
export function resolveTarget(host: string | undefined, rawPath: string, endpointNames: readonly string[]): Target {
  const vhost = virtualHostBucket(host, endpointNames);
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  let bucket: string | undefined;
  let rawKey: string;
  if (vhost !== undefined) {
    bucket = vhost;
    rawKey = path;
  } else {
    const slash = path.indexOf('/');
    bucket = decode(slash < 0 ? path : path.slice(0, slash)) || undefined;
    rawKey = slash < 0 ? '' : path.slice(slash + 1);
  }
  if (!rawKey) return { bucket };
  const key = decode(rawKey);
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', 'Your key is too long', { MaxSizeAllowed: String(MAX_KEY_BYTES), Size: String(Buffer.byteLength(key)) });
  }
  return { bucket, key };
}
