// Merge-safe edits of one hook on a remote bucket (S3 has no per-hook API, only the whole ?notification document):
// read the document, add or remove only our own entry, PUT it back, re-read and confirm that our edit landed and that
// every other hook is exactly as it was read. `listen` adds and removes its hook through these.
import { AppError } from '../kernel/app-error';
import { sameHook } from '../notifications/hook-set-diff';
import type { HookSpec } from '../notifications/types';
import type { Connection } from './connection';
import { putRemoteHooks, requireRemoteHooks } from './remote-notifications';

/** The differences between the hooks expected after a write and the ones read back, in words ('' when none). */
export function describeDrift(expected: readonly HookSpec[], got: readonly HookSpec[]): string {
  const byId = new Map(got.map((h) => [h.id, h]));
  const wanted = new Set(expected.map((h) => h.id));
  const out: string[] = [];
  for (const hook of expected) {
    const found = byId.get(hook.id);
    if (!found) out.push(`${hook.id} is missing`);
    else if (!sameHook(hook, found)) out.push(`${hook.id} differs`);
  }
  for (const hook of got) if (!wanted.has(hook.id)) out.push(`${hook.id} appeared`);
  return out.join(', ');
}

async function writeAndConfirm(conn: Connection, bucket: string, next: HookSpec[], what: string): Promise<void> {
  await putRemoteHooks(conn, bucket, next);
  const drift = describeDrift(next, await requireRemoteHooks(conn, bucket));
  if (drift) {
    throw new AppError('RemoteChanged', `After ${what}, ${conn.profile.name}/${bucket} does not hold what was written (${drift}): `
      + 'another tool may have changed its notification configuration at the same time; check it with: buckethooks hooks list '
      + `${bucket} --profile ${conn.profile.name}`);
  }
}

/**
 * Add `hook` to the remote bucket's configuration, keeping every hook already there; confirmed by a re-read.
 * @throws AppError InvalidInput (the Id is taken), RemoteChanged (the re-read differs), or the remote's refusal
 */
export async function addRemoteHookMerged(conn: Connection, bucket: string, hook: HookSpec): Promise<void> {
  const others = await requireRemoteHooks(conn, bucket);
  if (others.some((h) => h.id === hook.id)) throw new AppError('InvalidInput', `hook.id: the bucket already has a hook with Id ${hook.id}`);
  await writeAndConfirm(conn, bucket, [...others, hook], `adding hook ${hook.id}`);
}

/**
 * Replace our own hook `hook.id` in place (a new URL), keeping the others; confirmed by a re-read.
 * @throws AppError NoSuchHook when the hook is gone, RemoteChanged, or the remote's refusal
 */
export async function replaceRemoteHookMerged(conn: Connection, bucket: string, hook: HookSpec): Promise<void> {
  const current = await requireRemoteHooks(conn, bucket);
  const at = current.findIndex((h) => h.id === hook.id);
  if (at < 0) throw new AppError('NoSuchHook', `Bucket ${bucket} has no hook with Id ${hook.id}`);
  const next = current.map((h, i) => (i === at ? hook : h));
  await writeAndConfirm(conn, bucket, next, `updating hook ${hook.id}`);
}

/**
 * Remove the hooks `ids` from a fresh read of the configuration, keeping every other hook (also those added since
 * we last looked); no write when none of them is there. Returns the Ids removed.
 * @throws AppError RemoteChanged, or the remote's refusal
 */
export async function removeRemoteHooksMerged(conn: Connection, bucket: string, ids: readonly string[]): Promise<string[]> {
  const current = await requireRemoteHooks(conn, bucket);
  const removed = current.filter((h) => ids.includes(h.id)).map((h) => h.id);
  if (removed.length === 0) return [];
  await writeAndConfirm(conn, bucket, current.filter((h) => !ids.includes(h.id)), `removing ${removed.join(', ')}`);
  return removed;
}
