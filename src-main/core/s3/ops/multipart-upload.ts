// Multipart writes: CreateMultipartUpload (checksum algorithm and type), UploadPart, UploadPartCopy (with
// x-amz-copy-source-range), AbortMultipartUpload. CompleteMultipartUpload is in multipart-complete.ts.
import { S3Error } from '../s3-error';
import type { OperationTable, S3Request } from '../types';
import { isoTime, xmlResponse } from '../xml';
import { parseAlgorithm, type ChecksumAlgorithm } from '../../storage/hashing';
import type { ChecksumType, UploadInfo } from '../../storage/types';
import { bucketOf, header, keyOf, quote } from './common';
import { resolveCopySource } from './copy-source';
import type { ObjectOperationDeps } from './deps';
import { checksumElements, checksumHeaders, metaFromHeaders, requestedAlgorithms, verifier } from './object-headers';

const invalidType = (why: string) => new S3Error('InvalidRequest', why);

/**
 * x-amz-checksum-type of CreateMultipartUpload: COMPOSITE (the default with an algorithm, except CRC64NVME, which
 * is FULL_OBJECT only) or FULL_OBJECT, which only the CRC algorithms support; without an algorithm there is no
 * object checksum.
 */
function checksumTypeFor(req: S3Request, algorithm: ChecksumAlgorithm | undefined): ChecksumType | undefined {
  const raw = header(req.headers, 'x-amz-checksum-type');
  if (raw === undefined) return algorithm ? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE') : undefined;
  const type = raw.toUpperCase();
  if (type !== 'COMPOSITE' && type !== 'FULL_OBJECT') throw invalidType('Value for x-amz-checksum-type header is invalid.');
  if (!algorithm) throw invalidType('The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
  if (type === 'FULL_OBJECT' && (algorithm === 'SHA1' || algorithm === 'SHA256')) {
    throw invalidType(`The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  }
  if (type === 'COMPOSITE' && algorithm === 'CRC64NVME') {
    throw invalidType('The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.');
  }
  return type;
}

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

/** Multipart write operations. */
export function multipartUploadOperations(deps: ObjectOperationDeps): OperationTable {
  const { storage } = deps;
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html */
    async CreateMultipartUpload(req) {
      const bucket = bucketOf(req);
      storage.requireBucket(bucket);
      const algorithm = parseAlgorithm(header(req.headers, 'x-amz-checksum-algorithm'));
      const type = checksumTypeFor(req, algorithm);
      const upload = storage.multipart.create(bucket, keyOf(req), metaFromHeaders(req.headers), algorithm, type);
      return xmlResponse('InitiateMultipartUploadResult', { Bucket: bucket, Key: upload.key, UploadId: upload.uploadId },
        200, algorithm && type ? { 'x-amz-checksum-algorithm': algorithm, 'x-amz-checksum-type': type } : {});
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html */
    async UploadPart(req) {
      const upload = uploadOf(deps, req);
      const partNumber = partNumberOf(req);
      const blob = await storage.writeBlob(req.body, requestedAlgorithms(req, upload.checksumAlgorithm));
      let checksums;
      try { checksums = verifier(req)(blob); } catch (err) { storage.discardBlob(blob); throw err; }
      const part = storage.multipart.savePart(upload, partNumber, blob, checksums);
      return { status: 200, headers: { etag: quote(part.etag), ...checksumHeaders(part.checksums, false) } };
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
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html */
    async AbortMultipartUpload(req) {
      storage.multipart.abort(uploadOf(deps, req));
      return { status: 204 };
    },
  };
}
