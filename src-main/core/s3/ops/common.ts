// Helpers shared by the S3 operations: required bucket/key, change context, ETag quoting, dates, owner.
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../s3-error';
import type { S3Request } from '../types';
import type { ChangeContext, Versioning } from '../../storage/types';
import type { ObjectOperationDeps } from './deps';

/** The request's bucket (the router guarantees one for bucket-level operations). */
export function bucketOf(req: S3Request): string {
  if (!req.bucket) throw new S3Error('InvalidRequest', 'A bucket name is required for this operation.');
  return req.bucket;
}

/** The request's key; KeyTooLongError past 1024 UTF-8 bytes. */
export function keyOf(req: S3Request): string {
  const key = req.key;
  if (key === undefined || key === '') throw new S3Error('InvalidRequest', 'An object key is required for this operation.');
  if (Buffer.byteLength(key, 'utf8') > 1024) throw new S3Error('KeyTooLongError', 'Your key is too long');
  return key;
}

/** Who made the change, for the event record. */
export function ctxOf(req: S3Request): ChangeContext {
  return { requestId: req.requestId, hostId: req.hostId, sourceIp: req.sourceIp, principalId: req.accessKey };
}

/** A header value as one string (first of repeated headers). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** ETags are quoted in headers and XML. */
export const quote = (etag: string): string => `"${etag}"`;

/** Strip quotes (and a W/ prefix) from an ETag a client sent. */
export const unquote = (etag: string): string => etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');

/** Last-Modified and friends: RFC 7231 date. */
export const httpDate = (ms: number): string => new Date(ms).toUTCString();

/** The Owner element of listings. */
export function owner(deps: ObjectOperationDeps): { ID: string; DisplayName: string } {
  return { ID: deps.config.ownerId, DisplayName: deps.config.ownerId };
}

/** Parse an integer query parameter within [min, max], defaulting to `fallback`; InvalidArgument when bad. */
export function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new S3Error('InvalidArgument', `Provided ${name} not an integer or within integer range`, { ArgumentName: name, ArgumentValue: raw });
  }
  return Math.min(n, max);
}

/**
 * A version id a client names (?versionId, a copy source's versionId): undefined when absent; InvalidArgument
 * unless printable ASCII, as every id this endpoint hands out is (it is echoed in headers).
 */
export function versionIdOf(value: string | null | undefined, name = 'versionId'): string | undefined {
  if (value === null || value === undefined) return undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) throw new S3Error('InvalidArgument', 'Invalid version id specified', { ArgumentName: name });
  }
  return value;
}

/**
 * The x-amz-version-id of a write's answer (PutObject, CopyObject, CompleteMultipartUpload): only in a bucket with
 * versioning Enabled. The null version a never-versioned or Suspended bucket writes is not announced (AWS's
 * PutObject samples); reads still name it.
 */
export function versionHeader(versionId: string, versioning: Versioning | undefined): Record<string, string> {
  return versioning === 'Enabled' ? { 'x-amz-version-id': versionId } : {};
}
