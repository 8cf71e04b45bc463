// ListObjectVersions: every version and delete marker, key ascending then newest first, with
// key-marker / version-id-marker paging, prefix, delimiter and encoding-type=url.
import type { OperationTable } from '../types';
import { isoTime, xmlResponse } from '../xml';
import { bucketOf, intParam, owner, quote, versionIdOf } from './common';
import type { ObjectOperationDeps } from './deps';
import { encoder } from './list-objects';

/** ListObjectVersions. */
export function listVersionsOperations(deps: ObjectOperationDeps): OperationTable {
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html */
    async ListObjectVersions(req) {
      const bucket = bucketOf(req);
      deps.storage.requireBucket(bucket);
      const enc = encoder(req);
      const prefix = req.query.get('prefix') ?? '';
      const delimiter = req.query.get('delimiter') ?? '';
      const keyMarker = req.query.get('key-marker') || undefined;
      const versionMarker = (keyMarker && req.query.get('version-id-marker')) || undefined;
      const maxKeys = intParam(req.query, 'max-keys', 1000, 0, 1000);
      let after: number | undefined;
      let resumeInsideKey = false;
      if (keyMarker && versionMarker) {
        versionIdOf(versionMarker, 'version-id-marker');
        // compat: a marker version deleted since the last page (a client deleting each page as it lists, like
        // ceph's bucket cleanup) resumes at the marker key's remaining versions instead of failing.
        const v = deps.storage.getObject(bucket, keyMarker, versionMarker);
        after = v?.sequencer;
        resumeInsideKey = v === undefined;
      }
      const page = deps.storage.listVersions({
        bucket, prefix, delimiter, maxKeys: Math.max(maxKeys, 1), marker: after === undefined ? keyMarker : undefined,
        seek: keyMarker === undefined ? undefined : { key: keyMarker, inclusive: resumeInsideKey },
      }, after);
      const items = maxKeys === 0 ? [] : page.items;
      const lastItem = items[items.length - 1];
      const lastIsItem = lastItem !== undefined && page.last === lastItem.key && !page.prefixes.includes(page.last);
      const base = (v: (typeof items)[number]) => ({
        Key: enc(v.key), VersionId: v.versionId, IsLatest: v.isLatest, LastModified: isoTime(v.lastModified),
      });
      return xmlResponse('ListVersionsResult', {
        Name: bucket, Prefix: enc(prefix), KeyMarker: enc(keyMarker ?? ''), VersionIdMarker: versionMarker ?? '',
        MaxKeys: maxKeys, Delimiter: delimiter ? enc(delimiter) : undefined, EncodingType: req.query.get('encoding-type') || undefined,
        IsTruncated: maxKeys > 0 && page.truncated,
        NextKeyMarker: page.truncated && page.last !== undefined ? enc(page.last) : undefined,
        NextVersionIdMarker: page.truncated && lastIsItem ? lastItem.versionId : undefined,
        Version: items.filter((v) => !v.isDeleteMarker).map((v) => ({
          ...base(v), ETag: quote(v.etag), Size: v.size, StorageClass: 'STANDARD', Owner: owner(deps),
        })),
        DeleteMarker: items.filter((v) => v.isDeleteMarker).map((v) => ({ ...base(v), Owner: owner(deps) })),
        CommonPrefixes: maxKeys === 0 ? [] : page.prefixes.map((p) => ({ Prefix: enc(p) })),
      });
    },
  };
}
