// Properties of the S3 request router and query parser: whatever a client sends, addressing, routing and query
// parsing answer a result or an S3Error, nothing else; an encoded query and an encoded bucket/key parse back to
// exactly what was encoded (render → parse = identity), path-style and virtual-hosted alike.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuery, type QueryRecord } from '../../src-main/core/s3/protocol/query';
import { resolveTarget } from '../../src-main/core/s3/protocol/addressing';
import { routeOperation } from '../../src-main/core/s3/protocol/router';
import { S3Error } from '../../src-main/core/s3/s3-error';
import { awsEncode, hostileText, onlyThrows, RUNS } from './arbitraries';

const NAMES = ['localhost', 's3.example.test'];
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'get', ''];
const SUBRESOURCES = ['notification', 'versioning', 'versions', 'uploads', 'uploadId', 'partNumber', 'delete', 'location',
  'list-type', 'acl', 'cors', 'tagging', 'policy', 'select', 'X-Amz-Signature', 'X-Amz-Credential', 'versionId'];

const hostileQuery = fc.oneof(
  hostileText(80),
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...SUBRESOURCES), hostileText(10)), fc.option(hostileText(10))), { maxLength: 8 })
    .map((pairs) => pairs.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join('&')),
);
const bucketName = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
const objectKey = fc.string({ unit: 'binary', minLength: 1, maxLength: 200 })
  .filter((k) => Buffer.byteLength(k) <= 1024);

describe('parseQuery', () => {
  it('never throws', () => {
    fc.assert(fc.property(hostileQuery, (raw) => { parseQuery(raw); }), { numRuns: RUNS });
  });

  it('parses an encoded query back to the same names and values, repeats in order', () => {
    const entries = fc.array(fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 })),
      { maxLength: 10 });
    fc.assert(fc.property(entries, (pairs) => {
      const expected: QueryRecord = Object.create(null) as QueryRecord;
      for (const [k, v] of pairs) {
        const prev = expected[k];
        expected[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      const raw = pairs.map(([k, v]) => `${awsEncode(k)}=${awsEncode(v)}`).join('&');
      expect(parseQuery(raw)).toEqual(expected);
    }), { numRuns: RUNS });
  });
});

describe('resolveTarget', () => {
  it('answers a target or an S3Error for any Host and path', async () => {
    const host = fc.oneof(hostileText(30), bucketName.map((b) => `${b}.localhost:9000`), fc.constantFrom(undefined, '', '[::1]', '127.0.0.1:9'));
    await fc.assert(fc.asyncProperty(host, hostileText(120).map((p) => `/${p}`), async (h, path) => {
      await onlyThrows(S3Error, () => resolveTarget(h, path, NAMES));
    }), { numRuns: RUNS });
  });

  it('decodes an encoded bucket and key exactly, path-style and virtual-hosted', () => {
    fc.assert(fc.property(bucketName, objectKey, (bucket, key) => {
      const rawKey = key.split('/').map(awsEncode).join('/');
      expect(resolveTarget('127.0.0.1:9000', `/${bucket}/${rawKey}`, NAMES)).toEqual({ bucket, key });
      expect(resolveTarget(`${bucket}.localhost:9000`, `/${rawKey}`, NAMES)).toEqual({ bucket, key });
    }), { numRuns: RUNS });
  });
});

describe('routeOperation', () => {
  it('names an operation or throws an S3Error for any method, target, query and headers', async () => {
    const target = fc.record({ bucket: fc.option(bucketName, { nil: undefined }), key: fc.option(objectKey, { nil: undefined }) })
      .map((t) => (t.bucket === undefined ? {} : t));
    const headers = fc.record({
      'content-type': fc.option(fc.constantFrom('multipart/form-data; boundary=x', 'text/plain', ''), { nil: undefined }),
      'x-amz-copy-source': fc.option(hostileText(20), { nil: undefined }),
    });
    await fc.assert(fc.asyncProperty(fc.oneof(fc.constantFrom(...METHODS), hostileText(8)), target, hostileQuery, headers,
      async (method, t, rawQuery, h) => {
        await onlyThrows(S3Error, () => routeOperation(method, t, new URLSearchParams(rawQuery), h));
      }), { numRuns: RUNS });
  });
});
