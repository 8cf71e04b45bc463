// CopyObject: stream a stored version into a new object (metadata COPY or REPLACE), event Copy.
import { S3Error } from '../s3-error';
import type { OperationTable } from '../types';
import { isoTime, xmlResponse } from '../xml';
import { parseAlgorithm, type ChecksumAlgorithm } from '../../storage/hashing';
import { bucketOf, ctxOf, header, keyOf, quote, versionHeader } from './common';
import { resolveCopySource } from './copy-source';
import type { ObjectOperationDeps } from './deps';
import { checksumElements, metaFromHeaders } from './object-headers';

/** CopyObject. */
export function copyObjectOperations(deps: ObjectOperationDeps): OperationTable {
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html */
    async CopyObject(req) {
      const bucket = bucketOf(req);
      const key = keyOf(req);
      const target = deps.storage.requireBucket(bucket);
      const { source, version } = resolveCopySource(deps, req);
      const directive = (header(req.headers, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
      if (directive !== 'COPY' && directive !== 'REPLACE') {
        throw new S3Error('InvalidArgument', 'Unknown metadata directive.', { ArgumentName: 'x-amz-metadata-directive', ArgumentValue: directive });
      }
      if (source.bucket === bucket && source.key === key && source.versionId === undefined && directive !== 'REPLACE') {
        throw new S3Error('InvalidRequest', 'This copy request is illegal because it is trying to copy an object to itself without changing the object\'s metadata, storage class, website redirect location or encryption attributes.');
      }
      const algorithms = new Set(Object.keys(version.checksums) as ChecksumAlgorithm[]);
      const asked = parseAlgorithm(header(req.headers, 'x-amz-checksum-algorithm'));
      if (asked) algorithms.add(asked);
      req.body.resume();
      const v = await deps.storage.putObject({
        bucket, key, source: [() => deps.storage.readObject(version)],
        meta: directive === 'REPLACE' ? metaFromHeaders(req.headers) : version.meta,
        algorithms: [...algorithms], eventName: 's3:ObjectCreated:Copy', ctx: ctxOf(req),
      });
      const headers: Record<string, string> = { ...versionHeader(v.versionId, target.versioning) };
      if (source.versionId !== undefined) headers['x-amz-copy-source-version-id'] = source.versionId;
      return xmlResponse('CopyObjectResult', {
        ETag: quote(v.etag), LastModified: isoTime(v.lastModified), ...checksumElements(v.checksums),
      }, 200, headers);
    },
  };
}
