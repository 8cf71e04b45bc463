// The S3 notification records: VK Cloud's 1.0 shape and AWS's 2.1 (SPEC §4, fixtures/vk-event.json and
// fixtures/aws-event-2.1.json), as `{"Records":[record]}` bodies. Pure.
import type { ObjectChange } from '../model/object-change';
import type { FlavourShape, RecordContext } from './shape';
import { awsSequencer, encodeEventKey } from './keys';

/** The object part of a record: removals carry key, versionId and sequencer only. */
export function objectPart(change: ObjectChange, sequencer: number | string): Record<string, unknown> {
  const key = encodeEventKey(change.key);
  const versionId = change.versionId ? { versionId: change.versionId } : {};
  if (change.eventName.startsWith('s3:ObjectRemoved:')) return { key, ...versionId, sequencer };
  return { key, size: change.size ?? 0, eTag: change.etag ?? '', ...versionId, sequencer };
}

/** The record for a VK-dialect hook (fixtures/vk-event.json, plus `eventTime`). */
export function vkRecord(change: ObjectChange, ctx: RecordContext): Record<string, unknown> {
  return {
    eventVersion: '1.0', eventSource: 'aws:s3', awsRegion: ctx.region,
    // compat: VK's records have no eventTime; BucketHooks adds it (a documented extra).
    eventTime: new Date(change.time).toISOString(),
    eventName: change.eventName,
    userIdentity: { principalId: change.principalId },
    requestParameters: { sourceIPAddress: change.sourceIp },
    responseElements: { 'x-amz-request-id': change.requestId },
    s3: {
      s3SchemaVersion: '1.0', configurationId: ctx.hookId,
      bucket: { name: change.bucket, ownerIdentity: { principalId: ctx.ownerId } },
      object: objectPart(change, change.sequencer),
    },
  };
}

/** The AWS record (fixtures/aws-event-2.1.json) with `eventVersion` as given. */
export function awsRecord(change: ObjectChange, ctx: RecordContext, eventVersion = '2.1'): Record<string, unknown> {
  return {
    eventVersion, eventSource: 'aws:s3', awsRegion: ctx.region,
    eventTime: new Date(change.time).toISOString(),
    eventName: change.eventName.replace(/^s3:/, ''),
    userIdentity: { principalId: change.principalId },
    requestParameters: { sourceIPAddress: change.sourceIp },
    responseElements: { 'x-amz-request-id': change.requestId, 'x-amz-id-2': change.hostId },
    s3: {
      s3SchemaVersion: '1.0', configurationId: ctx.hookId,
      bucket: { name: change.bucket, ownerIdentity: { principalId: ctx.ownerId }, arn: `arn:aws:s3:::${change.bucket}` },
      object: objectPart(change, awsSequencer(change.sequencer)),
    },
  };
}

/** `{"Records":[…]}` bodies joined into one, records in order. */
export function combineRecords(bodies: readonly string[]): string {
  return JSON.stringify({ Records: bodies.flatMap((b) => (JSON.parse(b) as { Records: unknown[] }).Records) });
}

/** A flavour whose body is `{"Records":[record]}`, posted as it is stored. */
export function recordsFlavour(record: (change: ObjectChange, ctx: RecordContext) => Record<string, unknown>): FlavourShape {
  return {
    body: (change, ctx) => JSON.stringify({ Records: [record(change, ctx)] }),
    spliceable: true,
    combine: combineRecords,
    wrap: (body) => ({ body, headers: {} }),
  };
}
