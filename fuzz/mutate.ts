// Mutation plans for captured requests, drawn with fast-check from a seed (so a run can be repeated): which
// request, what to change in its method, path, query, headers and body, whether to sign it again, and byte-level
// damage to the final bytes. `applyPlan` turns a plan into the bytes the fuzzer sends.
import fc from 'fast-check';
import { hostileText, xmlDocument } from '../test/property/arbitraries';
import { resign } from './resign';
import { framed, serialize, withHeader, type WireRequest } from './wire';

const fraction = fc.nat({ max: 9999 }).map((n) => n / 10_000);
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'PROPFIND', 'get', 'X'.repeat(40)];
const SUBRESOURCES = ['notification', 'versioning', 'versions', 'uploads', 'uploadId', 'partNumber', 'delete', 'location', 'cors', 'acl',
  'list-type', 'prefix', 'delimiter', 'marker', 'max-keys', 'continuation-token', 'start-after', 'encoding-type', 'versionId', 'token',
  'response-content-type', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'x-id'];
const HEADERS = ['range', 'if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since', 'x-amz-copy-source', 'x-amz-copy-source-range',
  'content-md5', 'content-type', 'content-encoding', 'x-amz-content-sha256', 'x-amz-decoded-content-length', 'x-amz-trailer',
  'x-amz-checksum-crc32', 'x-amz-checksum-sha256', 'x-amz-sdk-checksum-algorithm', 'x-amz-meta-fuzz', 'expect', 'origin', 'host',
  'access-control-request-method', 'access-control-request-headers', 'x-amz-sns-message-type', 'authorization', 'x-amz-date',
  'x-amz-skip-destination-validation', 'x-amz-metadata-directive', 'sec-fetch-site'];
const VALUES = ['bytes=0-0', 'bytes=5-1', 'bytes=-0', 'bytes=0-99999999999999999999', '*', '"x"', 'Thu, 01 Jan 1970 00:00:00 GMT', '/fz-sdk/hello.txt',
  '/fz-sdk/hello.txt?versionId=zz', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'UNSIGNED-PAYLOAD', 'aws-chunked',
  'x-amz-checksum-crc32', '-1', '18446744073709551616', '100-continue', 'multipart/form-data; boundary=', 'http://evil.example', 'cross-site',
  'SubscriptionConfirmation', 'AAAAAA==', 'true'];
const XML_NAMES = ['Delete', 'Object', 'Key', 'CompleteMultipartUpload', 'Part', 'PartNumber', 'ETag', 'VersioningConfiguration', 'Status',
  'NotificationConfiguration', 'TopicConfiguration', 'SimpleTopicConfiguration', 'Url', 'Event', 'CORSConfiguration', 'CORSRule', 'AllowedOrigin'];

const text = fc.oneof(fc.constantFrom(...VALUES), hostileText(40));
const op = fc.oneof(
  fc.record({ kind: fc.constant('method' as const), value: fc.constantFrom(...METHODS) }),
  fc.record({ kind: fc.constant('path' as const), at: fraction, cut: fc.nat({ max: 8 }), text: fc.oneof(hostileText(20), fc.constantFrom('/..', '%2F', '//', '%ZZ', '/_api/', '/_inbox/x', '/_ui/../')) }),
  fc.record({ kind: fc.constant('query' as const), name: fc.oneof(fc.constantFrom(...SUBRESOURCES), hostileText(8)), value: fc.option(text, { nil: undefined }) }),
  fc.record({ kind: fc.constant('header' as const), name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HEADERS) }, hostileText(10)), value: fc.option(text, { nil: undefined }) }),
  fc.record({ kind: fc.constant('body' as const), how: fc.constantFrom('flip', 'insert', 'delete', 'truncate'), at: fraction, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('xml' as const), doc: xmlDocument(XML_NAMES, ['1', 'k', 'Enabled', 'http://127.0.0.1:1/h', 's3:ObjectCreated:*', 'GET']) }),
  fc.record({ kind: fc.constant('json' as const), doc: fc.oneof(fc.json({ maxDepth: 3 }), hostileText(40)) }),
  fc.record({ kind: fc.constant('chunked' as const), value: fc.boolean() }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** One fuzz case: the corpus entry, the changes, whether to sign again, then damage to the final bytes. */
export interface Plan {
  base: number;
  ops: Op[];
  resign: boolean;
  raw: readonly { at: number; how: 'flip' | 'insert' | 'delete' | 'truncate'; byte: number }[];
}

/** The plans of one batch, reproducible from `seed`. */
export function drawPlans(corpusSize: number, count: number, seed: number): Plan[] {
  const plan = fc.record({
    base: fc.nat({ max: corpusSize - 1 }),
    ops: fc.array(op, { minLength: 0, maxLength: 3 }),
    resign: fc.nat({ max: 3 }).map((n) => n > 0),
    raw: fc.oneof({ weight: 6, arbitrary: fc.constant([]) },
      fc.array(fc.record({ at: fraction, how: fc.constantFrom('flip', 'insert', 'delete', 'truncate'), byte: fc.constantFrom(0, 10, 13, 32, 58, 0x80, 0xff, 0x7f) }), { minLength: 1, maxLength: 3 })),
  });
  return fc.sample(plan, { seed, numRuns: count });
}

function splice(buf: Buffer, at: number, how: string, bytes: Uint8Array): Buffer {
  const i = Math.floor(at * buf.length);
  if (how === 'flip') return Buffer.concat([buf.subarray(0, i), Buffer.from(bytes), buf.subarray(i + bytes.length)]);
  if (how === 'insert') return Buffer.concat([buf.subarray(0, i), Buffer.from(bytes), buf.subarray(i)]);
  if (how === 'delete') return Buffer.concat([buf.subarray(0, i), buf.subarray(i + bytes.length)]);
  return buf.subarray(0, i);
}

function applyOp(req: WireRequest, o: Op): WireRequest {
  switch (o.kind) {
    case 'method': return { ...req, method: o.value };
    case 'path': {
      const [path, query] = req.target.split(/\?(.*)/s);
      const i = Math.max(1, Math.floor(o.at * path.length));
      // Raw UTF-8 bytes in the target, as a client that does not escape them sends it (the wire is latin1 here).
      const inserted = Buffer.from(o.text).toString('latin1');
      return { ...req, target: `${path.slice(0, i)}${inserted}${path.slice(i + o.cut)}${query === undefined ? '' : `?${query}`}` };
    }
    case 'query': {
      const pair = o.value === undefined ? encodeURI(o.name) : `${encodeURI(o.name)}=${encodeURIComponent(o.value)}`;
      return { ...req, target: `${req.target}${req.target.includes('?') ? '&' : '?'}${pair}` };
    }
    case 'header': return withHeader(req, o.name, o.value === undefined ? undefined : Buffer.from(o.value).toString('latin1'));
    case 'body': return { ...req, body: splice(req.body, o.at, o.how, o.bytes) };
    case 'xml': return { ...req, body: Buffer.from(o.doc) };
    case 'json': return { ...req, body: Buffer.from(typeof o.doc === 'string' ? o.doc : JSON.stringify(o.doc)) };
    default: return { ...req, chunked: o.value };
  }
}

/** The bytes of `plan` over its corpus request (header values are latin1 on the wire; invalid ones stay invalid). */
export async function applyPlan(plan: Plan, base: WireRequest): Promise<Buffer> {
  let req = base;
  for (const o of plan.ops) {
    try { req = applyOp(req, o); } catch { /* an op that cannot apply (encodeURI of a lone surrogate) is skipped */ }
  }
  req = framed(req);
  if (plan.resign) req = await resign(req).catch(() => req);
  let bytes = serialize(req);
  for (const r of plan.raw) bytes = splice(bytes, r.at, r.how, Uint8Array.of(r.byte));
  return bytes;
}
