// Builds the event record a hook receives for one object change: VK's 1.0 shape for VK hooks,
// AWS 2.1 for AWS-dialect hooks (SPEC §4), plus the stable per-(event, hook) event id. Pure except eventId randomness.
import { randomFillSync } from 'node:crypto';
import type { ObjectChange } from '../model/object-change';
import type { Dialect } from './types';

/** What a record needs besides the change. */
export interface RecordContext { dialect: Dialect; hookId: string; region: string; ownerId: string }

/** Form-URL-encode a key as S3 does in event records: space → `+`, `/` kept, `!'()~` escaped. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/');
}

/** AWS's sequencer: upper-case hex, zero-padded to 16 characters. */
export function awsSequencer(sequencer: number): string {
  return sequencer.toString(16).toUpperCase().padStart(16, '0');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A unique, time-sortable id `evt_<10 time chars><16 random chars>` (ULID alphabet); the webhook-id header. */
export function newEventId(now: number): string {
  let time = '';
  let t = Math.max(0, Math.floor(now));
  for (let i = 0; i < 10; i++) { time = CROCKFORD[t % 32] + time; t = Math.floor(t / 32); }
  if (poolOffset + 16 > pool.length) { randomFillSync(pool); poolOffset = 0; }
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD[pool[poolOffset++] & 31];
  return `evt_${time}${random}`;
}

/** Random bytes drawn in bulk: one system call per 256 event ids instead of one per id. */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function objectPart(change: ObjectChange, sequencer: number | string): Record<string, unknown> {
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

/** The record for an AWS-dialect hook (fixtures/aws-event-2.1.json). */
export function awsRecord(change: ObjectChange, ctx: RecordContext): Record<string, unknown> {
  return {
    eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: ctx.region,
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

/** The JSON body posted for one change to one hook: `{"Records":[record]}`. */
export function eventBody(change: ObjectChange, ctx: RecordContext): string {
  const record = ctx.dialect === 'vk' ? vkRecord(change, ctx) : awsRecord(change, ctx);
  return JSON.stringify({ Records: [record] });
}

/** The one place a serialised record names its hook (the only `configurationId` key, an empty string before splicing). */
const SLOT = '"configurationId":""';

/**
 * Bodies of one change for many hooks: each dialect's record is serialised once, then each hook's body is
 * that text with its JSON-encoded Id spliced in (identical to `eventBody`, without one stringify per hook).
 */
export function eventBodies(change: ObjectChange, region: string, ownerId: string): (dialect: Dialect, hookId: string) => string {
  let vk: [string, string] | undefined;
  let aws: [string, string] | undefined;
  const split = (dialect: Dialect): [string, string] => {
    const text = eventBody(change, { dialect, hookId: '', region, ownerId });
    const end = text.indexOf(SLOT) + SLOT.length;
    return [text.slice(0, end - 2), text.slice(end)];
  };
  return (dialect, hookId) => {
    const [head, tail] = dialect === 'vk' ? (vk ??= split(dialect)) : (aws ??= split(dialect));
    return head + JSON.stringify(hookId) + tail;
  };
}
