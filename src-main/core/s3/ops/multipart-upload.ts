// Multipart writes: CreateMultipartUpload, UploadPart, UploadPartCopy (with x-amz-copy-source-range),
// CompleteMultipartUpload (part list validation, ETag md5-of-md5s-N, event CompleteMultipartUpload), Abort.
import { S3Error } from '../s3-error';
import type { OperationTable, S3Request } from '../types';
import { isoTime, parseXml, readBodyText, xmlResponse } from '../xml';
import { parseAlgorithm } from '../../storage/hashing';
import type { CompletePartList } from '../../storage/multipart';
import type { UploadInfo } from '../../storage/types';
import { bucketOf, ctxOf, header, keyOf, quote, versionHeader } from './common';
import { resolveCopySource } from './copy-source';
import type { ObjectOperationDeps } from './deps';
import { checksumElements, checksumHeaders, metaFromHeaders, requestedAlgorithms, verifier } from './object-headers';

/** The upload named by ?uploadId for this bucket/key, or NoSuchBucket/NoSuchUpload. */
export function uploadOf(deps: ObjectOperationDeps, req: S3Request): UploadInfo {
  const bucket = bucketOf(req);
  deps.storage.requireBucket(bucket);
  return deps.storage.multipart.get(bucket, keyOf(req), req.query.get('uploadId') ?? '');
}

function partNumberOf(req: S3Request): number {
  const raw = req.query.get('partNumber') ?? '';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10000) {
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', { ArgumentName: 'partNumber', ArgumentValue: raw });
  }
  return n;
}

const COPY_RANGE = /^bytes=(\d+)-(\d+)$/;

/** x-amz-copy-source-range: malformed (or first > last) → InvalidArgument; past the source's end → 416 InvalidRange. */
function copyRange(value: string | undefined, size: number): { start?: number; end?: number } {
  if (!value) return {};
  const m = COPY_RANGE.exec(value.trim());
  if (!m || Number(m[2]) < Number(m[1])) {
    throw new S3Error('InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: value });
  }
  if (Number(m[2]) >= size) {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', { RangeRequested: value, ActualObjectSize: String(size) });
  }
  return { start: Number(m[1]), end: Number(m[2]) };
}

/** A CompleteMultipartUpload body of 10,000 parts with every checksum element, pretty-printed, stays under this. */
const COMPLETE_BODY_LIMIT = 8 * 1024 * 1024;

interface CompleteXmlPart { PartNumber?: unknown; ETag?: unknown }

const malformedXml = () => new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');

/** The part list of a CompleteMultipartUpload body, ETags without their quotes; MalformedXML when empty or not numbered. */
export function parseCompleteParts(xml: string): CompletePartList {
  const doc = parseXml(xml, ['Part']).CompleteMultipartUpload as { Part?: CompleteXmlPart[] } | undefined;
  const parts = (doc && typeof doc === 'object' ? doc.Part ?? [] : []).map((p) => ({
    partNumber: Number(p.PartNumber), etag: String(p.ETag ?? '').replace(/"/g, ''),
  }));
  if (parts.some((p) => !Number.isInteger(p.partNumber))) throw malformedXml();
  const [first, ...rest] = parts;
  if (!first) throw new S3Error('MalformedXML', 'You must specify at least one part.');
  return [first, ...rest];
}

/** Multipart write operations. */
export function multipartUploadOperations(deps: ObjectOperationDeps): OperationTable {
  const { storage } = deps;
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html */
    async CreateMultipartUpload(req) {
      const bucket = bucketOf(req);
      storage.requireBucket(bucket);
      const algorithm = parseAlgorithm(header(req.headers, 'x-amz-checksum-algorithm'));
      const upload = storage.multipart.create(bucket, keyOf(req), metaFromHeaders(req.headers), algorithm);
      return xmlResponse('InitiateMultipartUploadResult', { Bucket: bucket, Key: upload.key, UploadId: upload.uploadId },
        200, algorithm ? { 'x-amz-checksum-algorithm': algorithm, 'x-amz-checksum-type': 'FULL_OBJECT' } : {});
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html */
    async UploadPart(req) {
      const upload = uploadOf(deps, req);
      const partNumber = partNumberOf(req);
      const blob = await storage.writeBlob(req.body, requestedAlgorithms(req, upload.checksumAlgorithm));
      let checksums;
      try { checksums = verifier(req)(blob); } catch (err) { storage.discardBlob(blob); throw err; }
      const part = storage.multipart.savePart(upload, partNumber, blob, checksums);
      return { status: 200, headers: { etag: quote(part.etag), ...checksumHeaders(part.checksums) } };
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html */
    async UploadPartCopy(req) {
      const upload = uploadOf(deps, req);
      const partNumber = partNumberOf(req);
      const { version } = resolveCopySource(deps, req);
      const { start, end } = copyRange(header(req.headers, 'x-amz-copy-source-range'), version.size);
      req.body.resume();
      const source = storage.readObject(version, start, end);
      const blob = await storage.writeBlob(source, upload.checksumAlgorithm ? [upload.checksumAlgorithm] : []);
      const part = storage.multipart.savePart(upload, partNumber, blob, blob.checksums);
      return xmlResponse('CopyPartResult', { ETag: quote(part.etag), LastModified: isoTime(part.lastModified), ...checksumElements(part.checksums) });
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html */
    async CompleteMultipartUpload(req) {
      const upload = uploadOf(deps, req);
      const parts = parseCompleteParts(await readBodyText(req.body, COMPLETE_BODY_LIMIT, req.contentLength));
      const v = await storage.multipart.complete(upload, parts, ctxOf(req));
      const versioned = storage.getBucket(v.bucket)?.versioning !== '';
      return xmlResponse('CompleteMultipartUploadResult', {
        Location: `/${v.bucket}/${encodeURIComponent(v.key)}`, Bucket: v.bucket, Key: v.key, ETag: quote(v.etag),
        ...checksumElements(v.checksums), ChecksumType: Object.keys(v.checksums).length ? 'FULL_OBJECT' : undefined,
      }, 200, versionHeader(v.versionId, versioned));
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html */
    async AbortMultipartUpload(req) {
      storage.multipart.abort(uploadOf(deps, req));
      return { status: 204 };
    },
  };
}
