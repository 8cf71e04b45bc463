// Hook edits on a remote bucket: each one reads the bucket's whole configuration, changes it and PUTs the whole
// document back (S3 has no per-hook API). "Send test event" posts from this computer; nothing is recorded locally.
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import { deliveryHeaders } from '../delivery/headers';
import { sendOnce, type AttemptOutcome } from '../delivery/sender';
import { testEventBody } from '../delivery/test-event';
import { randomUUID } from 'node:crypto';
import type { HookSpec } from '../notifications/types';
import type { Connection } from './connection';
import { putRemoteHooks, requireRemoteHooks } from './remote-notifications';

/**
 * Add `hook`, or replace the hook `replaceId` (default: the hook's own Id) in place, and PUT the result.
 * The edited hook keeps its dialect unless `hook.dialect` says otherwise. Returns the hooks as sent.
 */
export async function upsertRemoteHook(conn: Connection, bucket: string, hook: HookSpec, replaceId = hook.id): Promise<HookSpec[]> {
  const hooks = await requireRemoteHooks(conn, bucket);
  const at = hooks.findIndex((h) => h.id === replaceId);
  if (hooks.some((h, i) => h.id === hook.id && i !== at)) {
    throw new AppError('InvalidInput', `hook.id: the bucket already has a hook with Id ${hook.id}`);
  }
  const next = [...hooks];
  if (at >= 0) next[at] = hook; else next.push(hook);
  await putRemoteHooks(conn, bucket, next);
  return next;
}

/** Remove hooks by Id with one PUT (none when no Id matches); returns how many were removed. */
export async function deleteRemoteHooks(conn: Connection, bucket: string, ids: readonly string[]): Promise<number> {
  const hooks = await requireRemoteHooks(conn, bucket);
  const kept = hooks.filter((h) => !ids.includes(h.id));
  if (kept.length !== hooks.length) await putRemoteHooks(conn, bucket, kept);
  return hooks.length - kept.length;
}

/** One hook of a remote bucket. @throws AppError NoSuchHook */
export async function remoteHook(conn: Connection, bucket: string, id: string): Promise<HookSpec> {
  const hook = (await requireRemoteHooks(conn, bucket)).find((h) => h.id === id);
  if (!hook) throw new AppError('NoSuchHook', `Bucket ${bucket} has no hook with Id ${id}`);
  return hook;
}

/** POST an s3:TestEvent from this computer to `url` and return the receiver's answer (never throws). */
export function sendTestFromHere(url: string, bucket: string, clock: Clock, version: string, timeoutMs = 10_000): Promise<AttemptOutcome> {
  if (!/^https?:\/\//i.test(url)) {
    const now = clock.now();
    return Promise.resolve({ ok: false, status: null, headers: null, body: null, errorClass: 'other',
      errorMessage: `${url} is not an http(s) URL: this computer can only test webhook URLs`, durationMs: 0, startedAt: now });
  }
  const now = clock.now();
  const body = testEventBody(bucket, now);
  const headers = deliveryHeaders({ eventId: `test-${randomUUID()}`, body, version, secret: null, now });
  return sendOnce({ url, headers, body, timeoutMs }, clock);
}
