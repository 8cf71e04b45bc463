// The AWS-side flavours beyond the plain 2.1 record: the current unified record version, the SNS HTTP/S envelope
// (RSA-SHA256, SignatureVersion 2), the EventBridge event and the CloudEvents binary mode (the CNCF AWS S3 adapter).
// @see https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
// @see https://github.com/cloudevents/spec/blob/main/cloudevents/adapters/aws-s3.md
import type { ObjectChange } from '../model/object-change';
import type { FlavourShape, RecordContext, WrapContext, Wrapped } from './shape';
import { awsRecord, combineRecords, recordsFlavour } from './s3-records';
import { awsSequencer } from './keys';

/** The eventVersion of AWS's unified record (the newest the S3 guide documents). */
export const AWS_CURRENT_VERSION = '2.5';

/** AWS's record at the current unified version. */
export const awsCurrent: FlavourShape = recordsFlavour((change, ctx) => awsRecord(change, ctx, AWS_CURRENT_VERSION));

/** The SNS topic a hook's events are published to. */
export function snsTopicArn(ctx: Pick<WrapContext, 'region' | 'ownerId' | 'hookId'>): string {
  return `arn:aws:sns:${ctx.region}:${ctx.ownerId}:${ctx.hookId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The path where the SNS signing certificate is served (SigningCertURL). */
export const SNS_CERT_PATH = '/_sns/SimpleNotificationService.pem';

/** The fields SNS signs, in order: a Notification's, and a (Un)SubscriptionConfirmation's. */
const SIGNED_FIELDS = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** SNS's canonical string of a message: its type's signed fields in order, each "Name\nvalue\n" (Subject only when set). */
export function snsCanonical(m: Record<string, string>): string {
  const fields = m.Type === 'Notification' ? SIGNED_FIELDS.Notification : SIGNED_FIELDS.SubscriptionConfirmation;
  return fields.filter((k) => m[k] !== undefined).map((k) => `${k}\n${m[k]}\n`).join('');
}

/** What an SNS SubscriptionConfirmation is built from (besides the wrap context's topic, time and signer). */
export interface SnsConfirmationInput { messageId: string; token: string; subscribeUrl: string }

/**
 * The SubscriptionConfirmation SNS posts to a new HTTP/S subscriber (signed like a Notification): the receiver
 * confirms by visiting SubscribeURL.
 */
export function snsSubscriptionConfirmation(input: SnsConfirmationInput, ctx: WrapContext): Wrapped {
  const topicArn = snsTopicArn(ctx);
  const message: Record<string, string> = {
    Type: 'SubscriptionConfirmation', MessageId: input.messageId, Token: input.token, TopicArn: topicArn,
    Message: `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: input.subscribeUrl, Timestamp: new Date(ctx.now).toISOString(),
  };
  const envelope = { ...message, SignatureVersion: '2', Signature: ctx.snsSign(snsCanonical(message)), SigningCertURL: `${ctx.publicBase}${SNS_CERT_PATH}` };
  return {
    body: JSON.stringify(envelope),
    headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'SubscriptionConfirmation', 'x-amz-sns-message-id': input.messageId, 'x-amz-sns-topic-arn': topicArn },
  };
}

/** The S3 record wrapped as SNS delivers it over HTTP/S. */
export const sns: FlavourShape = {
  body: (change, ctx) => JSON.stringify({ Records: [awsRecord(change, ctx)] }),
  spliceable: true,
  combine: combineRecords,
  wrap(body, ctx) {
    const topicArn = snsTopicArn(ctx);
    const message: Record<string, string> = {
      Type: 'Notification', MessageId: ctx.eventId, TopicArn: topicArn, Subject: 'Amazon S3 Notification', Message: body,
      Timestamp: new Date(ctx.now).toISOString(),
    };
    const envelope = {
      ...message, SignatureVersion: '2', Signature: ctx.snsSign(snsCanonical(message)),
      SigningCertURL: `${ctx.publicBase}${SNS_CERT_PATH}`,
      UnsubscribeURL: `${ctx.publicBase}/_sns/unsubscribe?SubscriptionArn=${encodeURIComponent(`${topicArn}:${ctx.hookId}`)}`,
    };
    return {
      body: JSON.stringify(envelope),
      headers: {
        'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-id': ctx.eventId, 'x-amz-sns-topic-arn': topicArn,
        'x-amz-sns-subscription-arn': `${topicArn}:${ctx.hookId}`,
      },
    };
  },
};

const REASONS: Record<ObjectChange['eventName'], string> = {
  's3:ObjectCreated:Put': 'PutObject', 's3:ObjectCreated:Post': 'PostObject', 's3:ObjectCreated:Copy': 'CopyObject',
  's3:ObjectCreated:CompleteMultipartUpload': 'CompleteMultipartUpload',
  's3:ObjectRemoved:Delete': 'DeleteObject', 's3:ObjectRemoved:DeleteMarkerCreated': 'DeleteObject',
};

/** The EventBridge event of a change ("Object Created" / "Object Deleted"); keys are not URL-encoded. */
export function eventBridgeEvent(change: ObjectChange, ctx: RecordContext): Record<string, unknown> {
  const removed = change.eventName.startsWith('s3:ObjectRemoved:');
  const version = change.versionId ? { 'version-id': change.versionId } : {};
  const object = removed
    ? { key: change.key, ...version, sequencer: awsSequencer(change.sequencer) }
    : { key: change.key, size: change.size ?? 0, etag: change.etag ?? '', ...version, sequencer: awsSequencer(change.sequencer) };
  const deletion = removed
    ? { 'deletion-type': change.eventName === 's3:ObjectRemoved:DeleteMarkerCreated' ? 'Delete Marker Created' : 'Permanently Deleted' }
    : {};
  return {
    version: '0', id: ctx.eventId, 'detail-type': removed ? 'Object Deleted' : 'Object Created', source: 'aws.s3',
    account: ctx.ownerId, time: new Date(change.time).toISOString().replace(/\.\d{3}Z$/, 'Z'), region: ctx.region,
    resources: [`arn:aws:s3:::${change.bucket}`],
    detail: {
      version: '0', bucket: { name: change.bucket }, object, 'request-id': change.requestId, requester: change.principalId,
      'source-ip-address': change.sourceIp, reason: REASONS[change.eventName], ...deletion,
    },
  };
}

/** One EventBridge event per POST, as an API destination receives it. */
export const eventBridge: FlavourShape = {
  body: (change, ctx) => JSON.stringify(eventBridgeEvent(change, ctx)),
  spliceable: false,
  combine: null,
  wrap: (body) => ({ body, headers: {}, snsType: false }),
};

/** The AWS 2.1 record alone as the body, its attributes in ce-* headers (binary content mode). */
export const cloudEvents: FlavourShape = {
  body: (change, ctx) => JSON.stringify(awsRecord(change, ctx)),
  spliceable: true,
  combine: null,
  wrap(body, ctx) {
    const record = JSON.parse(body) as { eventSource?: string; awsRegion?: string; eventName?: string; eventTime?: string;
      s3?: { bucket?: { name?: string }; object?: { key?: string } }; Event?: string };
    const type = record.eventName ?? record.Event?.replace(/^s3:/, '') ?? 'Unknown';
    const headers: Record<string, string> = {
      'ce-specversion': '1.0', 'ce-id': ctx.eventId,
      'ce-source': `${record.eventSource ?? 'aws:s3'}.${record.awsRegion ?? ctx.region}.${record.s3?.bucket?.name ?? ctx.bucket}`,
      'ce-type': `com.amazonaws.s3.${type}`, 'ce-time': record.eventTime ?? new Date(ctx.now).toISOString(),
    };
    if (record.s3?.object?.key !== undefined) headers['ce-subject'] = record.s3.object.key;
    return { body, headers, snsType: false };
  },
};
