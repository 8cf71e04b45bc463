// What a remote bucket sent to the relay: a VK URL handshake, an SNS SubscriptionConfirmation (AWS), an s3:TestEvent
// (the AWS-dialect URL check), or an event to forward; and an event's name and key for the one printed line. Pure.
import type { SubscriptionConfirmation } from '../../notifications/handshake';

/** One request as classified. */
export type Incoming =
  | { kind: 'vk-handshake'; confirmation: SubscriptionConfirmation }
  | { kind: 'sns-subscribe'; subscribeUrl: string; topicArn: string }
  | { kind: 'bad-handshake'; reason: string }
  | { kind: 'test-event' }
  | { kind: 'event'; eventName: string; key: string };

const parse = (body: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(body) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
};

/** A key as S3 writes it in a record (form URL-encoded: `+` for space), decoded for people; as is when malformed. */
export function decodeKey(raw: string): string {
  try { return decodeURIComponent(raw.replace(/\+/g, ' ')); } catch { return raw; }
}

/** The first record's event name and key, from `{"Records": [...]}` or an SNS Notification envelope around it. */
export function summarizeEvent(doc: Record<string, unknown> | undefined): { eventName: string; key: string } {
  const inner = doc?.Type === 'Notification' && typeof doc.Message === 'string' ? parse(doc.Message) : doc;
  const records = inner?.Records;
  const first = Array.isArray(records) ? records[0] as { eventName?: unknown; s3?: { object?: { key?: unknown } } } : undefined;
  const eventName = typeof first?.eventName === 'string' ? first.eventName : 'unknown-event';
  const key = typeof first?.s3?.object?.key === 'string' ? decodeKey(first.s3.object.key) : '';
  const more = Array.isArray(records) && records.length > 1 ? ` (+${records.length - 1} more)` : '';
  return { eventName, key: key + more };
}

/** Classify a request by its `x-amz-sns-message-type` header and JSON body. */
export function classify(messageType: string | undefined, body: string): Incoming {
  const doc = parse(body);
  if (messageType === 'SubscriptionConfirmation' || doc?.Type === 'SubscriptionConfirmation') {
    if (typeof doc?.SubscribeURL === 'string') return { kind: 'sns-subscribe', subscribeUrl: doc.SubscribeURL, topicArn: String(doc.TopicArn ?? '') };
    if (doc && ['Token', 'Timestamp', 'TopicArn'].every((k) => typeof doc[k] === 'string')) {
      return { kind: 'vk-handshake', confirmation: doc as unknown as SubscriptionConfirmation };
    }
    return { kind: 'bad-handshake', reason: 'a SubscriptionConfirmation needs a SubscribeURL (SNS) or Token, Timestamp and TopicArn (VK)' };
  }
  if (doc?.Event === 's3:TestEvent') return { kind: 'test-event' };
  return { kind: 'event', ...summarizeEvent(doc) };
}

/**
 * True when the relay may visit `url` as a SubscribeURL: an AWS SNS host, or the remote profile's own host (an
 * SNS-compatible service). Anything else is refused: whoever knows the public URL could otherwise make the relay
 * fetch any address.
 */
export function subscribeUrlAllowed(url: string, profileEndpoint: string): boolean {
  let host: string;
  try { host = new URL(url).hostname; } catch { return false; }
  return /(^|\.)amazonaws\.com(\.cn)?$/.test(host) || host === new URL(profileEndpoint).hostname;
}
