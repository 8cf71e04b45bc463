// DeleteObject and DeleteObjects (multi-object delete with Quiet mode and per-key errors); each
// deleted key fires its own event from storage (Delete or DeleteMarkerCreated).
import { createHash } from 'node:crypto';
import { S3Error } from '../s3-error';
import { toS3Error } from '../protocol/error-response';
import type { OperationTable } from '../types';
import { malformedXml, parseXml, readBodyBytes, textOf, xmlResponse, type XmlNode } from '../xml';
import { bucketOf, ctxOf, header, keyOf, versionIdOf } from './common';
import type { ObjectOperationDeps } from './deps';

/** What a DeleteObjects body asks for. */
export interface DeleteRequest { objects: { key: string; versionId?: string }[]; quiet: boolean }

/** Parse a DeleteObjects body: 1–1000 objects (an Object without a Key has key ''), and the Quiet flag. */
export function parseDeleteRequest(xml: string): DeleteRequest {
  const doc = parseXml(xml, ['Object']).Delete;
  if (!doc || typeof doc !== 'object') throw malformedXml();
  const { Object: entries = [], Quiet } = doc as { Object?: unknown[]; Quiet?: unknown };
  if (entries.length === 0 || entries.length > 1000) throw malformedXml();
  const objects = entries.map((entry) => {
    const { Key, VersionId } = entry && typeof entry === 'object' ? entry as Record<string, unknown> : {};
    const versionId = textOf(VersionId) || undefined;
    return { key: textOf(Key) ?? '', ...(versionId === undefined ? {} : { versionId }) };
  });
  return { objects, quiet: (textOf(Quiet) ?? '').trim() === 'true' };
}

/** DeleteObject and DeleteObjects. */
export function deleteObjectOperations(deps: ObjectOperationDeps): OperationTable {
  const { storage } = deps;
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html */
    async DeleteObject(req) {
      const bucket = bucketOf(req);
      storage.requireBucket(bucket);
      const result = await storage.deleteObject(bucket, keyOf(req), versionIdOf(req.query.get('versionId')), ctxOf(req));
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
      const bytes = await readBodyBytes(req.body, 2 * 1024 * 1024, req.contentLength);
      const md5 = header(req.headers, 'content-md5');
      // Over the bytes as received: re-encoding decoded text would change any body that is not valid UTF-8.
      if (md5 && createHash('md5').update(bytes).digest('base64') !== md5) {
        throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
      }
      const { objects, quiet } = parseDeleteRequest(bytes.toString('utf8'));
      const deleted: XmlNode[] = [];
      const errors: XmlNode[] = [];
      // Every delete commits at its call, in order; then they wait together for one sync.
      const pending = objects.map(({ key, versionId }) => {
        let result;
        try {
          if (!key) throw new S3Error('InvalidArgument', 'Key is required');
          result = storage.deleteObject(bucket, key, versionIdOf(versionId, 'VersionId'), ctxOf(req));
        } catch (err) {
          result = Promise.reject(err);
        }
        return { key, versionId, result };
      });
      for (const { key, versionId, result } of pending) {
        try {
          const r = await result;
          if (!quiet) {
            deleted.push({
              Key: key, VersionId: versionId, DeleteMarker: r.deleteMarker ? true : undefined,
              DeleteMarkerVersionId: r.deleteMarker ? versionId ?? r.versionId : undefined,
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
