// Properties of the S3 request body parsers (DeleteObjects, CompleteMultipartUpload, PutBucketVersioning,
// PutBucketCors): any text, and any document of their vocabulary (reserved and prototype names, entities, deep
// nesting, DOCTYPE), parses or is an S3Error; a body rendered as the SDK sends it parses back to what was rendered.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDeleteRequest } from '../../src-main/core/s3/ops/delete-object';
import { parseCompleteParts } from '../../src-main/core/s3/ops/multipart-complete';
import { parseVersioningStatus } from '../../src-main/core/s3/ops/versioning';
import { parseCorsConfiguration, renderCorsConfiguration } from '../../src-main/core/s3/ops/bucket-cors';
import { CORS_METHODS } from '../../src-main/core/s3/protocol/cors-rules';
import { renderXml } from '../../src-main/core/s3/xml';
import { S3Error } from '../../src-main/core/s3/s3-error';
import { onlyThrows, RUNS, xmlDocument } from './arbitraries';

/** Text an XML 1.0 document carries as is (C0 controls but tab and LF replaced; CR is normalised by parsers). */
const xmlText = (min: number, max: number) => fc.string({ unit: 'binary', minLength: min, maxLength: max })
  .map((s) => [...s].map((c) => ((c < ' ' && c !== '\t' && c !== '\n') || c === '\uFFFE' || c === '\uFFFF' ? '_' : c)).join(''));

const parsers: [string, (xml: string) => unknown, string[], string[]][] = [
  ['DeleteObjects', parseDeleteRequest, ['Delete', 'Object', 'Key', 'VersionId', 'Quiet'], ['true', 'false', 'k', '']],
  ['CompleteMultipartUpload', parseCompleteParts, ['CompleteMultipartUpload', 'Part', 'PartNumber', 'ETag', 'ChecksumCRC32'], ['1', '10001', '-1', '"abc"', '1e3']],
  ['PutBucketVersioning', parseVersioningStatus, ['VersioningConfiguration', 'Status', 'MfaDelete'], ['Enabled', 'Suspended', 'enabled']],
  ['PutBucketCors', parseCorsConfiguration, ['CORSConfiguration', 'CORSRule', 'AllowedOrigin', 'AllowedMethod', 'AllowedHeader', 'ExposeHeader',
    'MaxAgeSeconds', 'ID'], ['GET', 'PUT', '*', 'http://a.test', '3000', 'x-amz-*', 'PATCH']],
];

describe.each(parsers)('the %s body parser', (_name, parse, names, texts) => {
  it('parses or throws an S3Error for any text and any document of its vocabulary', async () => {
    await fc.assert(fc.asyncProperty(xmlDocument(names, texts), async (xml) => {
      await onlyThrows(S3Error, () => parse(xml));
    }), { numRuns: RUNS });
  });
});

describe('render → parse = identity', () => {
  it('DeleteObjects', () => {
    const objects = fc.array(fc.record({ key: xmlText(1, 40).filter((k) => k.trim() !== ''), versionId: fc.option(fc.stringMatching(/^[A-Za-z0-9._-]{1,32}$/), { nil: undefined }) }),
      { minLength: 1, maxLength: 20 });
    fc.assert(fc.property(objects, fc.boolean(), (list, quiet) => {
      const xml = renderXml('Delete', { Object: list.map((o) => ({ Key: o.key, VersionId: o.versionId })), Quiet: quiet });
      expect(parseDeleteRequest(xml)).toEqual({ objects: list, quiet });
    }), { numRuns: RUNS });
  });

  it('CompleteMultipartUpload', () => {
    const parts = fc.array(fc.record({ partNumber: fc.integer({ min: 1, max: 10_000 }), etag: fc.stringMatching(/^[0-9a-f]{32}$/) }), { minLength: 1, maxLength: 30 });
    fc.assert(fc.property(parts, (list) => {
      const xml = renderXml('CompleteMultipartUpload', { Part: list.map((p) => ({ PartNumber: p.partNumber, ETag: `"${p.etag}"` })) });
      expect(parseCompleteParts(xml)).toEqual(list.map((p) => ({ ...p, checksums: {} })));
    }), { numRuns: RUNS });
  });

  it('PutBucketVersioning', () => {
    fc.assert(fc.property(fc.constantFrom('Enabled', 'Suspended') as fc.Arbitrary<'Enabled' | 'Suspended'>, (status) => {
      expect(parseVersioningStatus(renderXml('VersioningConfiguration', { Status: status }))).toBe(status);
    }), { numRuns: 10 });
  });

  it('PutBucketCors (GetBucketCors renders what PutBucketCors parses)', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/);
    const pattern = fc.tuple(token, fc.boolean(), token).map(([a, star, b]) => (star ? `${a}*${b}` : a));
    const rule = fc.record({
      id: fc.option(xmlText(1, 30).map((s) => s.trim()).filter((s) => s !== ''), { nil: undefined }),
      allowedOrigins: fc.array(pattern.map((p) => `http://${p}`), { minLength: 1, maxLength: 3 }),
      allowedMethods: fc.subarray([...CORS_METHODS], { minLength: 1 }),
      allowedHeaders: fc.array(pattern, { maxLength: 3 }), exposeHeaders: fc.array(token, { maxLength: 3 }),
      maxAgeSeconds: fc.option(fc.integer({ min: 0, max: 999_999_999 }), { nil: undefined }),
    });
    fc.assert(fc.property(fc.array(rule, { minLength: 1, maxLength: 5 }), (rules) => {
      const clean = rules.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
      expect(parseCorsConfiguration(renderCorsConfiguration(rules))).toEqual(clean);
    }), { numRuns: RUNS });
  });
});
