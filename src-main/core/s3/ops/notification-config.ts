// The bucket `?notification` operations: GET renders, PUT validates + confirms + replaces, DELETE
// clears (SPEC §3). Protocol glue only; the rules live in notifications/.
// @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html
import type { OperationTable, S3Request } from '../types';
import { S3Error } from '../s3-error';
import type { Notifications } from '../../notifications/create-notifications';
import { MAX_CONFIG_BYTES } from '../../notifications/types';
import { decodeXmlBody, readBodyBytes } from '../xml';

/** The service and the bucket check the ?notification operations use. */
export interface NotificationOperationDeps { notifications: Notifications; bucketExists: (name: string) => boolean }

function bucketOf(req: S3Request, deps: NotificationOperationDeps): string {
  const bucket = req.bucket ?? '';
  if (!deps.bucketExists(bucket)) throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
  return bucket;
}

/** GetBucketNotificationConfiguration, PutBucketNotificationConfiguration, DeleteBucketNotificationConfiguration. */
export function createNotificationOperations(deps: NotificationOperationDeps): OperationTable {
  const { notifications } = deps;
  return {
    async GetBucketNotificationConfiguration(req) {
      const bucket = bucketOf(req, deps);
      const body = await notifications.getConfigXml(bucket);
      return { status: 200, headers: { 'Content-Type': 'application/xml' }, body };
    },
    async PutBucketNotificationConfiguration(req) {
      const bucket = bucketOf(req, deps);
      const xml = decodeXmlBody(await readBodyBytes(req.body, MAX_CONFIG_BYTES, req.contentLength));
      const skip = String(req.headers['x-amz-skip-destination-validation'] ?? '').toLowerCase() === 'true';
      await notifications.putConfigXml(bucket, xml, { skipDestinationValidation: skip });
      // compat: BucketHooks adds its lint warnings (patterns that usually mean a mistake) as one extra header.
      const warnings = notifications.lintBucket(bucket);
      if (warnings.length === 0) return { status: 200 };
      const text = warnings.map((w) => `${w.hookId}: ${w.message}`).join(' | ').replace(/[^\x20-\x7e]/g, '?');
      return { status: 200, headers: { 'x-buckethooks-lint': text } };
    },
    async DeleteBucketNotificationConfiguration(req) {
      const bucket = bucketOf(req, deps);
      await notifications.deleteConfig(bucket);
      return { status: 204 };
    },
  };
}
