// Conditional request headers and byte ranges, evaluated as AWS does for GET/HEAD and copy sources.
// @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html (If-* and Range)
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../s3-error';
import type { ObjectVersion } from '../../storage/types';
import { header, unquote } from './common';

/** 'ok', or the status the conditions call for. */
export type ConditionResult = 'ok' | 'not-modified' | 'failed';

const etagMatches = (list: string, etag: string): boolean =>
  list.split(',').some((t) => t.trim() === '*' || unquote(t) === etag);

/** Seconds since the epoch of an HTTP date header, or undefined when absent/unparseable. */
function seconds(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/**
 * Evaluate If-Match / If-None-Match / If-Modified-Since / If-Unmodified-Since (names prefixed with
 * `prefix`, e.g. 'x-amz-copy-source-'). If-Match true overrides a false If-Unmodified-Since; If-None-Match
 * false overrides If-Modified-Since (RFC 7232 as S3 applies it).
 */
export function evaluateConditions(headers: IncomingHttpHeaders, v: ObjectVersion, prefix = ''): ConditionResult {
  const ifMatch = header(headers, `${prefix}if-match`);
  const ifNoneMatch = header(headers, `${prefix}if-none-match`);
  const modifiedSince = seconds(header(headers, `${prefix}if-modified-since`));
  const unmodifiedSince = seconds(header(headers, `${prefix}if-unmodified-since`));
  const modified = Math.floor(v.lastModified / 1000);
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, v.etag)) return 'failed';
  } else if (unmodifiedSince !== undefined && modified > unmodifiedSince) {
    return 'failed';
  }
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, v.etag)) return 'not-modified';
  } else if (modifiedSince !== undefined && modified <= modifiedSince) {
    return 'not-modified';
  }
  return 'ok';
}

/** An inclusive byte range. */
export interface ByteRange { start: number; end: number }

/**
 * Parse a Range header against `size`: undefined when absent or not a single bytes range (whole object),
 * InvalidRange (416) when unsatisfiable.
 */
export function parseRange(value: string | undefined, size: number): ByteRange | undefined {
  const m = value ? /^bytes=(\d*)-(\d*)$/.exec(value.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) throw invalidRange(size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
    if (start >= size) throw invalidRange(size);
  }
  return { start, end };
}

function invalidRange(size: number): S3Error {
  return new S3Error('InvalidRange', 'The requested range is not satisfiable', { ActualObjectSize: String(size) });
}
