// The body of "Send test event": an AWS-shaped s3:TestEvent for one bucket (also sent to remote buckets' hooks).
import { randomBytes } from 'node:crypto';

/** The s3:TestEvent message AWS sends when a configuration is saved, stamped `now` (ms epoch). */
export function testEventBody(bucket: string, now: number): string {
  return JSON.stringify({
    Service: 'Amazon S3', Event: 's3:TestEvent', Time: new Date(now).toISOString(), Bucket: bucket,
    RequestId: randomBytes(8).toString('hex').toUpperCase(), HostId: randomBytes(48).toString('base64'),
  });
}
