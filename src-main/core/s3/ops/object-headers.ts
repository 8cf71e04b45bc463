// Object headers both ways: content metadata and x-amz-meta-* from a request, the same back on GET/HEAD,
// and the flexible checksums (which to compute, verifying what the client sent, which to return).
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../s3-error';
import type { S3Request } from '../types';
import type { WrittenBlob } from '../../storage/blob-store';
import { CHECKSUM_ALGORITHMS, parseAlgorithm, type ChecksumAlgorithm, type Checksums } from '../../storage/hashing';
import type { ObjectMeta, ObjectVersion } from '../../storage/types';
import { header } from './common';

const CONTENT: [keyof Omit<ObjectMeta, 'user'>, string][] = [
  ['contentType', 'content-type'], ['contentEncoding', 'content-encoding'], ['contentDisposition', 'content-disposition'],
  ['cacheControl', 'cache-control'], ['contentLanguage', 'content-language'], ['expires', 'expires'],
];

/** Content headers and user metadata of a PUT/POST/REPLACE-copy/CreateMultipartUpload. */
export function metaFromHeaders(headers: IncomingHttpHeaders): ObjectMeta {
  const meta: ObjectMeta = {};
  for (const [field, name] of CONTENT) {
    let value = header(headers, name);
    // compat: aws-chunked is a transfer detail of the SDK, not the object's encoding (AWS drops it too).
    if (field === 'contentEncoding' && value) value = value.split(',').map((s) => s.trim()).filter((s) => s && s !== 'aws-chunked').join(', ');
    if (value) meta[field] = value;
  }
  const user: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) user[name.slice(11)] = Array.isArray(value) ? value.join(',') : value;
  }
  if (Object.keys(user).length) meta.user = user;
  return meta;
}

/** Response headers describing a stored version's content. */
export function metaHeaders(meta: ObjectMeta): Record<string, string> {
  const out: Record<string, string> = { 'content-type': meta.contentType ?? 'binary/octet-stream' };
  for (const [field, name] of CONTENT) { const v = meta[field]; if (v && field !== 'contentType') out[name] = v; }
  for (const [name, value] of Object.entries(meta.user ?? {})) out[`x-amz-meta-${name}`] = value;
  return out;
}

const checksumHeader = (a: ChecksumAlgorithm): string => `x-amz-checksum-${a.toLowerCase()}`;

/** Algorithms the request asks us to compute: checksum headers, the SDK's algorithm header, announced trailers. */
export function requestedAlgorithms(req: S3Request, extra?: ChecksumAlgorithm): ChecksumAlgorithm[] {
  const out = new Set<ChecksumAlgorithm>(extra ? [extra] : []);
  const trailer = (header(req.headers, 'x-amz-trailer') ?? '').toLowerCase();
  for (const a of CHECKSUM_ALGORITHMS) {
    if (header(req.headers, checksumHeader(a)) || trailer.split(',').map((s) => s.trim()).includes(checksumHeader(a))) out.add(a);
  }
  const named = parseAlgorithm(header(req.headers, 'x-amz-sdk-checksum-algorithm') ?? header(req.headers, 'x-amz-checksum-algorithm'));
  if (named) out.add(named);
  return [...out];
}

/**
 * A verifier for storage.putObject: Content-MD5 (InvalidDigest/BadDigest) and every checksum the client
 * sent in headers or trailers (BadDigest). Returns the checksums to store.
 */
export function verifier(req: S3Request): (blob: WrittenBlob) => Checksums {
  return (blob) => {
    const md5 = header(req.headers, 'content-md5');
    if (md5 !== undefined) {
      const given = Buffer.from(md5, 'base64');
      if (given.length !== 16) throw new S3Error('InvalidDigest', 'The Content-MD5 you specified is not valid.');
      if (!given.equals(blob.md5)) throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
    for (const [a, value] of Object.entries(blob.checksums) as [ChecksumAlgorithm, string][]) {
      const sent = header(req.headers, checksumHeader(a)) ?? req.trailers[checksumHeader(a)];
      if (sent !== undefined && sent !== value) {
        throw new S3Error('BadDigest', `The ${a} you specified did not match the calculated checksum.`);
      }
    }
    return blob.checksums;
  };
}

/** COMPOSITE for a checksum of part checksums (its value ends in `-N`), FULL_OBJECT for one over all bytes. */
export function checksumTypeOf(checksums: Checksums): 'COMPOSITE' | 'FULL_OBJECT' | undefined {
  const values = Object.values(checksums);
  if (!values.length) return undefined;
  return values.some((v) => v.includes('-')) ? 'COMPOSITE' : 'FULL_OBJECT';
}

/** x-amz-checksum-* response headers (whole-object reads, and parts), with x-amz-checksum-type unless `withType` is false. */
export function checksumHeaders(checksums: Checksums, withType = true): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [a, value] of Object.entries(checksums) as [ChecksumAlgorithm, string][]) out[checksumHeader(a)] = value;
  const type = withType ? checksumTypeOf(checksums) : undefined;
  if (type) out['x-amz-checksum-type'] = type;
  return out;
}

/** The Checksum* elements of XML results (CopyObjectResult, CompleteMultipartUploadResult, Part). */
export function checksumElements(checksums: Checksums): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [a, value] of Object.entries(checksums) as [ChecksumAlgorithm, string][]) out[`Checksum${a}`] = value;
  return out;
}

/** The first checksum algorithm of a version, for ChecksumAlgorithm in listings. */
export function listedAlgorithm(v: ObjectVersion): string | undefined {
  return Object.keys(v.checksums)[0];
}
