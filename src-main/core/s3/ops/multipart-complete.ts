// CompleteMultipartUpload: the part list (ETags, part checksums) from the XML, the join in storage, and the answer;
// a repeated complete of an upload completed in the last day answers 200 with the same result, as AWS does.
// @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
import { S3Error } from '../s3-error';
import type { OperationTable, S3Request, S3Response } from '../types';
import { malformedXml, parseXml, readBodyText, textOf, xmlResponse } from '../xml';
import { CoreError } from '../../kernel/core-error';
import { CHECKSUM_ALGORITHMS, type Checksums } from '../../storage/hashing';
import type { CompletePartList } from '../../storage/multipart';
import type { ObjectVersion } from '../../storage/types';
import { bucketOf, ctxOf, header, keyOf, quote, versionHeader } from './common';
import type { ObjectOperationDeps } from './deps';
import { checksumElements, checksumTypeOf } from './object-headers';

/** A CompleteMultipartUpload body of 10,000 parts with every checksum element, pretty-printed, stays under this. */
const COMPLETE_BODY_LIMIT = 8 * 1024 * 1024;

type CompleteXmlPart = Record<string, unknown>;


/** The part list of a CompleteMultipartUpload body: numbers, ETags without quotes, Checksum* elements; MalformedXML when empty or not numbered. */
export function parseCompleteParts(xml: string): CompletePartList {
  const doc = parseXml(xml, ['Part']).CompleteMultipartUpload as { Part?: CompleteXmlPart[] } | undefined;
  const parts = (doc && typeof doc === 'object' ? doc.Part ?? [] : []).map((part) => {
    const p: CompleteXmlPart = part && typeof part === 'object' ? part : {};
    const checksums: Checksums = {};
    for (const a of CHECKSUM_ALGORITHMS) if (typeof p[`Checksum${a}`] === 'string') checksums[a] = (p[`Checksum${a}`] as string).trim();
    return { partNumber: Number(textOf(p.PartNumber)), etag: (textOf(p.ETag) ?? '').replace(/"/g, '').trim(), checksums };
  });
  if (parts.some((p) => !Number.isInteger(p.partNumber))) throw malformedXml();
  const [first, ...rest] = parts;
  if (!first) throw new S3Error('MalformedXML', 'You must specify at least one part.');
  return [first, ...rest];
}

function completeResult(deps: ObjectOperationDeps, v: ObjectVersion): S3Response {
  return xmlResponse('CompleteMultipartUploadResult', {
    Location: `/${v.bucket}/${encodeURIComponent(v.key)}`, Bucket: v.bucket, Key: v.key, ETag: quote(v.etag),
    ...checksumElements(v.checksums), ChecksumType: checksumTypeOf(v.checksums),
  }, 200, versionHeader(v.versionId, deps.storage.getBucket(v.bucket)?.versioning));
}

/** The answer to a repeated complete: the object that upload made, if it completed lately and is still there. */
function repeatedComplete(deps: ObjectOperationDeps, req: S3Request): S3Response | undefined {
  const bucket = bucketOf(req);
  const key = keyOf(req);
  const done = deps.storage.multipart.completed(bucket, key, req.query.get('uploadId') ?? '');
  const v = done && deps.storage.getObject(bucket, key, done.versionId);
  return v && !v.isDeleteMarker && v.etag === done.etag ? completeResult(deps, v) : undefined;
}

/** The object checksums a complete names in x-amz-checksum-* headers (what the whole object must come to). */
function expectedChecksums(req: S3Request): Checksums {
  const out: Checksums = {};
  for (const a of CHECKSUM_ALGORITHMS) {
    const value = header(req.headers, `x-amz-checksum-${a.toLowerCase()}`);
    if (value !== undefined) out[a] = value;
  }
  return out;
}

const isNoSuchUpload = (err: unknown) => err instanceof CoreError && err.code === 'NoSuchUpload';

/** CompleteMultipartUpload. */
export function multipartCompleteOperations(deps: ObjectOperationDeps): OperationTable {
  const { storage } = deps;
  return {
    async CompleteMultipartUpload(req) {
      const bucket = bucketOf(req);
      storage.requireBucket(bucket);
      try {
        const upload = storage.multipart.get(bucket, keyOf(req), req.query.get('uploadId') ?? '');
        const parts = parseCompleteParts(await readBodyText(req.body, COMPLETE_BODY_LIMIT, req.contentLength));
        return completeResult(deps, await storage.multipart.complete(upload, parts, ctxOf(req), expectedChecksums(req)));
      } catch (err) {
        // A retry after a lost response (or a race with another complete of the same upload) gets the first answer.
        const again = isNoSuchUpload(err) ? repeatedComplete(deps, req) : undefined;
        if (again) return again;
        throw err;
      }
    },
  };
}
