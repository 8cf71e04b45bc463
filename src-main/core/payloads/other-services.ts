// The records of other S3 services: MinIO's (EventName/Key/Records, eventVersion 2.0, `minio:s3`, query-escaped keys),
// Ceph RGW's (eventVersion 2.2, `ceph:s3`, raw keys, eventId, opaqueData, metadata and tags as lists) and Backblaze B2's
// batched `{events:[…]}` signed `v1=<hex HMAC-SHA256>` with the hook's secret.
// @see https://github.com/ceph/ceph/blob/main/doc/radosgw/notifications.rst (Events)
// @see https://www.backblaze.com/docs/cloud-storage-event-notifications-reference-guide
import { createHmac } from 'node:crypto';
import type { ObjectChange } from '../model/object-change';
import type { FlavourShape, RecordContext } from './shape';
import { combineRecords } from './s3-records';
import { awsSequencer } from './keys';

/** Go's url.QueryEscape, which MinIO applies to keys: space → `+`, `/` → `%2F`. */
export function queryEscape(key: string): string {
  return encodeURIComponent(key).replace(/[!'()*~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+')
    .replace(/%7E/g, '~');
}

const removed = (change: ObjectChange): boolean => change.eventName.startsWith('s3:ObjectRemoved:');

/** MinIO's webhook body for one change. */
export function minioBody(change: ObjectChange, ctx: RecordContext): Record<string, unknown> {
  const object: Record<string, unknown> = { key: queryEscape(change.key) };
  if (!removed(change)) Object.assign(object, { size: change.size ?? 0, eTag: change.etag ?? '', userMetadata: {} });
  if (change.versionId) object.versionId = change.versionId;
  object.sequencer = awsSequencer(change.sequencer);
  return {
    EventName: change.eventName, Key: `${change.bucket}/${change.key}`,
    Records: [{
      eventVersion: '2.0', eventSource: 'minio:s3', awsRegion: ctx.region, eventTime: new Date(change.time).toISOString(),
      eventName: change.eventName, userIdentity: { principalId: change.principalId },
      requestParameters: { principalId: change.principalId, region: ctx.region, sourceIPAddress: change.sourceIp },
      responseElements: { 'x-amz-request-id': change.requestId },
      s3: {
        s3SchemaVersion: '1.0', configurationId: ctx.hookId,
        bucket: { name: change.bucket, ownerIdentity: { principalId: ctx.ownerId }, arn: `arn:aws:s3:::${change.bucket}` },
        object,
      },
      source: { host: change.sourceIp, port: '', userAgent: '' },
    }],
  };
}

export const minio: FlavourShape = {
  body: (change, ctx) => JSON.stringify(minioBody(change, ctx)),
  spliceable: true,
  combine(bodies) {
    const first = JSON.parse(bodies[0]) as { EventName: string; Key: string };
    return JSON.stringify({ EventName: first.EventName, Key: first.Key, Records: (JSON.parse(combineRecords(bodies)) as { Records: unknown[] }).Records });
  },
  wrap: (body) => ({ body, headers: {} }),
};

/** Ceph RGW's record for one change (the notifications guide's sample). */
export function cephRecord(change: ObjectChange, ctx: RecordContext): Record<string, unknown> {
  const gone = removed(change);
  return {
    eventVersion: '2.2', eventSource: 'ceph:s3', awsRegion: ctx.region, eventTime: new Date(change.time).toISOString(),
    eventName: change.eventName.replace(/^s3:/, ''), userIdentity: { principalId: change.principalId },
    requestParameters: { sourceIPAddress: change.sourceIp },
    responseElements: { 'x-amz-request-id': change.requestId, 'x-amz-id-2': change.hostId },
    s3: {
      s3SchemaVersion: '1.0', configurationId: ctx.hookId,
      bucket: { name: change.bucket, ownerIdentity: { principalId: ctx.ownerId }, arn: `arn:aws:s3:${ctx.region}::${change.bucket}`, id: change.bucket },
      object: {
        key: change.key, size: gone ? 0 : change.size ?? 0, eTag: gone ? '' : change.etag ?? '', versionId: change.versionId ?? '',
        sequencer: awsSequencer(change.sequencer), metadata: [], tags: [],
      },
    },
    eventId: ctx.eventId, opaqueData: '',
  };
}

export const ceph: FlavourShape = {
  body: (change, ctx) => JSON.stringify({ Records: [cephRecord(change, ctx)] }),
  spliceable: false,
  combine: combineRecords,
  wrap: (body) => ({ body, headers: {} }),
};

const B2_TYPES: Record<ObjectChange['eventName'], string> = {
  's3:ObjectCreated:Put': 'b2:ObjectCreated:Upload', 's3:ObjectCreated:Post': 'b2:ObjectCreated:Upload',
  's3:ObjectCreated:Copy': 'b2:ObjectCreated:Copy', 's3:ObjectCreated:CompleteMultipartUpload': 'b2:ObjectCreated:MultipartUpload',
  's3:ObjectRemoved:Delete': 'b2:ObjectDeleted:Delete', 's3:ObjectRemoved:DeleteMarkerCreated': 'b2:HideMarkerCreated:Hide',
};

/** B2's event for one change. */
export function b2Event(change: ObjectChange, ctx: RecordContext): Record<string, unknown> {
  const event: Record<string, unknown> = {
    accountId: ctx.ownerId, bucketId: change.bucket, bucketName: change.bucket, eventId: ctx.eventId, eventTimestamp: change.time,
    eventType: B2_TYPES[change.eventName], eventVersion: 1, matchedRuleName: ctx.hookId, objectName: change.key,
  };
  if (!removed(change)) event.objectSize = change.size ?? 0;
  if (change.versionId) event.objectVersionId = change.versionId;
  return event;
}

/** `v1=` + hex HMAC-SHA256 of the raw body keyed by the secret's text: B2's X-Bz-Event-Notification-Signature. */
export function b2Signature(secret: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export const b2: FlavourShape = {
  body: (change, ctx) => JSON.stringify({ events: [b2Event(change, ctx)] }),
  spliceable: false,
  combine: (bodies) => JSON.stringify({ events: bodies.flatMap((b) => (JSON.parse(b) as { events?: unknown[] }).events ?? [JSON.parse(b)]) }),
  wrap(body, ctx) {
    const headers: Record<string, string> = {};
    if (ctx.secret) headers['x-bz-event-notification-signature'] = b2Signature(ctx.secret, body);
    return { body, headers, snsType: false };
  },
};
