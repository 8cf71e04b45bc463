// The made-up bucket, hook and object changes the check's deliveries describe. Pure apart from random ids.
import { createHash, randomBytes } from 'node:crypto';
import type { ObjectChange, S3EventName } from '../model/object-change';

/** The bucket, hook Id and owner the check's records and handshake name. */
export const CHECK_BUCKET = 'buckethooks-check';
export const CHECK_HOOK_ID = 'buckethooks-check';
export const CHECK_OWNER = 'buckethooks-check';

/** What a change of `eventName` carries: removals have no size or ETag, a delete marker has a version id. */
export function sampleChange(eventName: S3EventName, key: string, sequencer: number, now: number): ObjectChange {
  const base = {
    eventName, bucket: CHECK_BUCKET, key, sequencer, time: now, sourceIp: '127.0.0.1', principalId: CHECK_OWNER,
    requestId: randomBytes(8).toString('hex').toUpperCase(), hostId: randomBytes(32).toString('base64'),
  };
  if (eventName === 's3:ObjectRemoved:Delete') return base;
  if (eventName === 's3:ObjectRemoved:DeleteMarkerCreated') return { ...base, versionId: randomBytes(12).toString('base64url') };
  const etag = createHash('md5').update(key).digest('hex');
  const multipart = eventName === 's3:ObjectCreated:CompleteMultipartUpload';
  return { ...base, size: multipart ? 10 * 1024 * 1024 : 11, etag: multipart ? `${etag}-2` : etag };
}
