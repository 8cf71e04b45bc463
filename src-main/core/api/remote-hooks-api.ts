// hooks.* on a remote profile's bucket: the Webhooks tab over the remote's ?notification, every write read back
// (remote/remote-write.ts). Hooks are shown in the dialect they came in, topic hooks with the URL their topic pushes
// to, parts BucketHooks cannot edit as read-only lines; the remote's refusal keeps its S3 code. Delivery log,
// replay, secrets, retry policies and pause are BucketHooks features and stay local.
import { authView, defaultFlavour, type AppApiMethods, type HookView } from '../../../src-shared/contract';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../kernel/app-error';
import { filterOf, type FilterRule, type HookSpec } from '../notifications/types';
import type { Remotes } from '../remote/create-remotes';
import type { Connection } from '../remote/connection';
import { requireRemoteConfig } from '../remote/remote-notifications';
import { deleteRemoteHooks, remoteHook, sendTestFromHere, upsertRemoteHookVerified, type TestFromHere } from '../remote/remote-hooks';
import { parseRemoteDocument } from '../remote/remote-document';
import { exportRemoteXml, importRemoteXml } from '../remote/portable-config';
import { withEndpoints, type ShownHook } from '../remote/topic-targets';
import { remoteAccess, profileOf } from './profile-target';
import { diffHookSets } from '../notifications/hook-set-diff';
import { readHook } from './hooks-api';
import { asInput, optStr, str, strList, type Input } from './validate';
import { DEFAULT_HEALTH_POLICY } from '../notifications/health-policy';

type HookMethods = Pick<AppApiMethods,
  'hooks.list' | 'hooks.upsert' | 'hooks.delete' | 'hooks.setState' | 'hooks.sendTest' | 'hooks.exportXml' | 'hooks.importXml' | 'hooks.previewImport'>;

/**
 * A remote hook as the Webhooks tab shows it: always active, no BucketHooks extras, no local deliveries; a topic
 * hook shows the URL its topic pushes to, and the parts BucketHooks cannot edit are listed read-only.
 */
export function toRemoteHookView(bucket: string, spec: HookSpec | ShownHook): HookView {
  const { prefix, suffix } = filterOf(spec.rules);
  const shown = 'endpoint' in spec ? spec : undefined;
  return {
    bucket, id: spec.id, dialect: spec.dialect, url: shown?.endpoint ?? spec.url, events: spec.events, prefix, suffix, state: 'active',
    confirmError: null, hasSecret: false, retrySchedule: null, timeoutMs: 0, lastDelivery: null, realism: null,
    flavour: defaultFlavour(spec.dialect), auth: authView(null),
    topicArn: shown?.topicArn ?? null, readOnly: shown?.kept.map((k) => k.text) ?? [],
    stateReason: null, health: { ...DEFAULT_HEALTH_POLICY },
  };
}

/** The bucket's hooks with the URLs their topics push to. */
async function shown(conn: Connection, bucket: string): Promise<ShownHook[]> {
  return withEndpoints(conn, (await requireRemoteConfig(conn, bucket)).hooks);
}

const localOnly = (what: string) =>
  new AppError('LocalOnly', `${what} is a BucketHooks feature: a remote service delivers its own events, so it has no such setting`);

/** The hooks.* methods for remote profiles; `changed` announces a bucket whose hooks changed. */
export function createRemoteHooksApi(remotes: Remotes, test: TestFromHere, changed: (bucket: string) => void): HookMethods {
  const target = (input: Input) => {
    const conn = remotes.connection(profileOf(input));
    return { bucket: str(input, 'bucket', 63), conn, call: remoteAccess(conn).call };
  };
  return {
    async 'hooks.list'(raw) {
      const { conn, bucket, call } = target(asInput(raw));
      return (await call(() => shown(conn, bucket))).map((h) => toRemoteHookView(bucket, h));
    },
    async 'hooks.upsert'(raw) {
      const input = asInput(raw);
      const { conn, bucket, call } = target(input);
      const hook = readHook(input);
      if (hook.secret) throw localOnly('A signing secret');
      if (hook.retrySchedule && hook.retrySchedule.length > 0) throw localOnly('A retry policy');
      if (hook.flavour && hook.flavour !== defaultFlavour(hook.dialect ?? 'vk')) throw localOnly('A payload flavour');
      if (hook.auth) throw localOnly('Delivery auth');
      if (hook.health && !isDeepStrictEqual(hook.health, DEFAULT_HEALTH_POLICY)) throw localOnly('A health policy');
      const replaceId = optStr(input, 'replaceId', 255) || hook.id;
      const current = (await call(() => shown(conn, bucket))).find((h) => h.id === replaceId);
      const dialect = current?.dialect ?? 'vk';
      const [p, s] = dialect === 'vk' ? ['Prefix', 'Suffix'] : ['prefix', 'suffix'];
      const rules: FilterRule[] = [];
      if (hook.prefix) rules.push({ name: p, value: hook.prefix });
      if (hook.suffix) rules.push({ name: s, value: hook.suffix });
      // A topic hook whose URL is unchanged keeps its topic.
      const url = current?.topicArn && current.endpoint === hook.url ? current.topicArn : hook.url;
      const spec: HookSpec = { id: hook.id ?? '', dialect, url, events: hook.events, rules };
      const outcome = await call(() => upsertRemoteHookVerified(conn, bucket, spec, replaceId));
      changed(bucket);
      const host = new URL(conn.profile.endpoint).host;
      const saved = (await call(() => withEndpoints(conn, outcome.hooks))).find((h) => h.id === spec.id);
      if (!saved) throw new AppError('RemoteWriteMismatch', `${host} does not hold hook ${spec.id} after the write`);
      const message = [`Read back from ${host}: the bucket holds the hook as asked.`, ...outcome.notes].join(' ');
      return { hook: toRemoteHookView(bucket, saved), handshake: { status: 'remote', message } };
    },
    async 'hooks.delete'(raw) {
      const input = asInput(raw);
      const { conn, bucket, call } = target(input);
      const deleted = await call(() => deleteRemoteHooks(conn, bucket, strList(input, 'ids', 100, 255)));
      changed(bucket);
      return { deleted };
    },
    async 'hooks.setState'() {
      throw localOnly('Pause and resume');
    },
    async 'hooks.sendTest'(raw) {
      const input = asInput(raw);
      const { conn, bucket, call } = target(input);
      const hook = await call(() => remoteHook(conn, bucket, str(input, 'id', 255)));
      const { ok, status, body, errorClass, errorMessage, durationMs } = await sendTestFromHere({ ...hook, url: hook.endpoint }, bucket, test);
      return { deliveryId: null, answer: { ok, status, body, errorClass, errorMessage, durationMs } };
    },
    async 'hooks.exportXml'(raw) {
      const { conn, bucket, call } = target(asInput(raw));
      return { xml: await call(() => exportRemoteXml(conn, bucket)) };
    },
    async 'hooks.previewImport'(raw) {
      const input = asInput(raw);
      const { conn, bucket, call } = target(input);
      // The remote validates the file itself when it is written; here it only has to be a configuration document.
      const next = parseRemoteDocument(str(input, 'xml', 1024 * 1024, 0)).hooks;
      const current = (await call(() => shown(conn, bucket))).map((h) => ({ ...h, url: h.endpoint }));
      return { ...diffHookSets(current, next), extras: [] };
    },
    async 'hooks.importXml'(raw) {
      const input = asInput(raw);
      const { conn, bucket, call } = target(input);
      const outcome = await call(() => importRemoteXml(conn, bucket, str(input, 'xml', 1024 * 1024, 0)));
      changed(bucket);
      return (await call(() => withEndpoints(conn, outcome.hooks))).map((h) => toRemoteHookView(bucket, h));
    },
  };
}
