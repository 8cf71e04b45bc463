// The protocol layer's one mapping of errors: domain errors keep their code and details with S3's status,
// anything else is a bare InternalError; and the CompleteMultipartUpload part list decided in s3/ops.
import { describe, expect, it } from 'vitest';
import { CoreError, type CoreErrorCode } from '../../src-main/core/kernel/core-error';
import { S3Error } from '../../src-main/core/s3/s3-error';
import { isKnownError, toS3Error } from '../../src-main/core/s3/protocol/error-response';
import { parseCompleteParts } from '../../src-main/core/s3/ops/multipart-complete';

describe('toS3Error', () => {
  it.each<[CoreErrorCode, number]>([
    ['NoSuchBucket', 404], ['InvalidBucketName', 400], ['BucketAlreadyOwnedByYou', 409], ['BucketNotEmpty', 409],
    ['NoSuchUpload', 404], ['InvalidPart', 400], ['InvalidPartOrder', 400], ['EntityTooSmall', 400],
    ['InvalidRequest', 400], ['BadDigest', 400], ['MalformedXML', 400], ['InvalidArgument', 400],
  ])('maps the domain error %s to status %i with its details', (code, status) => {
    const err = toS3Error(new CoreError(code, 'why', { BucketName: 'b' }));
    expect(err).toMatchObject({ code, status, message: 'why', extra: { BucketName: 'b' } });
  });

  it('hides anything else behind InternalError', () => {
    const err = toS3Error(new Error('SQLITE_BUSY: /secret/path'));
    expect(err).toMatchObject({ code: 'InternalError', status: 500 });
    expect(err.message).not.toContain('secret');
    expect(isKnownError(new Error('x'))).toBe(false);
  });

  it('keeps an S3Error as it is', () => {
    const err = new S3Error('NoSuchKey', 'The specified key does not exist.');
    expect(toS3Error(err)).toBe(err);
    expect(isKnownError(err)).toBe(true);
  });

  it('keeps the cause of a domain error for the log', () => {
    const cause = new Error('disk');
    expect(new CoreError('NoSuchUpload', 'gone', {}, { cause }).cause).toBe(cause);
  });
});

describe('parseCompleteParts', () => {
  const xml = (parts: string) => `<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`;

  it('strips the quotes of each ETag and keeps each part\'s Checksum* elements', () => {
    expect(parseCompleteParts(xml('<Part><PartNumber>1</PartNumber><ETag>"abc"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>'
      + '<Part><PartNumber>2</PartNumber><ETag>def</ETag></Part>')))
      .toEqual([{ partNumber: 1, etag: 'abc', checksums: { CRC32: 'AAAAAA==' } }, { partNumber: 2, etag: 'def', checksums: {} }]);
  });

  it.each([
    ['no part', xml(''), 'You must specify at least one part.'],
    ['no CompleteMultipartUpload', '<Other/>', 'You must specify at least one part.'],
    ['a part without a number', xml('<Part><ETag>"a"</ETag></Part>'), 'not well-formed'],
    ['a part numbered x', xml('<Part><PartNumber>x</PartNumber><ETag>"a"</ETag></Part>'), 'not well-formed'],
  ])('answers MalformedXML for %s', (_name, body, message) => {
    expect(() => parseCompleteParts(body)).toThrow(S3Error);
    expect(() => parseCompleteParts(body)).toThrow(message);
    try { parseCompleteParts(body); } catch (err) { expect((err as S3Error).code).toBe('MalformedXML'); }
  });
});
