// The bucket `?notification` operations: GET renders, PUT validates + confirms + replaces, DELETE
// clears (SPEC §3). Protocol glue only; the rules live in notifications/.
// @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html
import type { Readable } from 'node:stream';
import type { OperationTable, S3Request } from '../types';
import { S3Error } from '../s3-error';
import type { Notifications } from '../../notifications/create-notifications';
import { MAX_CONFIG_BYTES } from '../../notifications/types';

/** The service and the bucket check the ?notification operations use. */
export interface NotificationOperationDeps { notifications: Notifications; bucketExists: (name: string) => boolean }

const tooLarge = () => new S3Error('MaxMessageLengthExceeded', 'Your request was too big.');

/** Read the body as UTF-8, never holding more than MAX_CONFIG_BYTES plus one chunk; the rest is drained unread. */
export async function readConfigBody(body: Readable, contentLength?: number): Promise<string> {
  if (contentLength !== undefined && contentLength > MAX_CONFIG_BYTES) { body.resume(); throw tooLarge(); }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > MAX_CONFIG_BYTES) { body.resume(); throw tooLarge(); }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

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
      const xml = await readConfigBody(req.body, req.contentLength);
      const skip = String(req.headers['x-amz-skip-destination-validation'] ?? '').toLowerCase() === 'true';
      await notifications.putConfigXml(bucket, xml, { skipDestinationValidation: skip });
      return { status: 200 };
    },
    async DeleteBucketNotificationConfiguration(req) {
      const bucket = bucketOf(req, deps);
      await notifications.deleteConfig(bucket);
      return { status: 204 };
    },
  };
}
