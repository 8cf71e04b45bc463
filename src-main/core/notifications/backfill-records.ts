// What a backfill sends a hook for objects that existed before it: one s3:ObjectCreated:Put-shaped record per current
// object its filter matches, in the hook's dialect, with the object's own sequencer (a later change still wins) and
// its last-modified time as eventTime. Refuses hooks that cannot take them. Pure except event ids.
import { AppError } from '../kernel/app-error';
import type { ObjectChange } from '../model/object-change';
import type { OutboxEntry } from '../model/outbox-entry';
import type { CachedHook } from './hook-cache';
import { eventBody, newEventId } from './event-record';
import { eventMatches } from '../../../src-shared/event-match';

/** A current object as the backfill reads it from storage. */
export interface ExistingObject { key: string; size: number; etag: string; versionId: string; sequencer: number; lastModified: number }

/** Who sends the backfill, for the records' identity fields. */
export interface BackfillContext { region: string; ownerId: string; jobId: string; now: number }

const PUT = 's3:ObjectCreated:Put';

/** The hook `id` of `hooks` if a backfill can go to it. @throws AppError NoSuchHook, HookDisabled, BackfillNotSubscribed */
export function backfillHook(hooks: readonly CachedHook[], bucket: string, id: string): CachedHook {
  const hook = hooks.find((h) => h.id === id);
  if (!hook) throw new AppError('NoSuchHook', `Bucket ${bucket} has no hook with Id ${id}`);
  if (hook.state === 'disabled') throw new AppError('HookDisabled', `Hook ${id} is disabled (its receiver answered 410 Gone): resume it first`);
  if (!hook.events.some((e) => eventMatches(e, PUT))) {
    throw new AppError('BackfillNotSubscribed', `Hook ${id} does not listen to ${PUT} (it listens to ${hook.events.join(', ')}): a backfill sends only that event`);
  }
  return hook;
}

/** The outbox rows for the objects `hook`'s prefix and suffix match. */
export function backfillEntries(hook: CachedHook, bucket: string, objects: readonly ExistingObject[], ctx: BackfillContext): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  for (const o of objects) {
    if (!o.key.startsWith(hook.prefix) || !o.key.endsWith(hook.suffix)) continue;
    const change: ObjectChange = {
      eventName: PUT, bucket, key: o.key, size: o.size, etag: o.etag, versionId: o.versionId === 'null' ? undefined : o.versionId,
      sequencer: o.sequencer, time: o.lastModified, requestId: `backfill-${ctx.jobId}`, hostId: ctx.jobId, sourceIp: '127.0.0.1',
      principalId: ctx.ownerId,
    };
    const body = eventBody(change, { dialect: hook.dialect, hookId: hook.id, region: ctx.region, ownerId: ctx.ownerId });
    entries.push({
      eventId: newEventId(ctx.now), bucket, hookId: hook.id, key: o.key, eventName: PUT, sequencer: o.sequencer, body,
      now: ctx.now, origin: 'backfill',
    });
  }
  return entries;
}
