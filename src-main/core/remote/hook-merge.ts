// Merge-safe edits of one hook on a remote bucket (S3 has no per-hook API, only the whole ?notification document):
// each reads the document afresh, adds, replaces or removes only its own entry and writes it back through the
// verified write (remote-write.ts: read back and compared, topics where the remote needs them). `listen` uses these.
import { AppError } from '../kernel/app-error';
import type { HookSpec } from '../notifications/types';
import type { Connection } from './connection';
import { editRemoteHooks } from './remote-hooks';
import { requireRemoteHooks } from './remote-notifications';

/**
 * Add `hook` to the remote bucket's configuration, keeping every hook already there.
 * @throws AppError InvalidInput (the Id is taken), RemoteWriteMismatch (the read-back differs), or the remote's refusal
 */
export async function addRemoteHookMerged(conn: Connection, bucket: string, hook: HookSpec): Promise<void> {
  await editRemoteHooks(conn, bucket, (hooks) => {
    if (hooks.some((h) => h.id === hook.id)) throw new AppError('InvalidInput', `hook.id: the bucket already has a hook with Id ${hook.id}`);
    return [...hooks, { ...hook, kept: [] }];
  });
}

/**
 * Replace our own hook `hook.id` in place (a new URL), keeping the others.
 * @throws AppError NoSuchHook when the hook is gone, RemoteWriteMismatch, or the remote's refusal
 */
export async function replaceRemoteHookMerged(conn: Connection, bucket: string, hook: HookSpec): Promise<void> {
  await editRemoteHooks(conn, bucket, (hooks) => {
    const at = hooks.findIndex((h) => h.id === hook.id);
    if (at < 0) throw new AppError('NoSuchHook', `Bucket ${bucket} has no hook with Id ${hook.id}`);
    return hooks.map((h, i) => (i === at ? { ...hook, kept: h.kept } : h));
  });
}

/**
 * Remove the hooks `ids` from a fresh read of the configuration, keeping every other hook (also those added since
 * we last looked); no write when none of them is there. Returns the Ids removed.
 * @throws AppError RemoteWriteMismatch, or the remote's refusal
 */
export async function removeRemoteHooksMerged(conn: Connection, bucket: string, ids: readonly string[]): Promise<string[]> {
  const removed = (await requireRemoteHooks(conn, bucket)).filter((h) => ids.includes(h.id)).map((h) => h.id);
  if (removed.length === 0) return [];
  await editRemoteHooks(conn, bucket, (hooks) => hooks.filter((h) => !ids.includes(h.id)));
  return removed;
}
