// The domain error of the core (storage, notifications): a code from one closed union, details and the cause.
// It knows no protocol: s3/ maps it to an S3 error in one place, the app API answers its code and message.
import { AppError } from './app-error';

/** Every code a core service may throw; protocol layers map each one explicitly. */
export type CoreErrorCode =
  // storage: buckets
  | 'NoSuchBucket' | 'InvalidBucketName' | 'BucketAlreadyOwnedByYou' | 'BucketNotEmpty'
  // storage: multipart uploads
  | 'NoSuchUpload' | 'InvalidPart' | 'InvalidPartOrder' | 'EntityTooSmall' | 'InvalidRequest' | 'BadDigest'
  // notifications: a rejected configuration or hook edit
  | 'MalformedXML' | 'InvalidArgument';

/** A domain failure: `details` name what was wrong (bucket, part, argument), `cause` keeps the underlying error. */
export class CoreError extends AppError {
  declare readonly code: CoreErrorCode;

  constructor(code: CoreErrorCode, message: string, public readonly details: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'CoreError';
  }
}
