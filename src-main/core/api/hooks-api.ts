// hooks.* of the app API: the Webhooks tab over the notifications service (list, add/edit with the handshake
// outcome, delete, pause/resume, export/import XML) and "Send test event" through the delivery engine.
import {
  authProblem, HOOK_EVENT_LABELS, isFlavour, PAYLOAD_FLAVOURS, type AppApiMethods, type HookAuth, type HookView,
} from '../../../src-shared/contract';
import { asClause, hookIdProblem } from '../../../src-shared/rules';
import { AppError } from '../kernel/app-error';
import { checkRealism } from '../realism/realism-options';
import { checkHealthPolicy } from '../notifications/health-policy';
import type { Hook } from '../notifications/types';
import { ConfirmationError } from '../notifications/apply-config';
import type { HookInput as ServiceHookInput, Notifications } from '../notifications/create-notifications';
import type { Delivery } from '../delivery/create-delivery';
import { asInput, obj, oneOf, optBool, optIntList, optStr, optXmlText, str, strList, xmlText, type Input } from './validate';

type HookMethods = Pick<AppApiMethods,
  'hooks.list' | 'hooks.upsert' | 'hooks.delete' | 'hooks.setState' | 'hooks.sendTest' | 'hooks.exportXml' | 'hooks.importXml' | 'hooks.previewImport'>;

const EVENTS = Object.values(HOOK_EVENT_LABELS);

/** A stored hook as the Webhooks tab shows it, with its last delivery. */
export function toHookView(hook: Hook, delivery: Delivery): HookView {
  const last = delivery.hookSummary(hook.bucket, hook.id).last;
  return {
    bucket: hook.bucket, id: hook.id, dialect: hook.dialect, url: hook.url, events: hook.events,
    prefix: hook.prefix, suffix: hook.suffix,
    state: hook.state === 'active' && !hook.confirmed ? 'unconfirmed' : hook.state,
    confirmError: hook.confirmError, hasSecret: hook.hasSecret, retrySchedule: hook.retrySchedule, timeoutMs: hook.timeoutMs,
    realism: hook.realism, flavour: hook.flavour, auth: hook.auth,
    stateReason: hook.state === 'paused' ? hook.stateReason : null, health: hook.health,
    lastDelivery: last ? { status: last.status, httpStatus: last.lastStatus, at: last.updatedAt } : null,
  };
}

/** A hook's auth input, checked field by field. */
function readAuth(raw: unknown): HookAuth {
  const auth = asInput(raw);
  const headers = auth.headers === undefined ? [] : auth.headers;
  if (!Array.isArray(headers) || headers.length > 20) throw new AppError('InvalidInput', 'hook.auth.headers: a list of at most 20 {name, value}');
  const basic = auth.basic === undefined || auth.basic === null ? null : asInput(auth.basic);
  const out: HookAuth = {
    headers: headers.map((h) => { const o = asInput(h); return { name: str(o, 'name', 64), value: str(o, 'value', 4096, 0) }; }),
    bearerToken: optStr(auth, 'bearerToken', 4096) || null,
    basic: basic ? { user: str(basic, 'user', 256), password: str(basic, 'password', 1024, 0) } : null,
  };
  const problem = authProblem(out);
  if (problem) throw new AppError('InvalidInput', `hook.auth: ${problem}`);
  return out;
}

/** The hook of an upsert input, checked field by field (shared by local and remote buckets). */
export function readHook(input: Input): ServiceHookInput {
  const hook = obj(input, 'hook');
  const id = str(hook, 'id', 255);
  const idProblem = hookIdProblem(id);
  if (idProblem) throw new AppError('InvalidInput', `hook.id: ${asClause(idProblem)}`);
  const events = strList(hook, 'events', 8, 64);
  const bad = events.find((e) => !EVENTS.includes(e));
  if (bad) throw new AppError('InvalidInput', `hook.events: ${bad} is not supported`);
  const url = xmlText(hook, 'url', 2048);
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new AppError('InvalidInput', 'hook.url: must be an http(s) URL');
  const out: ServiceHookInput = { id, events, url, prefix: optXmlText(hook, 'prefix', 1024) ?? '', suffix: optXmlText(hook, 'suffix', 1024) ?? '' };
  const secret = optStr(hook, 'secret', 256);
  if (secret !== undefined) out.secret = secret === '' ? null : secret;
  const schedule = optIntList(hook, 'retrySchedule', 50, 7 * 24 * 3600_000);
  if (schedule !== undefined) out.retrySchedule = schedule;
  if (hook.realism !== undefined) out.realism = hook.realism === null ? null : checkRealism(hook.realism);
  if (hook.flavour !== undefined) {
    if (!isFlavour(hook.flavour)) throw new AppError('InvalidInput', `hook.flavour: must be one of ${PAYLOAD_FLAVOURS.join(', ')}`);
    out.flavour = hook.flavour;
  }
  if (hook.auth !== undefined) out.auth = hook.auth === null ? null : readAuth(hook.auth);
  if (hook.health !== undefined) out.health = hook.health === null ? null : checkHealthPolicy(hook.health);
  return out;
}

/** The hooks.* methods; `changed` announces a bucket whose hooks changed. */
export function createHooksApi(hooks: Notifications, delivery: Delivery, changed: (bucket: string) => void): HookMethods {
  const view = (h: Hook) => toHookView(h, delivery);
  const bucketOf = (input: Input) => str(input, 'bucket', 63);
  return {
    async 'hooks.list'(raw) {
      return hooks.listHooks(bucketOf(asInput(raw))).map(view);
    },
    async 'hooks.upsert'(raw) {
      const input = asInput(raw);
      const bucket = bucketOf(input);
      const result = await hooks.upsertHook(bucket, readHook(input), {}, optStr(input, 'replaceId', 255) || undefined).catch((err: unknown) => {
        if (err instanceof ConfirmationError) throw new AppError('HandshakeFailed', err.message, { cause: err });
        throw err;
      });
      changed(bucket);
      return {
        hook: view(result.hook),
        handshake: {
          status: result.skipped ? 'skipped' : result.confirmed ? 'confirmed' : 'unconfirmed',
          message: result.error,
        },
      };
    },
    async 'hooks.delete'(raw) {
      const input = asInput(raw);
      const bucket = bucketOf(input);
      const deleted = hooks.deleteHooks(bucket, strList(input, 'ids', 100, 255));
      changed(bucket);
      return { deleted };
    },
    async 'hooks.setState'(raw) {
      const input = asInput(raw);
      const bucket = bucketOf(input);
      const hook = hooks.setHookState(bucket, str(input, 'id', 255), oneOf(input, 'state', ['active', 'paused'] as const));
      changed(bucket);
      return view(hook);
    },
    async 'hooks.sendTest'(raw) {
      const input = asInput(raw);
      return { deliveryId: await delivery.sendTestEvent(bucketOf(input), str(input, 'id', 255)) };
    },
    async 'hooks.exportXml'(raw) {
      const input = asInput(raw);
      return { xml: hooks.exportConfigFile(bucketOf(input), optBool(input, 'includeSecrets') ?? false) };
    },
    async 'hooks.importXml'(raw) {
      const input = asInput(raw);
      const bucket = bucketOf(input);
      const result = await hooks.importConfigFile(bucket, str(input, 'xml', 1024 * 1024, 0));
      changed(bucket);
      return result.hooks.map(view);
    },
    async 'hooks.previewImport'(raw) {
      const input = asInput(raw);
      const { diff, extras } = hooks.previewConfigFile(bucketOf(input), str(input, 'xml', 1024 * 1024, 0));
      return {
        ...diff,
        extras: [...extras].map(([id, e]) => ({
          id, retrySchedule: e.retrySchedule, maxAgeMs: e.maxAgeMs, timeoutMs: e.timeoutMs, secret: e.secret === undefined ? undefined : e.secret !== null,
        })),
      };
    },
  };
}
