// The notifications service: a bucket's webhook configuration (XML and per-hook API), URL
// confirmation on change, and the outbox rows of every matching hook for each committed object change.
import type { Db } from '../db/open';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { ConfirmMode, CoreConfig } from '../kernel/config';
import type { HookDirectory } from '../model/hook-directory';
import { createHookDirectory } from './hook-directory';
import type { ObjectChangeListener, S3EventName } from '../model/object-change';
import type { OutboxEntry } from '../model/outbox-entry';
import { AppError } from '../kernel/app-error';
import { applyConfig, type ApplyResult } from './apply-config';
import { confirmUrl, type ConfirmResult, type ConfirmTarget } from './confirm-url';
import { ConfigError } from './errors';
import { checkHookOptions, type HookOptions } from './hook-options';
import { createHookView } from './hook-cache';
import { createHooksRepo, type HookExtras } from './hooks-repo';
import type { SecretStore } from '../kernel/secret-store';
import { createChangeHandler } from './on-object-change';
import { lintHook, type LintWarning } from './lint-config';
import { createTraceStore, type TracedChange } from './trace-store';
import { createChangeFeed, type ChangeListener } from './change-feed';
import { judge, type Verdict } from './verdicts';
import { backfillEntries, backfillHook, type ExistingObject } from './backfill-records';
import { parseConfig } from './parse-config';
import { renderConfig } from './render-config';
import { readConfigFile, renderConfigFile } from './config-file';
import { checkNoOverlap } from './overlap';
import { diffHookSets, type HookSetDiff } from './hook-set-diff';
import { checkRules, checkTarget, generateHookId, validateConfig } from './validate-config';
import { specOf, type Dialect, type FilterRule, type Hook, type HookSpec, type HookState } from './types';
import { defaultFlavour } from '../../../src-shared/contract';

/** What the notifications service is built from (create-core.ts wires it). */
export interface NotificationsDeps {
  db: Db; clock: Clock; logger: Logger; config: Pick<CoreConfig, 'region' | 'ownerId' | 'retentionMs' | 'realism'>;
  /** The confirm mode now (the settings service's getter). */
  confirmMode: () => ConfirmMode;
  /** Insert outbox rows (synchronous, same connection, inside the change's transaction); one call per change. */
  enqueue: (entries: readonly OutboxEntry[]) => void;
  /** Called after rows were enqueued (with them; without, when any hook may have due work: a resumed hook). */
  onEnqueued: (entries?: readonly OutboxEntry[]) => void;
  /** Whether a bucket exists (storage's answer). */
  bucketExists: (name: string) => boolean;
  /** Per-URL confirmation timeout (ms); default 10 s. */
  confirmTimeoutMs?: number;
  /** How hook signing secrets are sealed at rest (desktop: the OS keychain); default: as they are, owner-only files. */
  secrets?: SecretStore;
}

/** One hook as the add/edit-hook dialog submits it. */
export interface HookInput extends HookOptions {
  /** Omitted: generated. */
  id?: string;
  /** The Id being edited, when the edit renames it; omitted for a new hook or an edit keeping its Id. */
  originalId?: string;
  /** Default `vk`. */
  dialect?: Dialect;
  url: string;
  events: string[];
  prefix?: string;
  suffix?: string;
}

/** What an edit through the dialog did: the stored hook and its confirmation, if one ran. */
export interface UpsertResult {
  hook: Hook;
  /** The confirmation run for this hook; absent when none ran (mode off, URL unchanged, skipped). */
  confirmation?: ConfirmResult;
  /** Whether the stored hook counts as confirmed. */
  confirmed: boolean;
  /** Why it is unconfirmed (record mode), else null. */
  error: string | null;
  /** True when no confirmation ran. */
  skipped: boolean;
}

/** The notifications service: S3 ?notification, the Webhooks tab's hook API and the object-change listener. */
export interface Notifications {
  onObjectChange: ObjectChangeListener;
  removeBucket(bucket: string): void;
  /** The bucket's configuration as GET ?notification returns it. */
  getConfigXml(bucket: string): string;
  /** Validate, confirm and store a whole configuration document (PUT ?notification). */
  putConfigXml(bucket: string, xml: string, options?: { skipDestinationValidation?: boolean }): Promise<ApplyResult>;
  /** The configuration file "Export" saves: the XML plus each hook's extras (secrets only with `includeSecrets`). */
  exportConfigFile(bucket: string, includeSecrets: boolean): string;
  /** Import such a file: validated and confirmed like a PUT, its extras set in the same transaction. */
  importConfigFile(bucket: string, xml: string): Promise<ApplyResult>;
  /** What importing a file would change (nothing is saved), and the extras it carries. */
  previewConfigFile(bucket: string, xml: string): { diff: HookSetDiff; extras: Map<string, HookExtras> };
  /** Remove every hook of the bucket (DELETE ?notification). */
  deleteConfig(bucket: string): void;
  listHooks(bucket: string): Hook[];
  /** @throws AppError NoSuchHook */
  getHook(bucket: string, id: string): Hook;
  /**
   * Add or edit one hook through the same validation and confirmation as a PUT. `options` and
   * `replaceId` may also be passed apart (they merge into `input` as its options and `originalId`).
   */
  upsertHook(bucket: string, input: HookInput, options?: HookOptions, replaceId?: string): Promise<UpsertResult>;
  /** Delete hooks by Id; returns how many existed. */
  deleteHooks(bucket: string, ids: string[]): number;
  setHookState(bucket: string, id: string, state: HookState): Hook;
  /** Lint warnings about the bucket's stored hooks (no network; see lint-config.ts). */
  lintBucket(bucket: string): LintWarning[];
  /** Pause an active hook on its own, saying why (suspension, loop guard); false when it was not active. */
  pauseWithReason(bucket: string, id: string, reason: string): boolean;
  setHookOptions(bucket: string, id: string, options: HookOptions): Hook;
  /** The hook's signing secret (for the delivery engine / a "reveal" button), or null. */
  getHookSecret(bucket: string, id: string): string | null;
  /** Run a confirmation against a URL without saving anything (live check in the dialog). */
  checkUrl(target: Omit<ConfirmTarget, 'hookId'>): Promise<ConfirmResult>;
  /** What delivery may read and do about hooks (the 410 disable included). */
  hookDirectory: HookDirectory;
  /** The newest traced changes of a key (newest first, at most `limit`), each with what every hook did. */
  traces(bucket: string, key: string, limit: number): TracedChange[];
  /** What the bucket's hooks would do now with `event` on `key` (nothing is changed or sent). */
  judgeNow(bucket: string, key: string, event: S3EventName): Verdict[];
  /** Receive every object change committed from now on (the live feed); returns the unsubscribe function. */
  subscribeChanges(listener: ChangeListener): () => void;
  /**
   * Where a backfill of hook `id` goes: its filter, and the outbox rows for a page of objects (one Put-shaped record
   * per object the filter matches). @throws AppError when the hook does not exist, is disabled or does not listen to
   * ObjectCreated:Put.
   */
  backfillTarget(bucket: string, id: string, jobId: string): BackfillTarget;
}

/** A hook a backfill can go to. */
export interface BackfillTarget { prefix: string; suffix: string; entries(objects: readonly ExistingObject[]): OutboxEntry[] }

/** Traces kept at most (besides the retention age). */
const MAX_TRACES = 100_000;

const STATES: readonly HookState[] = ['active', 'paused', 'disabled'];

/** Build the notifications service over the hooks table. */
export function createNotifications(deps: NotificationsDeps): Notifications {
  const repo = createHooksRepo(deps.db, deps.secrets);
  const { config, clock, logger } = deps;
  const resealed = repo.resealPlainSecrets();
  if (resealed) logger.info('hook secrets sealed with the OS keychain', { count: resealed });
  const unopenable = repo.unopenableSecrets();
  if (unopenable) {
    logger.warn('hook secrets sealed by the desktop app\'s OS keychain cannot be opened here: those hooks deliver unsigned until their secrets are set again', { count: unopenable });
  }
  const confirmTimeoutMs = deps.confirmTimeoutMs ?? 10_000;
  const ctx = () => ({ repo, clock, logger, confirmMode: deps.confirmMode(), ownerId: config.ownerId, confirmTimeoutMs });
  const { bucketExists } = deps;
  const requireBucket = (bucket: string) => {
    if (!bucketExists(bucket)) throw new ConfigError('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
  };
  const requireHook = (bucket: string, id: string): Hook => {
    const hook = repo.get(bucket, id);
    if (!hook) throw new AppError('NoSuchHook', `Bucket ${bucket} has no hook with Id ${id}`);
    return hook;
  };

  const defaultRealism = config.realism ?? null;
  const view = createHookView(repo, defaultRealism);
  const bucketHooks = view.ofBucket;
  const traces = createTraceStore(deps.db, { maxAgeMs: config.retentionMs, maxRows: MAX_TRACES });
  const feed = createChangeFeed(traces, logger);
  const onObjectChange: ObjectChangeListener = createChangeHandler({
    hooks: bucketHooks, traces, feed, clock, region: config.region, ownerId: config.ownerId,
    enqueue: deps.enqueue, onEnqueued: deps.onEnqueued,
  });

  return {
    onObjectChange,
    removeBucket: (bucket) => { repo.removeBucket(bucket); traces.removeBucket(bucket); },
    getConfigXml(bucket) { requireBucket(bucket); return renderConfig(repo.list(bucket)); },
    async putConfigXml(bucket, xml, options = {}) {
      requireBucket(bucket);
      const specs = validateConfig(parseConfig(xml));
      return applyConfig(ctx(), bucket, specs, options);
    },
    exportConfigFile(bucket, includeSecrets) {
      requireBucket(bucket);
      return renderConfigFile(repo.list(bucket), includeSecrets ? (id) => ({ secret: repo.secret(bucket, id), auth: repo.auth(bucket, id) }) : null);
    },
    async importConfigFile(bucket, xml) {
      requireBucket(bucket);
      const file = readConfigFile(xml);
      return applyConfig(ctx(), bucket, file.specs, { extras: file.extras });
    },
    previewConfigFile(bucket, xml) {
      requireBucket(bucket);
      const file = readConfigFile(xml);
      return { diff: diffHookSets(repo.list(bucket).map(specOf), file.specs), extras: file.extras };
    },
    deleteConfig(bucket) { requireBucket(bucket); repo.removeBucket(bucket); },
    listHooks(bucket) { requireBucket(bucket); return repo.list(bucket); },
    getHook: requireHook,
    async upsertHook(bucket, input, options = {}, replaceId) {
      requireBucket(bucket);
      const merged: HookInput = { ...input, ...options, originalId: input.originalId ?? replaceId };
      const extras = checkHookOptions(merged);
      const { specs, spec, renamed } = editSpecs(repo.list(bucket), merged);
      // The dialect's own default is stored as "not chosen", so exports write a flavour only where one was picked.
      if (extras.flavour === defaultFlavour(spec.dialect)) extras.flavour = null;
      checkNoOverlap(spec, specs.filter((s) => s !== spec));
      const result = await applyConfig(ctx(), bucket, validateConfig(specs.map((s) => ({ ...s, target: s.url }))), { renamed });
      if (Object.keys(extras).length > 0) repo.setExtras(bucket, spec.id, extras, clock.now());
      const hook = requireHook(bucket, spec.id);
      const confirmation = result.confirmations.find((c) => c.hookId === spec.id);
      return { hook, confirmation, confirmed: hook.confirmed, error: hook.confirmError, skipped: !confirmation };
    },
    deleteHooks(bucket, ids) { requireBucket(bucket); return repo.remove(bucket, ids); },
    setHookState(bucket, id, state) {
      if (!STATES.includes(state)) throw new AppError('InvalidHookState', `State must be one of ${STATES.join(', ')}`);
      requireHook(bucket, id);
      repo.setState(bucket, id, state, clock.now());
      if (state === 'active') deps.onEnqueued();
      return requireHook(bucket, id);
    },
    lintBucket(bucket) { requireBucket(bucket); return repo.list(bucket).flatMap(lintHook); },
    pauseWithReason(bucket, id, reason) {
      const hook = repo.get(bucket, id);
      if (hook?.state !== 'active') return false;
      logger.warn('hook paused itself', { bucket, hookId: id, reason });
      return repo.setState(bucket, id, 'paused', clock.now(), reason);
    },
    setHookOptions(bucket, id, options) {
      requireHook(bucket, id);
      repo.setExtras(bucket, id, checkHookOptions(options), clock.now());
      return requireHook(bucket, id);
    },
    getHookSecret: (bucket, id) => repo.secret(bucket, id),
    checkUrl: (target) => confirmUrl(target, { ownerId: config.ownerId, clock, timeoutMs: confirmTimeoutMs }),
    hookDirectory: createHookDirectory(view, repo, clock),
    traces: (bucket, key, limit) => traces.ofKey(bucket, key, limit),
    judgeNow: (bucket, key, event) => { requireBucket(bucket); return bucketHooks(bucket).map((h) => judge(h, event, key)); },
    subscribeChanges: feed.subscribe,
    backfillTarget(bucket, id, jobId) {
      requireBucket(bucket);
      const hook = backfillHook(bucketHooks(bucket), bucket, id);
      const ctx = () => ({ region: config.region, ownerId: config.ownerId, jobId, now: clock.now() });
      return { prefix: hook.prefix, suffix: hook.suffix, entries: (objects) => backfillEntries(hook, bucket, objects, ctx()) };
    },
  };
}

/** The bucket's specs with one hook added or replaced (in place) from dialog input. */
function editSpecs(current: readonly HookSpec[], input: HookInput): { specs: HookSpec[]; spec: HookSpec; renamed: Map<string, string> } {
  const dialect = input.dialect ?? 'vk';
  const [p, s] = dialect === 'vk' ? ['Prefix', 'Suffix'] : ['prefix', 'suffix'];
  const rules: FilterRule[] = [];
  if (input.prefix) rules.push({ name: p, value: input.prefix });
  if (input.suffix) rules.push({ name: s, value: input.suffix });
  checkRules(rules);
  const url = checkTarget({ dialect, target: typeof input.url === 'string' ? input.url.trim() : '' });
  const id = input.id?.trim() || generateHookId();
  const spec: HookSpec = { id, dialect, url, events: Array.isArray(input.events) ? [...input.events] : [], rules };
  const editing = input.originalId ?? id;
  const renamed = new Map<string, string>(editing !== id ? [[id, editing]] : []);
  const at = current.findIndex((h) => h.id === editing);
  const specs = current.map((h) => ({ id: h.id, dialect: h.dialect, url: h.url, events: h.events, rules: h.rules }));
  if (at >= 0) specs[at] = spec; else specs.push(spec);
  return { specs, spec, renamed };
}
