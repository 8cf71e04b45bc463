// The bucket browser's S3 client: @aws-sdk/client-s3 pointed at the endpoint with the core's keys, and the
// mapping of SDK errors to AppError. The API never touches storage directly for buckets and objects.
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { AppError } from '../kernel/app-error';

export interface S3Target { endpoint: string; region: string; accessKey: string; secretKey: string }

/** A path-style client; checksums only when required so presigned PUT URLs carry no fixed checksum. */
export function createApiS3Client(target: S3Target): S3Client {
  // The pinned SDK supports Node 20; its 9-line notice about releases after January 2027 would print on every start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new S3Client({
    endpoint: target.endpoint, region: target.region, forcePathStyle: true,
    credentials: { accessKeyId: target.accessKey, secretAccessKey: target.secretKey },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
}

/** Run an SDK call, turning S3 errors into AppError(code, message) the UI can show. */
export async function s3Call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof S3ServiceException) {
      const message = err.message && err.message !== 'UnknownError' ? err.message : `S3 answered ${err.$metadata.httpStatusCode ?? 'an error'}`;
      throw new AppError(err.name || 'S3Error', message);
    }
    if (err instanceof AppError) throw err;
    throw new AppError('S3Unavailable', `S3 endpoint not reachable: ${err instanceof Error ? err.message : String(err)}`);
  }
}
