// Bucket versioning: GetBucketVersioning and PutBucketVersioning (Enabled / Suspended).
import { S3Error } from '../s3-error';
import type { OperationTable } from '../types';
import { parseXml, readBodyText, xmlResponse } from '../xml';
import { bucketOf } from './common';
import type { ObjectOperationDeps } from './deps';

/** Versioning subresource operations. */
export function versioningOperations(deps: ObjectOperationDeps): OperationTable {
  const { storage } = deps;
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html */
    async GetBucketVersioning(req) {
      const bucket = storage.requireBucket(bucketOf(req));
      return xmlResponse('VersioningConfiguration', bucket.versioning ? { Status: bucket.versioning } : {});
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html */
    async PutBucketVersioning(req) {
      const name = bucketOf(req);
      storage.requireBucket(name);
      const doc = parseXml(await readBodyText(req.body, undefined, req.contentLength));
      const config = doc.VersioningConfiguration as Record<string, unknown> | undefined;
      const status = typeof config === 'object' && config ? config.Status : undefined;
      if (status !== 'Enabled' && status !== 'Suspended') {
        throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
      }
      storage.setVersioning(name, status);
      return { status: 200 };
    },
  };
}
