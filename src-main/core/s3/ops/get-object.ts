// GetObject and HeadObject: version lookup, conditionals (304/412), Range (206/416), partNumber (206, the part's
// range and x-amz-mp-parts-count; 416 past the last part), response-* overrides, checksums when
// x-amz-checksum-mode is ENABLED, the sandbox headers of user content; bytes stream from disk.
import { S3Error } from '../s3-error';
import type { OperationTable, S3Request, S3Response } from '../types';
import type { Checksums } from '../../storage/hashing';
import type { ObjectVersion } from '../../storage/types';
import { bucketOf, header, httpDate, keyOf, quote, versionIdOf } from './common';
import { evaluateConditions, parseRange, type ByteRange } from './conditionals';
import type { ObjectOperationDeps } from './deps';
import { checksumHeaders, metaHeaders } from './object-headers';
import { asHeaderText } from '../protocol/header-text';
import { userContentHeaders } from '../protocol/user-content';

const OVERRIDES = ['content-type', 'content-language', 'expires', 'cache-control', 'content-disposition', 'content-encoding'];

/** The version a GET/HEAD/copy names: NoSuchBucket, NoSuchKey, NoSuchVersion, or 405 for a delete marker version. */
export function findVersion(deps: ObjectOperationDeps, bucket: string, key: string, versionId: string | undefined): ObjectVersion {
  deps.storage.requireBucket(bucket);
  const v = deps.storage.getObject(bucket, key, versionId);
  if (!v && versionId !== undefined) {
    throw new S3Error('NoSuchVersion', 'The specified version does not exist.', { Key: key, VersionId: versionId });
  }
  if (!v) throw new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: key });
  const markerHeaders = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': v.versionId };
  if (v.isDeleteMarker && versionId === undefined) throw new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: key }, markerHeaders);
  if (v.isDeleteMarker) throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: 'GET', ResourceType: 'DeleteMarker' }, markerHeaders);
  return v;
}

/** What ?partNumber= selects: the part's byte range, its checksums and the object's part count. */
interface PartRead { range?: ByteRange; checksums: Checksums; partsCount?: number }

/**
 * The part a ?partNumber= names (1–10000, InvalidArgument otherwise; not together with Range). A version that is
 * not a multipart object is one part: partNumber=1 is the whole object; past the last part is 416 InvalidPartNumber.
 */
function partRead(deps: ObjectOperationDeps, req: S3Request, v: ObjectVersion): PartRead | undefined {
  const raw = req.query.get('partNumber');
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10000) {
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', { ArgumentName: 'partNumber', ArgumentValue: raw });
  }
  if (header(req.headers, 'range') !== undefined) throw new S3Error('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter');
  // compat: objects completed before part layouts were kept read as a single part.
  const parts = deps.storage.multipart.layout(v) ?? [{ size: v.size, checksums: v.checksums }];
  if (n > parts.length) {
    throw new S3Error('InvalidPartNumber', 'The requested partnumber is not satisfiable',
      { PartNumberRequested: String(n), ActualPartCount: String(parts.length) });
  }
  let start = 0;
  for (let i = 0; i < n - 1; i++) start += parts[i].size;
  const part = parts[n - 1];
  return {
    range: part.size > 0 ? { start, end: start + part.size - 1 } : undefined,
    checksums: part.checksums, partsCount: v.partsCount ? parts.length : undefined,
  };
}

async function read(deps: ObjectOperationDeps, req: S3Request, withBody: boolean): Promise<S3Response> {
  const bucket = bucketOf(req);
  const versionId = versionIdOf(req.query.get('versionId'));
  const v = findVersion(deps, bucket, keyOf(req), versionId);
  const versioned = deps.storage.requireBucket(bucket).versioning !== '';
  // Built by assignment into one object: spreads followed by more fields are a slow path in V8 (the GET hot path).
  const headers: Record<string, string | number> = { etag: quote(v.etag), 'last-modified': httpDate(v.lastModified) };
  if (versioned) headers['x-amz-version-id'] = v.versionId;
  const condition = evaluateConditions(req.headers, v);
  if (condition === 'not-modified') return { status: 304, headers };
  if (condition === 'failed') throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'If-Match' });
  const part = partRead(deps, req, v);
  const range = part ? part.range : parseRange(header(req.headers, 'range'), v.size);
  Object.assign(headers, metaHeaders(v.meta));
  headers['accept-ranges'] = 'bytes';
  if (part?.partsCount) headers['x-amz-mp-parts-count'] = part.partsCount;
  for (const name of OVERRIDES) {
    const value = req.query.get(`response-${name}`);
    if (value) headers[name] = asHeaderText(value, `response-${name}`);
  }
  const sandbox = userContentHeaders(headers['content-type']);
  if (sandbox) Object.assign(headers, sandbox);
  if ((part || !range) && header(req.headers, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED') {
    Object.assign(headers, part ? checksumHeaders(part.checksums, false) : checksumHeaders(v.checksums));
  }
  if (range) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${v.size}`;
    headers['content-length'] = range.end - range.start + 1;
  } else {
    headers['content-length'] = v.size;
  }
  const status = range ? 206 : 200;
  if (!withBody) return { status, headers };
  const body = v.size === 0 ? Buffer.alloc(0) : deps.storage.readObjectBody(v, range?.start, range?.end);
  return { status, headers, body };
}

/** GetObject and HeadObject. */
export function getObjectOperations(deps: ObjectOperationDeps): OperationTable {
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html */
    GetObject: (req) => read(deps, req, true),
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html */
    HeadObject: (req) => read(deps, req, false),
  };
}
