// Hook edits on a remote bucket: each one reads the bucket's whole configuration, changes it and writes the whole
// document back, verified by reading it again (S3 has no per-hook API). "Send test event" posts from this computer
// to the hook's URL (a topic's push endpoint); nothing is recorded locally.
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import { buildRequest } from '../delivery/request';
import { sendOnce } from '../delivery/sender';
import { outcomeColumns, type OutcomeColumns } from '../delivery/outcome';
import { testEventBody } from '../delivery/test-event';
import { randomUUID } from 'node:crypto';
import { defaultFlavour } from '../../../src-shared/contract';
import type { HookSpec } from '../notifications/types';
import type { Connection } from './connection';
import type { RemoteHook } from './remote-document';
import { requireRemoteConfig, requireRemoteHooks } from './remote-notifications';
import { writeRemoteDocument, type WriteOutcome } from './remote-write';
import { topicEndpoints } from './topic-targets';

/** Change the bucket's hooks with `edit` (read-only parts and other hooks untouched) as one verified write. */
export async function editRemoteHooks(conn: Connection, bucket: string, edit: (hooks: RemoteHook[]) => RemoteHook[]): Promise<WriteOutcome> {
  const { hooks, kept } = await requireRemoteConfig(conn, bucket);
  return writeRemoteDocument(conn, bucket, { hooks: edit(hooks), kept }, { hooks, kept });
}

/**
 * Add `hook`, or replace the hook `replaceId` (default: the hook's own Id) in place, keeping that hook's read-only
 * parts, as one verified write. On a topic-based remote a URL target becomes a topic (created or reused).
 * Returns the bucket's hooks as read back. @throws AppError InvalidInput (duplicate Id), RemoteWriteMismatch
 */
export async function upsertRemoteHookVerified(conn: Connection, bucket: string, hook: HookSpec, replaceId = hook.id): Promise<WriteOutcome> {
  return editRemoteHooks(conn, bucket, (hooks) => {
    const at = hooks.findIndex((h) => h.id === replaceId);
    if (hooks.some((h, i) => h.id === hook.id && i !== at)) {
      throw new AppError('InvalidInput', `hook.id: the bucket already has a hook with Id ${hook.id}`);
    }
    const next = [...hooks];
    const edited: RemoteHook = { ...hook, kept: at >= 0 ? hooks[at].kept : [] };
    if (at >= 0) next[at] = edited; else next.push(edited);
    return next;
  });
}

/** {@link upsertRemoteHookVerified}, returning the hooks as read back. */
export async function upsertRemoteHook(conn: Connection, bucket: string, hook: HookSpec, replaceId = hook.id): Promise<RemoteHook[]> {
  return (await upsertRemoteHookVerified(conn, bucket, hook, replaceId)).hooks;
}

/** Remove hooks by Id as one verified write (none when no Id matches); returns how many were removed. */
export async function deleteRemoteHooks(conn: Connection, bucket: string, ids: readonly string[]): Promise<number> {
  const hooks = await requireRemoteHooks(conn, bucket);
  const removed = hooks.filter((h) => ids.includes(h.id)).length;
  if (removed > 0) await editRemoteHooks(conn, bucket, (current) => current.filter((h) => !ids.includes(h.id)));
  return removed;
}

/** One hook of a remote bucket, with the URL its topic pushes to as `endpoint`. @throws AppError NoSuchHook */
export async function remoteHook(conn: Connection, bucket: string, id: string): Promise<RemoteHook & { endpoint: string }> {
  const hooks = await requireRemoteHooks(conn, bucket);
  const hook = hooks.find((h) => h.id === id);
  if (!hook) throw new AppError('NoSuchHook', `Bucket ${bucket} has no hook with Id ${id}`);
  return { ...hook, endpoint: (await topicEndpoints(conn, [hook])).get(hook.url) ?? hook.url };
}

/** Where a remote test is sent from: this server's version, region and base URL. */
export interface TestFromHere { clock: Clock; version: string; region: string; publicBase: string; timeoutMs?: number }

/** POST an s3:TestEvent from this computer to `hook`'s URL (in its dialect's default flavour) and return the answer (never throws). */
export async function sendTestFromHere(hook: HookSpec, bucket: string, ctx: TestFromHere): Promise<OutcomeColumns> {
  const now = ctx.clock.now();
  if (!/^https?:\/\//i.test(hook.url)) {
    return { ok: false, status: null, headers: null, body: null, errorClass: 'other',
      errorMessage: `${hook.url} is not an http(s) URL: this computer can only test webhook URLs`, durationMs: 0, startedAt: now };
  }
  const target = { bucket, id: hook.id, url: hook.url, flavour: defaultFlavour(hook.dialect), secret: null, auth: null };
  const request = buildRequest(target, [{ eventId: `test-${randomUUID()}`, body: testEventBody(bucket, now) }],
    { version: ctx.version, now, region: ctx.region, ownerId: '', publicBase: ctx.publicBase, snsSign: () => '' });
  return outcomeColumns(await sendOnce({ url: request.url, headers: request.headers, body: request.body, timeoutMs: ctx.timeoutMs ?? 10_000 }, ctx.clock));
}
