// GetObjectAttributes (?attributes): the ETag, checksum, parts (paged by x-amz-max-parts and
// x-amz-part-number-marker), storage class and size a client names in x-amz-object-attributes.
import { S3Error } from '../s3-error';
import type { OperationTable, S3Request } from '../types';
import type { ObjectVersion, PartLayout } from '../../storage/types';
import { xmlResponse, type XmlNode } from '../xml';
import { bucketOf, header, httpDate, keyOf, versionIdOf } from './common';
import type { ObjectOperationDeps } from './deps';
import { findVersion } from './get-object';
import { checksumElements, checksumTypeOf } from './object-headers';

const ATTRIBUTES = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'];

/** The attributes x-amz-object-attributes names: InvalidArgument when it names none or one S3 does not have. */
function requestedAttributes(req: S3Request): Set<string> {
  const names = (header(req.headers, 'x-amz-object-attributes') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.find((n) => !ATTRIBUTES.includes(n));
  if (!names.length || unknown !== undefined) {
    throw new S3Error('InvalidArgument', 'Invalid attribute name specified.', { ArgumentName: 'x-amz-object-attributes', ArgumentValue: unknown ?? '' });
  }
  return new Set(names);
}

/** A non-negative integer header, `fallback` when absent; InvalidArgument otherwise. */
function intHeader(req: S3Request, name: string, fallback: number): number {
  const raw = header(req.headers, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new S3Error('InvalidArgument', `Invalid ${name} value.`, { ArgumentName: name, ArgumentValue: raw });
  return n;
}

/** The ObjectParts element of a multipart object: one page of its parts after the marker. */
function objectParts(req: S3Request, parts: PartLayout[]): XmlNode {
  const marker = intHeader(req, 'x-amz-part-number-marker', 0);
  const maxParts = Math.min(intHeader(req, 'x-amz-max-parts', 1000), 1000);
  const page = parts.slice(marker, marker + maxParts).map((p, i) => ({ PartNumber: marker + i + 1, Size: p.size, ...checksumElements(p.checksums) }));
  const truncated = marker + page.length < parts.length;
  return {
    PartsCount: parts.length, PartNumberMarker: marker, NextPartNumberMarker: truncated ? marker + page.length : undefined,
    MaxParts: maxParts, IsTruncated: truncated, Part: page,
  };
}

function checksumOf(v: ObjectVersion): Record<string, string> | undefined {
  const type = checksumTypeOf(v.checksums);
  return type ? { ...checksumElements(v.checksums), ChecksumType: type } : undefined;
}

/** GetObjectAttributes. */
export function objectAttributesOperations(deps: ObjectOperationDeps): OperationTable {
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html */
    async GetObjectAttributes(req) {
      const bucket = bucketOf(req);
      const wanted = requestedAttributes(req);
      const v = findVersion(deps, bucket, keyOf(req), versionIdOf(req.query.get('versionId')));
      const versioned = deps.storage.requireBucket(bucket).versioning !== '';
      const parts = v.partsCount ? deps.storage.multipart.layout(v) : undefined;
      const headers: Record<string, string> = { 'last-modified': httpDate(v.lastModified) };
      if (versioned) headers['x-amz-version-id'] = v.versionId;
      return xmlResponse('GetObjectAttributesResponse', {
        ETag: wanted.has('ETag') ? v.etag : undefined,
        Checksum: wanted.has('Checksum') ? checksumOf(v) : undefined,
        ObjectParts: wanted.has('ObjectParts') && parts ? objectParts(req, parts) : undefined,
        StorageClass: wanted.has('StorageClass') ? 'STANDARD' : undefined,
        ObjectSize: wanted.has('ObjectSize') ? v.size : undefined,
      }, 200, headers);
    },
  };
}
