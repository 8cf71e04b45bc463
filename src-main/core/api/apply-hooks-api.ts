// "Apply these hooks to…": copy one bucket's hooks to a bucket of any profile (this computer or a remote). The
// preview is the hook-set diff and the XML; applying sends that XML in one PUT, and only if it is still what the
// preview showed. Secrets, retry policies and pause states are BucketHooks extras and are not copied.
import { LOCAL_PROFILE, type AppApiMethods, type HookView } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { Delivery } from '../delivery/create-delivery';
import type { Notifications } from '../notifications/create-notifications';
import { diffHookSets, mergeHookSets, type HookSetDiff } from '../notifications/hook-set-diff';
import type { HookSpec } from '../notifications/types';
import type { Remotes } from '../remote/create-remotes';
import { putRemoteConfigXml, requireRemoteHooks } from '../remote/remote-notifications';
import { toHookView } from './hooks-api';
import { profileOf, remoteAccess } from './profile-target';
import { toRemoteHookView } from './remote-hooks-api';
import { asInput, obj, str, type Input } from './validate';

type ApplyMethods = Pick<AppApiMethods, 'hooks.previewApply' | 'hooks.apply'>;

export interface ApplyHooksDeps {
  notifications: Notifications; delivery: Delivery; remotes: Remotes;
  changed: (bucket: string) => void;
}

interface Ref { profile: string; bucket: string }

const specOf = ({ id, dialect, url, events, rules }: HookSpec): HookSpec => ({ id, dialect, url, events, rules });
const refOf = (input: Input, field: string): Ref => {
  const ref = obj(input, field);
  return { profile: profileOf(ref), bucket: str(ref, 'bucket', 63) };
};

/** hooks.previewApply and hooks.apply. */
export function createApplyHooksApi(deps: ApplyHooksDeps): ApplyMethods {
  const { notifications, delivery, remotes } = deps;
  const remote = (ref: Ref) => {
    const conn = remotes.connection(ref.profile);
    return { conn, call: remoteAccess(conn).call };
  };
  const specsOf = async (ref: Ref): Promise<HookSpec[]> => {
    if (ref.profile === LOCAL_PROFILE) return notifications.listHooks(ref.bucket).map(specOf);
    const { conn, call } = remote(ref);
    return call(() => requireRemoteHooks(conn, ref.bucket));
  };
  const plan = async (raw: unknown): Promise<{ target: Ref; diff: HookSetDiff }> => {
    const input = asInput(raw);
    const source = refOf(input, 'source');
    const target = refOf(input, 'target');
    if (source.profile === target.profile && source.bucket === target.bucket) {
      throw new AppError('InvalidInput', 'target: choose another bucket than the source');
    }
    const [from, to] = await Promise.all([specsOf(source), specsOf(target)]);
    return { target, diff: diffHookSets(to, mergeHookSets(to, from, input.keepOthers === true)) };
  };
  const write = async (target: Ref, xml: string): Promise<HookView[]> => {
    if (target.profile === LOCAL_PROFILE) {
      const result = await notifications.putConfigXml(target.bucket, xml);
      return result.hooks.map((h) => toHookView(h, delivery));
    }
    const { conn, call } = remote(target);
    await call(() => putRemoteConfigXml(conn, target.bucket, xml));
    return (await call(() => requireRemoteHooks(conn, target.bucket))).map((h) => toRemoteHookView(target.bucket, h));
  };

  return {
    async 'hooks.previewApply'(raw) {
      return (await plan(raw)).diff;
    },
    async 'hooks.apply'(raw) {
      const previewed = str(asInput(raw), 'xml', 1024 * 1024, 0);
      const { target, diff } = await plan(raw);
      if (diff.xml !== previewed) {
        throw new AppError('PreviewOutdated', `The hooks changed since the preview: review the changes for ${target.bucket} again`);
      }
      const hooks = await write(target, diff.xml);
      deps.changed(target.bucket);
      return hooks;
    },
  };
}
