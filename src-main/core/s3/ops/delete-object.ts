// DeleteObject and DeleteObjects (multi-object delete with Quiet mode and per-key errors); each
// deleted key fires its own event from storage (Delete or DeleteMarkerCreated).
import { createHash } from 'node:crypto';
import { S3Error } from '../s3-error';
import { toS3Error } from '../protocol/error-response';
import type { OperationTable } from '../types';
import { parseXml, readBodyText, xmlResponse, type XmlNode } from '../xml';
import { bucketOf, ctxOf, header, keyOf } from './common';
import type { ObjectOperationDeps } from './deps';

interface DeleteEntry { Key?: unknown; VersionId?: unknown }

/** DeleteObject and DeleteObjects. */
export function deleteObjectOperations(deps: ObjectOperationDeps): OperationTable {
  const { storage } = deps;
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html */
    async DeleteObject(req) {
      const bucket = bucketOf(req);
      storage.requireBucket(bucket);
      const result = await storage.deleteObject(bucket, keyOf(req), req.query.get('versionId') ?? undefined, ctxOf(req));
      const headers: Record<string, string> = {};
      if (result.deleteMarker) headers['x-amz-delete-marker'] = 'true';
      if (result.versionId !== undefined) headers['x-amz-version-id'] = result.versionId;
      return { status: 204, headers };
    },
    /**
     * compat: AWS requires Content-MD5 or an x-amz-checksum-* header; we accept either, or neither, and verify Content-MD5 when sent.
     * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
     */
    async DeleteObjects(req) {
      const bucket = bucketOf(req);
      storage.requireBucket(bucket);
      const text = await readBodyText(req.body, 2 * 1024 * 1024, req.contentLength);
      const md5 = header(req.headers, 'content-md5');
      if (md5 && createHash('md5').update(text, 'utf8').digest('base64') !== md5) {
        throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
      }
      const doc = parseXml(text, ['Object']).Delete as { Object?: DeleteEntry[]; Quiet?: unknown } | undefined;
      const entries = doc && typeof doc === 'object' ? doc.Object ?? [] : undefined;
      if (!entries || entries.length === 0 || entries.length > 1000) {
        throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
      }
      const quiet = String(doc?.Quiet ?? '').trim() === 'true';
      const deleted: XmlNode[] = [];
      const errors: XmlNode[] = [];
      // Every delete commits at its call, in order; then they wait together for one sync.
      const pending = entries.map((entry) => {
        const key = typeof entry.Key === 'string' ? entry.Key : String(entry.Key ?? '');
        const versionId = typeof entry.VersionId === 'string' && entry.VersionId ? entry.VersionId : undefined;
        const result = key ? storage.deleteObject(bucket, key, versionId, ctxOf(req))
          : Promise.reject(new S3Error('InvalidArgument', 'Key is required'));
        return { key, versionId, result };
      });
      for (const { key, versionId, result } of pending) {
        try {
          const r = await result;
          if (!quiet) {
            deleted.push({
              Key: key, VersionId: versionId, DeleteMarker: r.deleteMarker ? true : undefined,
              DeleteMarkerVersionId: r.deleteMarker && !versionId ? r.versionId : undefined,
            });
          }
        } catch (err) {
          const e = toS3Error(err);
          errors.push({ Key: key, VersionId: versionId, Code: e.code, Message: e.message });
        }
      }
      return xmlResponse('DeleteResult', { Deleted: deleted, Error: errors });
    },
  };
}
