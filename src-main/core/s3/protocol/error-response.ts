// Renders S3 error documents: `<Error><Code/><Message/><Resource/><RequestId/>…</Error>`. The one place where
// the core's domain errors become S3 errors; anything else is a 500 InternalError whose details go only to the log.
import { CoreError, type CoreErrorCode } from '../../kernel/core-error';
import { S3Error, type S3ErrorCode } from '../s3-error';
import { isDiskFull } from '../../kernel/durability/disk-full';

/** The S3 code answered for each domain error code (the core names its failures after S3's own). */
const S3_CODE_OF: Readonly<Record<CoreErrorCode, S3ErrorCode>> = {
  NoSuchBucket: 'NoSuchBucket',
  InvalidBucketName: 'InvalidBucketName',
  BucketAlreadyOwnedByYou: 'BucketAlreadyOwnedByYou',
  BucketNotEmpty: 'BucketNotEmpty',
  NoSuchUpload: 'NoSuchUpload',
  InvalidPart: 'InvalidPart',
  InvalidPartOrder: 'InvalidPartOrder',
  EntityTooSmall: 'EntityTooSmall',
  InvalidRequest: 'InvalidRequest',
  BadDigest: 'BadDigest',
  MalformedXML: 'MalformedXML',
  InvalidArgument: 'InvalidArgument',
};

/** XML-escape text content. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Whether `err` is an expected failure with an S3 answer (an S3Error, a domain error or a full disk), not an internal one. */
export function isKnownError(err: unknown): boolean {
  return err instanceof S3Error || err instanceof CoreError || isDiskFull(err);
}

/** Normalise any thrown value to an S3Error (domain errors by the table above, unknown errors → InternalError). */
export function toS3Error(err: unknown): S3Error {
  if (err instanceof S3Error) return err;
  if (err instanceof CoreError) return new S3Error(S3_CODE_OF[err.code], err.message, { ...err.details });
  // compat: MinIO's answer to a full disk (AWS has none); nothing was acknowledged, the client may retry later.
  if (isDiskFull(err)) return new S3Error('XMinioStorageFull', 'The disk holding the data dir is full: free some space and retry. Nothing acknowledged was lost.');
  return new S3Error('InternalError', 'We encountered an internal error. Please try again.');
}

/** The XML body of an error response. */
export function renderErrorXml(err: S3Error, resource: string, requestId: string, hostId: string): string {
  let extra = '';
  for (const [name, value] of Object.entries(err.extra)) extra += `<${name}>${escapeXml(value)}</${name}>`;
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message>`
    + `<Resource>${escapeXml(resource)}</Resource><RequestId>${requestId}</RequestId>${extra}<HostId>${escapeXml(hostId)}</HostId></Error>`;
}
