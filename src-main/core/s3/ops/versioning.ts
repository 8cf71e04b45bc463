// Bucket versioning: GetBucketVersioning and PutBucketVersioning (Enabled / Suspended).
import type { OperationTable } from '../types';
import { malformedXml, parseXml, readBodyText, xmlResponse } from '../xml';
import { bucketOf } from './common';
import type { ObjectOperationDeps } from './deps';

/** The Status of a VersioningConfiguration body; MalformedXML unless Enabled or Suspended. */
export function parseVersioningStatus(xml: string): 'Enabled' | 'Suspended' {
  const config = parseXml(xml).VersioningConfiguration;
  const status = config && typeof config === 'object' ? (config as Record<string, unknown>).Status : undefined;
  if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
  return status;
}

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
      storage.setVersioning(name, parseVersioningStatus(await readBodyText(req.body, undefined, req.contentLength)));
      return { status: 200 };
    },
  };
}
