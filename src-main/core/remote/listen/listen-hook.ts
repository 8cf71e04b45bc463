// The hook `listen` puts on the remote bucket: a `buckethooks-listen-<random>` Id, the public URL, the events and
// filter asked for, in the dialect asked for; stale ones are found by that Id prefix. Also checks a request's fields.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../kernel/app-error';
import { SUPPORTED_EVENTS, type FilterRule, type HookSpec } from '../../notifications/types';
import type { ListenRequest } from '../../../../src-shared/contract';

/** The Id prefix of every hook `listen` adds. */
export const LISTEN_HOOK_PREFIX = 'buckethooks-listen-';
/** The events of a listen hook when none are asked for. */
export const DEFAULT_LISTEN_EVENTS = ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'];

/** A fresh hook Id: the prefix and 8 random hex digits. */
export const newListenHookId = () => LISTEN_HOOK_PREFIX + randomBytes(4).toString('hex');

/** The Ids of hooks a listen left behind. */
export const staleListenHooks = (hooks: readonly HookSpec[]) => hooks.filter((h) => h.id.startsWith(LISTEN_HOOK_PREFIX)).map((h) => h.id);

const isHttpUrl = (value: string) => {
  try { return ['http:', 'https:'].includes(new URL(value).protocol); } catch { return false; }
};

/** A request with its defaults filled in. @throws AppError InvalidInput naming the field */
export function checkListenRequest(r: ListenRequest): Required<Omit<ListenRequest, 'publicUrl' | 'leaseMs'>> & { publicUrl?: string } {
  const bad = (field: string, why: string) => new AppError('InvalidInput', `${field}: ${why}`);
  if (!r.profile) throw bad('profile', 'a remote profile is required');
  if (!r.bucket) throw bad('bucket', 'required');
  if (!isHttpUrl(r.forwardTo)) throw bad('forwardTo', `${r.forwardTo || '(empty)'} is not an http(s) URL`);
  if (r.publicUrl !== undefined && !isHttpUrl(r.publicUrl)) throw bad('publicUrl', `${r.publicUrl} is not an http(s) URL`);
  const port = r.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw bad('port', `${port} is not a port number (0-65535)`);
  const events = r.events?.length ? r.events : DEFAULT_LISTEN_EVENTS;
  const unknown = events.find((e) => !SUPPORTED_EVENTS.includes(e));
  if (unknown) throw bad('events', `${unknown} is not an S3 notification event (${SUPPORTED_EVENTS.join(', ')})`);
  const dialect = r.dialect ?? 'vk';
  if (dialect !== 'vk' && dialect !== 'aws') throw bad('dialect', `${String(dialect)} is not vk or aws`);
  return {
    profile: r.profile, bucket: r.bucket, forwardTo: r.forwardTo, publicUrl: r.publicUrl, port, events,
    prefix: r.prefix ?? '', suffix: r.suffix ?? '', dialect, ackAlways: r.ackAlways ?? false, clean: r.clean ?? false,
  };
}

/** The hook spec for `url`. */
export function listenHook(id: string, url: string, r: { events: string[]; prefix: string; suffix: string; dialect: 'vk' | 'aws' }): HookSpec {
  const [p, s] = r.dialect === 'vk' ? ['Prefix', 'Suffix'] : ['prefix', 'suffix'];
  const rules: FilterRule[] = [];
  if (r.prefix) rules.push({ name: p, value: r.prefix });
  if (r.suffix) rules.push({ name: s, value: r.suffix });
  return { id, dialect: r.dialect === 'vk' ? 'vk' : 'topic', url, events: r.events, rules };
}
