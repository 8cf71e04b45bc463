// Multipart listings: ListParts (part-number-marker, max-parts) and ListMultipartUploads
// (prefix, delimiter, key-marker, upload-id-marker, max-uploads).
import type { OperationTable } from '../types';
import { isoTime, xmlResponse } from '../xml';
import { bucketOf, intParam, owner, quote } from './common';
import type { ObjectOperationDeps } from './deps';
import { encoder } from './list-objects';
import { checksumElements } from './object-headers';
import { uploadOf } from './multipart-upload';

/** ListParts and ListMultipartUploads. */
export function multipartListOperations(deps: ObjectOperationDeps): OperationTable {
  const { storage } = deps;
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html */
    async ListParts(req) {
      const upload = uploadOf(deps, req);
      const marker = intParam(req.query, 'part-number-marker', 0, 0, 10000);
      const max = intParam(req.query, 'max-parts', 1000, 0, 1000);
      const after = storage.multipart.parts(upload.uploadId).filter((p) => p.partNumber > marker);
      const page = after.slice(0, max);
      const truncated = after.length > page.length;
      return xmlResponse('ListPartsResult', {
        Bucket: upload.bucket, Key: upload.key, UploadId: upload.uploadId, PartNumberMarker: marker,
        NextPartNumberMarker: page.length ? page[page.length - 1].partNumber : undefined, MaxParts: max, IsTruncated: truncated,
        Initiator: owner(deps), Owner: owner(deps), StorageClass: 'STANDARD', ChecksumAlgorithm: upload.checksumAlgorithm,
        ChecksumType: upload.checksumType,
        Part: page.map((p) => ({
          PartNumber: p.partNumber, LastModified: isoTime(p.lastModified), ETag: quote(p.etag), Size: p.size, ...checksumElements(p.checksums),
        })),
      });
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html */
    async ListMultipartUploads(req) {
      const bucket = bucketOf(req);
      storage.requireBucket(bucket);
      const enc = encoder(req);
      const prefix = req.query.get('prefix') ?? '';
      const delimiter = req.query.get('delimiter') ?? '';
      const keyMarker = req.query.get('key-marker') ?? '';
      const idMarker = req.query.get('upload-id-marker') ?? '';
      const max = intParam(req.query, 'max-uploads', 1000, 0, 1000);
      const uploads: ReturnType<typeof storage.multipart.list> = [];
      const prefixes: string[] = [];
      let truncated = false;
      for (const u of storage.multipart.list(bucket)) {
        if (!u.key.startsWith(prefix)) continue;
        if (keyMarker && (u.key < keyMarker || (u.key === keyMarker && (!idMarker || u.uploadId <= idMarker)))) continue;
        const at = delimiter ? u.key.indexOf(delimiter, prefix.length) : -1;
        const cp = at >= 0 ? u.key.slice(0, at + delimiter.length) : undefined;
        if (cp && prefixes.includes(cp)) continue;
        if (uploads.length + prefixes.length >= max) { truncated = true; break; }
        if (cp) prefixes.push(cp); else uploads.push(u);
      }
      const last = uploads[uploads.length - 1];
      return xmlResponse('ListMultipartUploadsResult', {
        Bucket: bucket, KeyMarker: enc(keyMarker), UploadIdMarker: idMarker, Prefix: enc(prefix),
        Delimiter: delimiter ? enc(delimiter) : undefined, MaxUploads: max, IsTruncated: truncated,
        NextKeyMarker: truncated && last ? enc(last.key) : undefined, NextUploadIdMarker: truncated && last ? last.uploadId : undefined,
        Upload: uploads.map((u) => ({
          Key: enc(u.key), UploadId: u.uploadId, Initiator: owner(deps), Owner: owner(deps), StorageClass: 'STANDARD',
          Initiated: isoTime(u.createdAt), ChecksumAlgorithm: u.checksumAlgorithm, ChecksumType: u.checksumType,
        })),
        CommonPrefixes: prefixes.map((p) => ({ Prefix: enc(p) })),
      });
    },
  };
}
