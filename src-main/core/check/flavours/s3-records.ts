// The `vk` and `aws` flavours of the check, built from the code that delivers them: VK's 1.0 records with the
// URL handshake, AWS's 2.1 records; one record per POST, form-URL-encoded keys, Standard Webhooks signatures.
import { awsRecord, vkRecord } from '../../payloads/s3-records';
import { encodeEventKey } from '../../payloads/keys';
import { deliveryHeaders } from '../../delivery/headers';
import { testEventBody } from '../../delivery/test-event';
import type { S3EventName } from '../../model/object-change';
import { VERSION } from '../../kernel/version';
import type { CheckFlavour } from '../flavour';
import { standardWebhooks } from './standard-webhooks';

const EVENTS: readonly S3EventName[] = [
  's3:ObjectCreated:Put', 's3:ObjectCreated:Post', 's3:ObjectCreated:Copy', 's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:Delete', 's3:ObjectRemoved:DeleteMarkerCreated',
];

/** What both flavours share: events, keys, one record per POST, headers and signing as deliveries have them. */
const shared = {
  events: EVENTS,
  maxBatch: 1,
  encodeKey: encodeEventKey,
  post(content: { records: readonly unknown[] } | { body: string }, ctx: { id: string; now: number }) {
    const body = 'body' in content ? content.body : JSON.stringify({ Records: content.records });
    return { body, headers: deliveryHeaders({ eventId: ctx.id, body, version: VERSION, secret: null, now: ctx.now }) };
  },
  testEvent: testEventBody,
  signing: standardWebhooks,
};

/** VK Cloud's records (eventVersion 1.0) and its signed URL handshake. */
export const vkFlavour: CheckFlavour = {
  ...shared, name: 'vk', confirmation: 'vk-handshake',
  record: (change, ctx) => vkRecord(change, ctx),
};

/** AWS's records (eventVersion 2.1); the URL is confirmed by the s3:TestEvent alone. */
export const awsFlavour: CheckFlavour = {
  ...shared, name: 'aws', confirmation: 'none',
  record: (change, ctx) => awsRecord(change, ctx),
};
