// Table-driven tests of addressing (path-style / virtual-hosted, exact key decoding) and operation routing.
import { describe, expect, it } from 'vitest';
import { resolveTarget, virtualHostBucket } from '../../src-main/core/s3/protocol/addressing';
import { routeOperation } from '../../src-main/core/s3/protocol/router';
import { S3Error } from '../../src-main/core/s3/s3-error';

const NAMES = ['localhost', 's3.example.test'];

describe('addressing', () => {
  it.each([
    ['127.0.0.1:9000', '/b/k', { bucket: 'b', key: 'k' }],
    ['localhost:9000', '/b/dir/file.txt', { bucket: 'b', key: 'dir/file.txt' }],
    ['localhost', '/', { bucket: undefined }],
    ['localhost', '/b', { bucket: 'b' }],
    ['localhost', '/b/', { bucket: 'b' }],
    ['[::1]:9000', '/b/k', { bucket: 'b', key: 'k' }],
    ['mybucket.localhost:9000', '/k', { bucket: 'mybucket', key: 'k' }],
    ['my.dotted.bucket.localhost', '/a/b', { bucket: 'my.dotted.bucket', key: 'a/b' }],
    ['MyBucket.LOCALHOST:9000', '/', { bucket: 'mybucket' }],
    ['b2.s3.example.test', '/x', { bucket: 'b2', key: 'x' }],
    ['s3.example.test', '/b/x', { bucket: 'b', key: 'x' }],
    ['unknown-host:9000', '/b/x', { bucket: 'b', key: 'x' }],
    ['localhost', '/b/a+b', { bucket: 'b', key: 'a+b' }],
    ['localhost', '/b/a%20b%2Bc', { bucket: 'b', key: 'a b+c' }],
    ['localhost', '/b/a%2Fb', { bucket: 'b', key: 'a/b' }],
    ['localhost', '/b/..%2F..%2Fetc', { bucket: 'b', key: '../../etc' }],
    ['localhost', '/b/%E2%9C%93%20%D0%BF', { bucket: 'b', key: '✓ п' }],
    ['localhost', '/b//lead', { bucket: 'b', key: '/lead' }],
    ['localhost', '/b/100%25', { bucket: 'b', key: '100%' }],
  ])('%s %s', (host, path, expected) => {
    expect(resolveTarget(host, path, NAMES)).toEqual(expected);
  });

  it('treats IPs and bare localhost as path-style', () => {
    expect(virtualHostBucket('10.0.0.1:9000', NAMES)).toBeUndefined();
    expect(virtualHostBucket('localhost:9000', NAMES)).toBeUndefined();
    expect(virtualHostBucket(undefined, NAMES)).toBeUndefined();
  });

  it('rejects keys over 1024 bytes and malformed escapes', () => {
    expect(resolveTarget('localhost', '/b/' + 'a'.repeat(1024), NAMES).key).toHaveLength(1024);
    expect(() => resolveTarget('localhost', '/b/' + 'a'.repeat(1025), NAMES)).toThrow(expect.objectContaining({ code: 'KeyTooLongError' }));
    expect(() => resolveTarget('localhost', '/b/' + '%C3%A9'.repeat(513), NAMES)).toThrow(expect.objectContaining({ code: 'KeyTooLongError' }));
    expect(() => resolveTarget('localhost', '/b/%E0%A4%A', NAMES)).toThrow(expect.objectContaining({ code: 'InvalidURI' }));
  });
});

describe('routing', () => {
  const svc = {};
  const bucket = { bucket: 'b' };
  const object = { bucket: 'b', key: 'k' };
  const form = { 'content-type': 'multipart/form-data; boundary=x' };
  const copy = { 'x-amz-copy-source': '/b/src' };
  it.each([
    ['GET', svc, '', {}, 'ListBuckets'],
    ['PUT', bucket, '', {}, 'CreateBucket'],
    ['DELETE', bucket, '', {}, 'DeleteBucket'],
    ['HEAD', bucket, '', {}, 'HeadBucket'],
    ['GET', bucket, 'location', {}, 'GetBucketLocation'],
    ['GET', bucket, '', {}, 'ListObjects'],
    ['GET', bucket, 'list-type=2&prefix=a', {}, 'ListObjectsV2'],
    ['GET', bucket, 'versions', {}, 'ListObjectVersions'],
    ['GET', bucket, 'versioning', {}, 'GetBucketVersioning'],
    ['PUT', bucket, 'versioning', {}, 'PutBucketVersioning'],
    ['GET', bucket, 'notification', {}, 'GetBucketNotificationConfiguration'],
    ['GET', bucket, 'notification=', {}, 'GetBucketNotificationConfiguration'],
    ['PUT', bucket, 'notification=', {}, 'PutBucketNotificationConfiguration'],
    ['PUT', bucket, 'notification', {}, 'PutBucketNotificationConfiguration'],
    ['DELETE', bucket, 'notification', {}, 'DeleteBucketNotificationConfiguration'],
    ['GET', bucket, 'uploads', {}, 'ListMultipartUploads'],
    ['POST', bucket, 'delete', {}, 'DeleteObjects'],
    ['POST', bucket, 'delete=', {}, 'DeleteObjects'],
    ['POST', bucket, '', form, 'PostObject'],
    ['PUT', object, '', {}, 'PutObject'],
    ['PUT', object, '', copy, 'CopyObject'],
    ['PUT', object, 'partNumber=1&uploadId=u', {}, 'UploadPart'],
    ['PUT', object, 'partNumber=1&uploadId=u', copy, 'UploadPartCopy'],
    ['GET', object, '', {}, 'GetObject'],
    ['GET', object, 'response-content-type=text%2Fplain', {}, 'GetObject'],
    ['HEAD', object, '', {}, 'HeadObject'],
    ['DELETE', object, '', {}, 'DeleteObject'],
    ['DELETE', object, 'versionId=v1', {}, 'DeleteObject'],
    ['POST', object, 'uploads', {}, 'CreateMultipartUpload'],
    ['POST', object, 'uploadId=u', {}, 'CompleteMultipartUpload'],
    ['DELETE', object, 'uploadId=u', {}, 'AbortMultipartUpload'],
    ['GET', object, 'uploadId=u', {}, 'ListParts'],
    ['GET', bucket, 'cors', {}, 'GetBucketCors'],
    ['GET', bucket, 'acl', {}, 'GetBucketAcl'],
    ['PUT', bucket, 'acl', {}, 'PutBucketAcl'],
    ['GET', object, 'acl', {}, 'GetObjectAcl'],
    ['PUT', object, 'acl', { 'x-amz-copy-source': '/b/k' }, 'PutObjectAcl'],
    ['PUT', bucket, 'cors', {}, 'PutBucketCors'],
    ['DELETE', bucket, 'cors', {}, 'DeleteBucketCors'],
  ])('%s %o ?%s', (method, target, query, headers, expected) => {
    expect(routeOperation(method, target, new URLSearchParams(query), headers)).toBe(expected);
  });

  it.each([
    ['PUT', svc, '', 'MethodNotAllowed'],
    ['PATCH', object, '', 'MethodNotAllowed'],
    ['POST', bucket, '', 'MethodNotAllowed'],
    ['PUT', object, 'tagging', 'NotImplemented'],
    ['GET', bucket, 'lifecycle', 'NotImplemented'],
  ])('%s %o ?%s → %s', (method, target, query, code) => {
    let caught: unknown;
    try { routeOperation(method, target, new URLSearchParams(query), {}); } catch (err) { caught = err; }
    expect(caught).toBeInstanceOf(S3Error);
    expect((caught as S3Error).code).toBe(code);
  });
});
