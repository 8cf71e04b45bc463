// The VK URL handshake and the AWS s3:TestEvent as data: signature chain, local-offset timestamp,
// token and request bodies (SPEC §3). Pure; the HTTP exchange lives in confirm-url.ts.
import { createHmac, randomInt } from 'node:crypto';

/**
 * VK's confirmation signature: k1 = HMAC(Token, Timestamp), k2 = HMAC(k1, TopicArn),
 * hex(HMAC(k2, Url)). Raw bytes between steps, lower-case hex at the end.
 * @see SPEC §3 "URL confirmation (VK handshake)"
 */
export function handshakeSignature(token: string, timestamp: string, topicArn: string, url: string): string {
  const k1 = createHmac('sha256', token).update(timestamp).digest();
  const k2 = createHmac('sha256', k1).update(topicArn).digest();
  return createHmac('sha256', k2).update(url).digest('hex');
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 48 random alphanumerics, as VK's tokens. */
export function newHandshakeToken(): string {
  let out = '';
  for (let i = 0; i < 48; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');

/** ISO-8601 to the second with the machine's local offset, e.g. `2019-12-26T19:29:12+03:00` (VK's format). */
export function localTimestamp(ms: number, offsetMinutes = -new Date(ms).getTimezoneOffset()): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date}T${time}${sign}${pad(offsetMinutes / 60)}:${pad(offsetMinutes % 60)}`;
}

/** The body VK posts with `X-Amz-Sns-Message-Type: SubscriptionConfirmation`. */
export interface SubscriptionConfirmation {
  Timestamp: string;
  Type: 'SubscriptionConfirmation';
  Message: string;
  TopicArn: string;
  SignatureVersion: 1;
  Token: string;
}

/** Build a confirmation request for `<ownerId>|<bucket>|<event>`. */
export function subscriptionConfirmation(
  ownerId: string, bucket: string, event: string, now: number, token = newHandshakeToken(),
): SubscriptionConfirmation {
  const topicArn = `${ownerId}|${bucket}|${event}`;
  return {
    Timestamp: localTimestamp(now),
    Type: 'SubscriptionConfirmation',
    // compat: VK's published sample shows a literal `$topic`; BucketHooks fills in the TopicArn.
    Message: `You have chosen to subscribe to the topic ${topicArn}. To confirm the subscription you need to response with calculated signature`,
    TopicArn: topicArn,
    SignatureVersion: 1,
    Token: token,
  };
}

/** The AWS `s3:TestEvent` message sent to AWS-dialect hooks (fixtures/aws-test-event.json). */
export function awsTestEvent(bucket: string, now: number, requestId: string, hostId: string): Record<string, string> {
  return { Service: 'Amazon S3', Event: 's3:TestEvent', Time: new Date(now).toISOString(), Bucket: bucket, RequestId: requestId, HostId: hostId };
}
