// hooks.* on a remote profile's bucket: the Webhooks tab over GET/PUT ?notification of the remote service. Hooks
// are shown in the dialect they came in; the remote's refusal (e.g. VK's failed handshake) keeps its S3 code and
// message. Delivery log, replay, secrets, retry policies and pause are BucketHooks features and stay local.
import type { AppApiMethods, HookView } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { Clock } from '../kernel/clock';
import { filterOf, type FilterRule, type HookSpec } from '../notifications/types';
import type { Remotes } from '../remote/create-remotes';
import { getRemoteConfig, putRemoteConfigXml, requireRemoteHooks } from '../remote/remote-notifications';
import { deleteRemoteHooks, remoteHook, sendTestFromHere, upsertRemoteHook } from '../remote/remote-hooks';
import { remoteAccess, profileOf } from './profile-target';
import { parseConfig } from '../notifications/parse-config';
import { diffHookSets } from '../notifications/hook-set-diff';
import { readHook } from './hooks-api';
import { asInput, optStr, str, strList, type Input } from './validate';
import { DEFAULT_HEALTH_POLICY } from '../notifications/health-policy';

type HookMethods = Pick<AppApiMethods,
  'hooks.list' | 'hooks.upsert' | 'hooks.delete' | 'hooks.setState' | 'hooks.sendTest' | 'hooks.exportXml' | 'hooks.importXml' | 'hooks.previewImport'>;

/** A remote hook as the Webhooks tab shows it: always active, no BucketHooks extras, no local deliveries. */
export function toRemoteHookView(bucket: string, spec: HookSpec): HookView {
  const { prefix, suffix } = filterOf(spec.rules);
  return {
    bucket, id: spec.id, dialect: spec.dialect, url: spec.url, events: spec.events, prefix, suffix, state: 'active',
    confirmError: null, hasSecret: false, retrySchedule: null, timeoutMs: 0, lastDelivery: null, realism: null,
    stateReason: null, health: { ...DEFAULT_HEALTH_POLICY },
  };
}

const localOnly = (what: string) =>
  new AppError('LocalOnly', `${what} is a BucketHooks feature: a remote service delivers its own events, so it has no such setting`);

/** The hooks.* methods for remote profiles; `changed` announces a bucket whose hooks changed. */
export function createRemoteHooksApi(remotes: Remotes, clock: Clock, version: string, changed: (bucket: string) => void): HookMethods {
  const target = (input: Input) => {
    const conn = remotes.connection(profileOf(input));
    return { bucket: str(input, 'bucket', 63), conn, call: remoteAccess(conn).call };
  };
  return {
    async 'hooks.list'(raw) {
      const { conn, bucket, call } = target(asInput(raw));
      return (await call(() => requireRemoteHooks(conn, bucket))).map((h) => toRemoteHookView(bucket, h));
    },
    async 'hooks.upsert'(raw) {
      const input = asInput(raw);
      const { conn, bucket, call } = target(input);
      const hook = readHook(input);
      if (hook.secret) throw localOnly('A signing secret');
      if (hook.retrySchedule && hook.retrySchedule.length > 0) throw localOnly('A retry policy');
      const replaceId = optStr(input, 'replaceId', 255) || hook.id;
      const current = (await call(() => requireRemoteHooks(conn, bucket))).find((h) => h.id === replaceId);
      const dialect = current?.dialect ?? 'vk';
      const [p, s] = dialect === 'vk' ? ['Prefix', 'Suffix'] : ['prefix', 'suffix'];
      const rules: FilterRule[] = [];
      if (hook.prefix) rules.push({ name: p, value: hook.prefix });
      if (hook.suffix) rules.push({ name: s, value: hook.suffix });
      const spec: HookSpec = { id: hook.id ?? '', dialect, url: hook.url, events: hook.events, rules };
      await call(() => upsertRemoteHook(conn, bucket, spec, replaceId));
      changed(bucket);
      return { hook: toRemoteHookView(bucket, spec), handshake: { status: 'remote', message: `${new URL(conn.profile.endpoint).host} accepted the configuration` } };
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
      const { ok, status, body, errorClass, errorMessage, durationMs } = await sendTestFromHere(hook.url, bucket, clock, version);
      return { deliveryId: null, answer: { ok, status, body, errorClass, errorMessage, durationMs } };
    },
    async 'hooks.exportXml'(raw) {
      const { conn, bucket, call } = target(asInput(raw));
      const config = await call(() => getRemoteConfig(conn, bucket));
      if (!config.supported) throw new AppError('NotificationsUnsupported', config.reason);
      return { xml: config.xml };
    },
    async 'hooks.previewImport'(raw) {
      const input = asInput(raw);
      const { conn, bucket, call } = target(input);
      // The remote validates the file itself when it is PUT; here it only has to be a configuration document.
      const next = parseConfig(str(input, 'xml', 1024 * 1024, 0)).map((h) => ({ id: h.id ?? '', dialect: h.dialect, url: h.target ?? '', events: h.events, rules: h.rules }));
      return { ...diffHookSets(await call(() => requireRemoteHooks(conn, bucket)), next), extras: [] };
    },
    async 'hooks.importXml'(raw) {
      const input = asInput(raw);
      const { conn, bucket, call } = target(input);
      await call(() => putRemoteConfigXml(conn, bucket, str(input, 'xml', 1024 * 1024, 0)));
      changed(bucket);
      return (await call(() => requireRemoteHooks(conn, bucket))).map((h) => toRemoteHookView(bucket, h));
    },
  };
}
