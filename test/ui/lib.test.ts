// @vitest-environment happy-dom
// Pure helpers of the renderer: bucket name rules, event labels, retry policy text, formatting.
import { describe, expect, it } from 'vitest';
import { bucketNameProblem } from '../../src-shared/rules';
import { EVENT_OPTIONS, eventLabel, formatRetryPolicy, parseRetryPolicy } from '../../src-renderer/src/lib/hook-events';
import { formatBytes, prettyJson } from '../../src-renderer/src/lib/format';

describe('bucket name validation', () => {
  it.each([
    ['photos', null], ['my.bucket-1', null], ['ab', 'Must be 3 to 63 characters long'], ['a'.repeat(64), 'Must be 3 to 63 characters long'],
    ['Bad_Name', 'Use only lowercase letters, digits, dots and hyphens'], ['-abc', 'Must begin and end with a letter or digit'],
    ['a..b', 'Must not contain two adjacent dots'], ['192.168.1.1', 'Must not look like an IP address'],
    ['xn--abc', 'Must not use a reserved prefix or suffix'], ['sthree-x', 'Must not use a reserved prefix or suffix'],
    ['amzn-s3-demo-x', 'Must not use a reserved prefix or suffix'], ['name--ol-s3', 'Must not use a reserved prefix or suffix'],
    ['name--x-s3', 'Must not use a reserved prefix or suffix'], ['name.mrap', 'Must not use a reserved prefix or suffix'],
    ['name-s3alias', 'Must not use a reserved prefix or suffix'], ['1.2.3.4567', null],
  ])('%s → %s', (name, error) => { expect(bucketNameProblem(name)).toBe(error); });
});

describe('hook events and retry policy', () => {
  it('offers VK labels mapped to S3 event names', () => {
    expect(EVENT_OPTIONS.map((o) => o.label)).toEqual([
      'ObjectCreated', 'PutObject', 'PutObjectCopy', 'CompleteMultipartUpload', 'Post', 'ObjectRemoved', 'DeleteObject', 'DeleteMarkerCreated']);
    expect(eventLabel('s3:ObjectCreated:Copy')).toBe('PutObjectCopy');
    expect(eventLabel('s3:ObjectRemoved:DeleteMarkerCreated')).toBe('DeleteMarkerCreated');
    expect(eventLabel('s3:Other')).toBe('s3:Other');
  });
  it.each([
    ['', null], ['1, 5, 30', [1000, 5000, 30_000]], ['0.5 2', [500, 2000]],
  ])('parses %j', (text, delays) => { expect(parseRetryPolicy(text)).toEqual(delays); });
  it('rejects bad delays with a readable message', () => {
    expect(() => parseRetryPolicy('1, soon')).toThrow('"soon" is not a delay in seconds');
    expect(() => parseRetryPolicy('-1')).toThrow('is not a delay');
  });
  it('formats a schedule back to text', () => { expect(formatRetryPolicy([1000, 500])).toBe('1, 0.5'); });
});

describe('formatting', () => {
  it('formats sizes and pretty JSON', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('not json')).toBe('not json');
  });
});
