// x-amz-copy-source for CopyObject and UploadPartCopy: parse bucket/key/versionId, find the version,
// and apply the x-amz-copy-source-if-* conditions (412 on any failure).
import { S3Error } from '../s3-error';
import type { S3Request } from '../types';
import type { ObjectVersion } from '../../storage/types';
import { header, versionIdOf } from './common';
import { evaluateConditions } from './conditionals';
import type { ObjectOperationDeps } from './deps';
import { findVersion } from './get-object';

/** The parsed copy source. */
export interface CopySource { bucket: string; key: string; versionId?: string }

/** Parse `/bucket/key?versionId=…` (URL-encoded key, leading slash optional). */
export function parseCopySource(value: string | undefined): CopySource {
  const invalid = () => new S3Error('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
    { ArgumentName: 'x-amz-copy-source', ArgumentValue: value ?? '' });
  if (!value) throw invalid();
  const q = value.indexOf('?');
  const path = q >= 0 ? value.slice(0, q) : value;
  const versionId = q >= 0 ? versionIdOf(new URLSearchParams(value.slice(q + 1)).get('versionId'), 'x-amz-copy-source') : undefined;
  let decoded: string;
  try { decoded = decodeURIComponent(path.replace(/^\//, '')); } catch { throw invalid(); }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) throw invalid();
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId };
}

/** Resolve the request's copy source to a stored version, enforcing copy-source conditionals. */
export function resolveCopySource(deps: ObjectOperationDeps, req: S3Request): { source: CopySource; version: ObjectVersion } {
  const source = parseCopySource(header(req.headers, 'x-amz-copy-source'));
  const version = findVersion(deps, source.bucket, source.key, source.versionId);
  if (evaluateConditions(req.headers, version, 'x-amz-copy-source-') !== 'ok') {
    throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'x-amz-copy-source-If-*' });
  }
  return { source, version };
}
