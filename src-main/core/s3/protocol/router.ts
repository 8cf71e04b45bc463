// Names the S3 operation of a request from method, addressing, subresource query and headers.
// Pure and table-driven; dispatch to the operation table happens in http-handler.ts.
import type { IncomingHttpHeaders } from 'node:http';
import type { OperationName } from '../types';
import { S3Error } from '../s3-error';
import type { Target } from './addressing';

/** Subresources S3 has but BucketHooks does not implement: answered 501 rather than mistaken for a listing. */
const UNSUPPORTED = ['policy', 'policyStatus', 'lifecycle', 'tagging', 'website', 'logging', 'encryption',
  'replication', 'requestPayment', 'accelerate', 'analytics', 'inventory', 'metrics', 'ownershipControls',
  'publicAccessBlock', 'object-lock', 'intelligent-tiering', 'legal-hold', 'retention', 'torrent', 'restore',
  'select'];

/** The unsupported subresource a query names, if any. */
export function unsupportedSubresource(query: URLSearchParams): string | undefined {
  return UNSUPPORTED.find((name) => query.has(name));
}

function isForm(headers: IncomingHttpHeaders): boolean {
  return (headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

function bucketOperation(method: string, q: URLSearchParams, headers: IncomingHttpHeaders): OperationName | undefined {
  switch (method) {
    case 'GET':
      if (q.has('location')) return 'GetBucketLocation';
      if (q.has('acl')) return 'GetBucketAcl';
      if (q.has('versioning')) return 'GetBucketVersioning';
      if (q.has('cors')) return 'GetBucketCors';
      if (q.has('versions')) return 'ListObjectVersions';
      if (q.has('notification')) return 'GetBucketNotificationConfiguration';
      if (q.has('uploads')) return 'ListMultipartUploads';
      return q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    case 'HEAD': return 'HeadBucket';
    case 'PUT':
      if (q.has('versioning')) return 'PutBucketVersioning';
      if (q.has('cors')) return 'PutBucketCors';
      if (q.has('acl')) return 'PutBucketAcl';
      if (q.has('notification')) return 'PutBucketNotificationConfiguration';
      return 'CreateBucket';
    case 'DELETE':
      if (q.has('cors')) return 'DeleteBucketCors';
      return q.has('notification') ? 'DeleteBucketNotificationConfiguration' : 'DeleteBucket';
    case 'POST':
      if (q.has('delete')) return 'DeleteObjects';
      return isForm(headers) ? 'PostObject' : undefined;
    default: return undefined;
  }
}

function objectOperation(method: string, q: URLSearchParams, headers: IncomingHttpHeaders): OperationName | undefined {
  const copy = headers['x-amz-copy-source'] !== undefined;
  switch (method) {
    case 'GET':
      if (q.has('acl')) return 'GetObjectAcl';
      if (q.has('attributes')) return 'GetObjectAttributes';
      return q.has('uploadId') ? 'ListParts' : 'GetObject';
    case 'HEAD': return 'HeadObject';
    case 'PUT':
      if (q.has('acl')) return 'PutObjectAcl';
      if (q.has('partNumber') && q.has('uploadId')) return copy ? 'UploadPartCopy' : 'UploadPart';
      return copy ? 'CopyObject' : 'PutObject';
    case 'POST':
      if (q.has('uploads')) return 'CreateMultipartUpload';
      return q.has('uploadId') ? 'CompleteMultipartUpload' : undefined;
    case 'DELETE': return q.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
    default: return undefined;
  }
}

/** The operation for a request; throws MethodNotAllowed / NotImplemented where S3 has none we serve. */
export function routeOperation(method: string, target: Target, query: URLSearchParams, headers: IncomingHttpHeaders): OperationName {
  const unsupported = unsupportedSubresource(query);
  if (unsupported) throw new S3Error('NotImplemented', `The ?${unsupported} subresource is not implemented by BucketHooks.`);
  let op: OperationName | undefined;
  if (target.bucket === undefined) op = method === 'GET' ? 'ListBuckets' : undefined;
  else if (target.key === undefined) op = bucketOperation(method, query, headers);
  else op = objectOperation(method, query, headers);
  if (!op) throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: method });
  return op;
}
