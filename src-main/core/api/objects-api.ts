// objects.* of the app API through the S3 client of the call's profile: listing by folder, details, delete, presigned URLs and the
// upload plan (one presigned PUT, or presigned part URLs for multipart; for a remote profile one URL of the upload
// relay on this computer) that the renderer executes itself.
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, DeleteObjectsCommand,
  GetObjectCommand, HeadObjectCommand, ListObjectVersionsCommand, ListObjectsV2Command, PutObjectCommand,
  UploadPartCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AppApiMethods, ObjectVersion } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import { asInput, int, optInt, optOneOf, optStr, str, strList } from './validate';
import type { S3Resolver } from './profile-target';

/** Files above this size are uploaded in parts of PART_SIZE. */
export const MULTIPART_THRESHOLD = 16 * 1024 * 1024;
export const PART_SIZE = 8 * 1024 * 1024;
const MAX_SIZE = 5 * 1024 ** 4;
const UPLOAD_URL_TTL = 6 * 3600;

type ObjectMethods = Pick<AppApiMethods,
  'objects.list' | 'objects.head' | 'objects.delete' | 'objects.presign' | 'objects.createFolder' |
  'objects.createUpload' | 'objects.completeUpload' | 'objects.abortUpload'>;

function bucketKey(raw: unknown): { bucket: string; key: string } {
  const input = asInput(raw);
  return { bucket: str(input, 'bucket', 63), key: str(input, 'key', 1024) };
}

/** The objects.* methods over the S3 client `resolve` picks per call; `now` stamps presigned URL expiries. */
export function createObjectsApi(resolve: S3Resolver, now: () => number): ObjectMethods {
  async function versionsOf(s3: S3Client, bucket: string, key: string): Promise<ObjectVersion[]> {
    try {
      const out = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, MaxKeys: 100 }));
      const versions = (out.Versions ?? []).filter((v) => v.Key === key).map((v) => ({
        versionId: v.VersionId ?? 'null', isLatest: v.IsLatest ?? false, deleteMarker: false,
        size: v.Size ?? 0, lastModified: v.LastModified?.toISOString() ?? null, etag: (v.ETag ?? '').replace(/"/g, ''),
      }));
      const markers = (out.DeleteMarkers ?? []).filter((m) => m.Key === key).map((m) => ({
        versionId: m.VersionId ?? 'null', isLatest: m.IsLatest ?? false, deleteMarker: true,
        size: 0, lastModified: m.LastModified?.toISOString() ?? null, etag: '',
      }));
      return [...versions, ...markers].sort((a, b) => (b.lastModified ?? '').localeCompare(a.lastModified ?? ''));
    } catch {
      return []; // compat: an endpoint without ListObjectVersions shows no version list rather than an error.
    }
  }

  return {
    async 'objects.list'(raw) {
      const { s3, call } = resolve(asInput(raw));
      const input = asInput(raw);
      const bucket = str(input, 'bucket', 63);
      const prefix = optStr(input, 'prefix', 1024) ?? '';
      const search = optStr(input, 'search', 1024) ?? '';
      const cursor = optStr(input, 'cursor', 4096);
      const limit = optInt(input, 'limit', 1, 1000) ?? 200;
      const out = await call(() => s3.send(new ListObjectsV2Command({
        Bucket: bucket, Prefix: prefix + search, Delimiter: '/', MaxKeys: limit, ContinuationToken: cursor || undefined,
      })));
      return {
        prefix,
        folders: (out.CommonPrefixes ?? []).map((p) => p.Prefix ?? '').filter(Boolean),
        objects: (out.Contents ?? []).map((o) => ({
          key: o.Key ?? '', size: o.Size ?? 0, etag: (o.ETag ?? '').replace(/"/g, ''), lastModified: o.LastModified?.toISOString() ?? null,
        })),
        nextCursor: out.IsTruncated ? out.NextContinuationToken ?? null : null,
      };
    },
    async 'objects.head'(raw) {
      const { s3, call } = resolve(asInput(raw));
      const { bucket, key } = bucketKey(raw);
      const head = await call(() => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })));
      return {
        key, size: head.ContentLength ?? 0, etag: (head.ETag ?? '').replace(/"/g, ''),
        lastModified: head.LastModified?.toISOString() ?? null, contentType: head.ContentType ?? null,
        metadata: head.Metadata ?? {}, versionId: head.VersionId ?? null, versions: await versionsOf(s3, bucket, key),
      };
    },
    async 'objects.delete'(raw) {
      const { s3, call } = resolve(asInput(raw));
      const input = asInput(raw);
      const bucket = str(input, 'bucket', 63);
      const keys = strList(input, 'keys', 1000);
      const out = await call(() => s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } })));
      return {
        deleted: (out.Deleted ?? []).map((d) => d.Key ?? ''),
        errors: (out.Errors ?? []).map((e) => ({ key: e.Key ?? '', message: e.Message ?? e.Code ?? 'failed' })),
      };
    },
    async 'objects.presign'(raw) {
      const { s3, call } = resolve(asInput(raw));
      const input = asInput(raw);
      const { bucket, key } = bucketKey(raw);
      const method = optOneOf(input, 'method', ['GET', 'PUT'] as const) ?? 'GET';
      const expiresIn = optInt(input, 'expiresIn', 1, 7 * 24 * 3600) ?? 3600;
      const versionId = optStr(input, 'versionId', 1024);
      const name = key.split('/').pop() ?? key;
      const command = method === 'PUT'
        ? new PutObjectCommand({ Bucket: bucket, Key: key })
        : new GetObjectCommand({
          Bucket: bucket, Key: key, VersionId: versionId,
          ResponseContentDisposition: input.download === true ? `attachment; filename*=UTF-8''${encodeURIComponent(name)}` : undefined,
        });
      const url = await call(() => getSignedUrl(s3, command, { expiresIn }));
      return { url, expiresAt: now() + expiresIn * 1000 };
    },
    async 'objects.createFolder'(raw) {
      const { s3, call } = resolve(asInput(raw));
      const { bucket, key } = bucketKey(raw);
      if (!key.endsWith('/') || key.startsWith('/') || key.includes('//')) {
        throw new AppError('InvalidInput', 'key: a folder key ends with one "/" and has no empty segment');
      }
      await call(() => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '' })));
      return {};
    },
    async 'objects.createUpload'(raw) {
      const { s3, call, relayUpload } = resolve(asInput(raw));
      const input = asInput(raw);
      const { bucket, key } = bucketKey(raw);
      const size = int(input, 'size', 0, MAX_SIZE);
      const contentType = optStr(input, 'contentType', 255) || undefined;
      if (relayUpload) return { mode: 'single', url: relayUpload({ bucket, key, size, contentType }) };
      if (size <= MULTIPART_THRESHOLD) {
        const url = await call(() => getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: UPLOAD_URL_TTL }));
        return { mode: 'single', url };
      }
      const parts = Math.ceil(size / PART_SIZE);
      if (parts > 10_000) throw new AppError('InvalidInput', 'size: too large for 10,000 parts');
      const created = await call(() => s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType })));
      const uploadId = created.UploadId ?? '';
      const partUrls = await Promise.all(Array.from({ length: parts }, (_, i) => call(() => getSignedUrl(
        s3, new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: i + 1 }), { expiresIn: UPLOAD_URL_TTL }))));
      return { mode: 'multipart', uploadId, partSize: PART_SIZE, partUrls };
    },
    async 'objects.completeUpload'(raw) {
      const { s3, call } = resolve(asInput(raw));
      const input = asInput(raw);
      const { bucket, key } = bucketKey(raw);
      const uploadId = str(input, 'uploadId', 1024);
      const rawParts = input.parts;
      if (!Array.isArray(rawParts) || rawParts.length === 0 || rawParts.length > 10_000) throw new AppError('InvalidInput', 'parts: must be a list of 1–10000 parts');
      const parts = rawParts.map((p: unknown) => {
        const part = asInput(p);
        return { PartNumber: int(part, 'partNumber', 1, 10_000), ETag: str(part, 'etag', 256) };
      });
      const out = await call(() => s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } })));
      return { etag: (out.ETag ?? '').replace(/"/g, '') };
    },
    async 'objects.abortUpload'(raw) {
      const { s3, call } = resolve(asInput(raw));
      const input = asInput(raw);
      const { bucket, key } = bucketKey(raw);
      await call(() => s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: str(input, 'uploadId', 1024) })));
      return {};
    },
  };
}
