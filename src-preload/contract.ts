// THE contract between renderer and main: method names 'noun.verb' → (input) => Promise<output>, the list of
// names, the live-event map and the IPC channel names. Shared by preload, shell, HTTP API and renderer. No imports.

import type { DeliveryHistogramView, HealthPolicyView, HookStats, HookTimelinePoint, LintWarningView } from './contract-health';
export type * from './contract-health';

/** Error shape crossing the IPC/HTTP boundary (an AppError's code and message). */
export interface ApiError { code: string; message: string }
/** What a transport carries back for one call. */
export type ApiResult<T> = { ok: true; result: T } | { ok: false; error: ApiError };
/** An empty input or output. */
export type Empty = Record<string, never>;

export type ConfirmMode = 'strict' | 'record' | 'off';

export interface ServerStatus {
  endpoint: string; region: string; accessKey: string; secretKey: string;
  dataDir: string; port: number; version: string; confirmMode: ConfirmMode;
  /** Where saved secrets are protected: the OS keychain (desktop) or the data dir's owner-only files (headless). */
  secretsAtRest: 'os-keychain' | 'owner-only-files';
  /** The browser UI's URL with its token (kept across restarts); null where no browser UI is served. */
  uiUrl: string | null;
  /** Realism options of hooks without their own (`--realism`); null = none. */
  realism: RealismOptions | null;
}

/** Names the connection profile a bucket, object or hook call works on; absent = "This computer". */
export interface OnProfile { profile?: string }

export interface BucketSummary { name: string; createdAt: string | null }
/** Object count and total size; `truncated` when counting stopped at the limit. */
export interface BucketStats { name: string; objectCount: number; totalSize: number; truncated: boolean }

export interface ObjectEntry { key: string; size: number; etag: string; lastModified: string | null }
export interface ObjectListInput extends OnProfile {
  bucket: string;
  /** Folder prefix (ends with '/' or is empty). */
  prefix?: string;
  /** Extra name prefix typed in the search box, appended to `prefix`. */
  search?: string;
  /** Continuation token of the previous page. */
  cursor?: string;
  /** Page size, 1–1000 (default 200). */
  limit?: number;
}
export interface ObjectListPage { prefix: string; folders: string[]; objects: ObjectEntry[]; nextCursor: string | null }
export interface ObjectVersion { versionId: string; isLatest: boolean; deleteMarker: boolean; size: number; lastModified: string | null; etag: string }
export interface ObjectDetails extends ObjectEntry {
  contentType: string | null; metadata: Record<string, string>; versionId: string | null; versions: ObjectVersion[];
}
export interface PresignInput extends OnProfile { bucket: string; key: string; method?: 'GET' | 'PUT'; expiresIn?: number; versionId?: string; download?: boolean }
/** How the renderer uploads: one presigned PUT, or presigned part URLs then objects.completeUpload. */
export type UploadPlan =
  | { mode: 'single'; url: string }
  | { mode: 'multipart'; uploadId: string; partSize: number; partUrls: string[] };
export interface CompleteUploadInput extends OnProfile { bucket: string; key: string; uploadId: string; parts: { partNumber: number; etag: string }[] }

/** VK panel labels of the event choice (SPEC §6), mapped to S3 event names by HOOK_EVENT_LABELS. */
export type HookEventLabel =
  | 'ObjectCreated' | 'PutObject' | 'PutObjectCopy' | 'CompleteMultipartUpload' | 'Post'
  | 'ObjectRemoved' | 'DeleteObject' | 'DeleteMarkerCreated';
export const HOOK_EVENT_LABELS: Record<HookEventLabel, string> = {
  ObjectCreated: 's3:ObjectCreated:*',
  PutObject: 's3:ObjectCreated:Put',
  PutObjectCopy: 's3:ObjectCreated:Copy',
  CompleteMultipartUpload: 's3:ObjectCreated:CompleteMultipartUpload',
  Post: 's3:ObjectCreated:Post',
  ObjectRemoved: 's3:ObjectRemoved:*',
  DeleteObject: 's3:ObjectRemoved:Delete',
  DeleteMarkerCreated: 's3:ObjectRemoved:DeleteMarkerCreated',
};

/**
 * What the cloud is allowed to do to deliveries, injected on purpose (a hook's own, or the server's `--realism`).
 * Every draw comes from `seed` and the event (bucket, hook, key, sequencer): the same changes give the same effects.
 */
export interface RealismOptions {
  seed: number;
  /** Probability (0–1) that a delivered event is posted a second time, right after the first. */
  duplicateRate: number;
  /** Each event waits 0..window ms before its first try, so events of different keys arrive out of order. */
  reorderWindowMs: number;
  /** Extra latency before the first try: uniform in [min, max] ms. */
  delayMinMs: number;
  delayMaxMs: number;
  /** Up to this many events that are due together go in one POST (`Records` holds several); 1 = never batch. */
  batchSize: number;
  /** Events arriving within one window of this many ms become due together (a burst); 0 = no gathering. */
  batchWindowMs: number;
  /** Also let events of the same key overtake each other (off: per-key order always holds). */
  breakKeyOrder: boolean;
}

export type HookState = 'active' | 'paused' | 'unconfirmed' | 'disabled';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export interface HookView {
  bucket: string; id: string; dialect: string; url: string; events: string[];
  prefix: string; suffix: string; state: HookState;
  /** Why the handshake failed when the hook is unconfirmed. */
  confirmError: string | null;
  hasSecret: boolean;
  /** Delays (ms) after the first try; null = defaults. */
  retrySchedule: number[] | null;
  timeoutMs: number;
  lastDelivery: { status: DeliveryStatus; httpStatus: number | null; at: number } | null;
  /** The hook's own realism options; null = the server's default (ServerStatus.realism). */
  realism: RealismOptions | null;
  /** Why the hook paused itself (suspension, loop guard); null when it did not or is not paused. */
  stateReason: string | null;
  /** When it suspends itself and when its loop guard pauses it. */
  health: HealthPolicyView;
}
export interface HookInput {
  id: string; events: string[]; url: string; prefix?: string; suffix?: string;
  /** 'whsec_…'; empty or absent = no signature; undefined on edit keeps the current one. */
  secret?: string;
  retrySchedule?: number[] | null;
  /** Own realism options (all zero = off even when the server has a default); null = the server's default; undefined on edit keeps them. */
  realism?: RealismOptions | null;
  /** Suspension and loop guard; fields left out keep their defaults; null = the defaults; undefined on edit keeps them. */
  health?: Partial<HealthPolicyView> | null;
}
/** A hook as a notification document describes it (what a hook-set diff compares). */
export interface HookSpecView { id: string; dialect: string; url: string; events: string[]; rules: { name: string; value: string }[] }
/** What replacing a bucket's hooks with another set does (import preview, "Apply these hooks to…"), and the XML sent. */
export interface HookSetDiff {
  added: HookSpecView[]; changed: { before: HookSpecView; after: HookSpecView }[]; removed: HookSpecView[];
  unchanged: HookSpecView[]; xml: string;
}
/** The BucketHooks extras an imported file sets on one hook (absent fields: left as they are). */
export interface HookExtrasView { id: string; retrySchedule?: number[] | null; maxAgeMs?: number | null; timeoutMs?: number; secret?: boolean }
/** What importing a configuration file would do: the hook-set diff and the extras the file carries. */
export interface ImportPreview extends HookSetDiff { extras: HookExtrasView[] }
/** `remote`: a remote service accepted the configuration (it checks URLs itself, e.g. VK's handshake). */
export interface HandshakeOutcome { status: 'confirmed' | 'unconfirmed' | 'skipped' | 'remote'; message: string | null }
/** The receiver's answer to a test event sent from this computer to a remote bucket's hook (nothing is logged). */
export interface TestAnswer {
  ok: boolean; status: number | null; body: string | null; errorClass: string | null; errorMessage: string | null; durationMs: number;
}
/** A bucket on a profile. */
export interface BucketRef { profile?: string; bucket: string }
/** "Apply these hooks to…": the source bucket's hooks replace the target's (or join them, with `keepOthers`). */
export interface ApplyHooksInput { source: BucketRef; target: BucketRef; keepOthers?: boolean }

/** What one hook did with one object change: fired, fired but held (paused), or skipped; `reason` says why. */
export interface HookVerdictView { hookId: string; outcome: 'fired' | 'held' | 'skipped'; reason: string | null }
/** One committed object change and what each hook of its bucket did with it (the match trace). */
export interface ObjectChangeView {
  id: number; bucket: string; key: string; eventName: string; size: number | null; etag: string | null;
  versionId: string | null; sequencer: number;
  /** When the change happened (ms epoch). */
  time: number;
  hooks: HookVerdictView[];
}
/** A backfill ("send events for existing objects") of one hook: objects matched, enqueued, sent (first attempt made). */
export interface BackfillProgress {
  jobId: string; bucket: string; hookId: string; prefix: string;
  /** Current objects its filter (and the prefix) matched. */
  total: number;
  /** Events enqueued so far. */
  queued: number;
  /** Events whose first attempt was made: delivered, or failed (those retry on the hook's schedule). */
  sent: number; delivered: number; failed: number;
  /** Events enqueued, then failed by a cancel before their first attempt. */
  dropped: number;
  finished: boolean; cancelled: boolean;
  /** Why it stopped early, when it did (e.g. the hook was deleted). */
  error: string | null;
}
/** "Why didn't my hook fire?" for one key: its traced changes (newest first) and what a PUT would fire now. */
export interface KeyExplanation { changes: ObjectChangeView[]; ifPutNow: HookVerdictView[] }

/** Filter of the delivery log and of bulk replay; times are ms epoch, inclusive. */
export interface DeliveryFilter {
  bucket?: string; hookId?: string; status?: DeliveryStatus; keyPrefix?: string; since?: number; until?: number;
}
export interface DeliveryRow {
  id: number; eventId: string; bucket: string; hookId: string; key: string; eventName: string; sequencer: number;
  status: DeliveryStatus; attempts: number;
  /** Pending: when the next try is due; finished: when it finished. */
  nextAt: number;
  createdAt: number; updatedAt: number; lastStatus: number | null; lastError: string | null;
}
export interface DeliveryPage { items: DeliveryRow[]; nextCursor: string | null }
export type AttemptTrigger = 'initial' | 'retry' | 'replay' | 'bulk-replay' | 'test' | 'duplicate' | 'backfill';
/** An effect realism mode injected, marked on the attempt it shaped. */
export type AttemptEffect =
  /** Held this long before the first try (latency). */
  | { kind: 'delay'; ms: number }
  /** Held this long within the reorder window (events of other keys may overtake it). */
  | { kind: 'reorder'; ms: number }
  /** Held to the end of its batch window, so the burst goes out together. */
  | { kind: 'burst'; ms: number }
  /** Posted in one request together with these other deliveries (`records` in all). */
  | { kind: 'batch'; records: number; deliveryIds: number[] }
  /** A second copy of the attempt before it, posted right after that one was delivered. */
  | { kind: 'duplicate' }
  /** Posted while `events` earlier events of its key were still undelivered (per-key order broken on request). */
  | { kind: 'overtook'; events: number };
export interface AttemptView {
  id: number; deliveryId: number; attempt: number; trigger: AttemptTrigger; url: string;
  requestHeaders: Record<string, string>; requestBody: string;
  responseStatus: number | null; responseHeaders: Record<string, string> | null; responseBody: string | null;
  errorClass: string | null; errorMessage: string | null; durationMs: number; startedAt: number; nextAt: number | null;
  /** What realism mode did to this attempt (empty when nothing). */
  effects: AttemptEffect[];
}
/** Where a delivery stands in its hook's retry policy. */
export interface RetryOutlook {
  /** Scheduled attempts made (the first try and its retries; replays and tests are not counted). */
  made: number;
  /** Scheduled attempts the policy allows: the first try plus one per retry delay. */
  max: number;
  /** Pending: when the next scheduled try is due (ms epoch). */
  nextAt: number | null;
  /** Failed: why no more tries will be made. */
  gaveUp: string | null;
}
export interface DeliveryDetails { delivery: DeliveryRow; body: string; attempts: AttemptView[]; retry: RetryOutlook }
/** How many deliveries match a filter, by status. */
export type DeliveryCounts = Record<DeliveryStatus, number>;
export interface ReplayAllInput {
  filter?: DeliveryFilter;
  /** Also send delivered ones again (default: only pending and failed ones). */
  includeDelivered?: boolean;
}
export interface ReplayProgress {
  jobId: string; total: number; done: number; succeeded: number; failed: number; finished: boolean; cancelled: boolean;
}
/** One attempt finished (the row's attempts/lastStatus changed). */
export interface AttemptEvent {
  deliveryId: number; attempt: number; trigger: AttemptTrigger; ok: boolean; status: number | null; errorClass: string | null;
}

export interface InboxSummary { name: string; url: string; count: number; failStatus: number | null; delayMs: number }
export interface InboxCapture { id: number; receivedAt: number; method: string; headers: Record<string, string>; body: string }
export interface InboxFailureInput { name: string; status: number | null; delayMs?: number }
/** What the inboxes keep against their limits (past `maxBytes` the oldest captures are evicted). */
export interface InboxUsage { inboxes: number; maxInboxes: number; bytes: number; maxBytes: number }

/** App settings; they apply to the running core at once and are kept in the data dir across restarts. */
export interface AppSettings { confirmMode: ConfirmMode; retrySchedule: number[] }

/** The retry delays (ms) after the first try until settings change them (SPEC §5): 1 s, 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h. */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [
  1_000, 5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000,
];

/** The id of the built-in "This computer" connection profile (always present, the default). */
export const LOCAL_PROFILE = 'local';
/** A connection profile as the renderer sees it: never the secret key, only whether one is saved. */
export interface ProfileView {
  name: string; endpoint: string; region: string; accessKey: string; pathStyle: boolean; verifyTls: boolean;
  /** True for "This computer" (not editable). */
  builtIn: boolean;
  hasSecret: boolean;
}
/** Add or edit a remote profile; `secretKey` omitted on edit keeps the saved one; `originalName` renames. */
export interface ProfileInput {
  name: string; endpoint: string; region: string; accessKey: string; secretKey?: string;
  pathStyle: boolean; verifyTls: boolean; originalName?: string;
}
/** What "Test connection" found: buckets listed, or the one reason it failed. */
export type ConnectionFailure = 'auth' | 'tls' | 'dns' | 'timeout' | 'refused' | 'not-s3' | 'error';
export type ConnectionOutcome =
  | { ok: true; bucketCount: number; message: string }
  | { ok: false; kind: ConnectionFailure; code: string; message: string };
/** Presets of the profile form: endpoint and region filled in (AWS: region chosen, endpoint from it). */
export const PROFILE_PRESETS = [
  { id: 'vk-msk', label: 'VK Cloud Moscow', endpoint: 'https://hb.ru-msk.vkcloud-storage.ru', region: 'ru-msk', pathStyle: false },
  { id: 'vk-kz', label: 'VK Cloud Kazakhstan', endpoint: 'https://hb.kz-ast.vkcloud-storage.ru', region: 'kz-ast', pathStyle: false },
  { id: 'aws', label: 'AWS S3', endpoint: 'https://s3.{region}.amazonaws.com', region: 'us-east-1', pathStyle: false },
  { id: 'custom', label: 'MinIO / custom', endpoint: '', region: 'us-east-1', pathStyle: true },
] as const;

/** Every method of the app API. */
export interface AppApiMethods {
  'server.status': (input: Empty) => Promise<ServerStatus>;
  /** Replace the API/UI token: URLs with the old one stop working. Returns the new UI URL. */
  'server.rotateToken': (input: Empty) => Promise<{ uiUrl: string | null }>;
  'settings.get': (input: Empty) => Promise<AppSettings>;
  'settings.update': (input: Partial<AppSettings>) => Promise<AppSettings>;
  'profiles.list': (input: Empty) => Promise<ProfileView[]>;
  'profiles.save': (input: ProfileInput) => Promise<ProfileView>;
  'profiles.remove': (input: { name: string }) => Promise<Empty>;
  /** List buckets with a saved profile (`name`) or unsaved form values (`profile`); never throws for the remote's failures. */
  'profiles.test': (input: { name?: string; profile?: ProfileInput }) => Promise<ConnectionOutcome>;
  'buckets.list': (input: OnProfile) => Promise<BucketSummary[]>;
  'buckets.create': (input: { name: string } & OnProfile) => Promise<BucketSummary>;
  'buckets.delete': (input: { name: string } & OnProfile) => Promise<Empty>;
  'buckets.stats': (input: { name: string } & OnProfile) => Promise<BucketStats>;
  'objects.list': (input: ObjectListInput) => Promise<ObjectListPage>;
  'objects.head': (input: { bucket: string; key: string } & OnProfile) => Promise<ObjectDetails>;
  'objects.delete': (input: { bucket: string; keys: string[] } & OnProfile) => Promise<{ deleted: string[]; errors: { key: string; message: string }[] }>;
  'objects.presign': (input: PresignInput) => Promise<{ url: string; expiresAt: number }>;
  /** Create a folder: an empty object whose key ends with '/' (as S3 consoles do). */
  'objects.createFolder': (input: { bucket: string; key: string } & OnProfile) => Promise<Empty>;
  'objects.createUpload': (input: { bucket: string; key: string; size: number; contentType?: string } & OnProfile) => Promise<UploadPlan>;
  'objects.completeUpload': (input: CompleteUploadInput) => Promise<{ etag: string }>;
  'objects.abortUpload': (input: { bucket: string; key: string; uploadId: string } & OnProfile) => Promise<Empty>;
  /** A remote service without ?notification answers AppError NotificationsUnsupported (the tab's unsupported state). */
  'hooks.list': (input: { bucket: string } & OnProfile) => Promise<HookView[]>;
  /** Add (or, with `replaceId`, edit) a hook; strict mode throws HandshakeFailed with the reason; a remote's refusal keeps its S3 code. */
  'hooks.upsert': (input: { bucket: string; hook: HookInput; replaceId?: string } & OnProfile) => Promise<{ hook: HookView; handshake: HandshakeOutcome }>;
  'hooks.delete': (input: { bucket: string; ids: string[] } & OnProfile) => Promise<{ deleted: number }>;
  'hooks.setState': (input: { bucket: string; id: string; state: 'active' | 'paused' } & OnProfile) => Promise<HookView>;
  /** Local hooks: a logged test delivery. Remote hooks: posted from this computer, the answer returned, nothing logged. */
  'hooks.sendTest': (input: { bucket: string; id: string } & OnProfile) => Promise<{ deliveryId: number | null; answer?: TestAnswer }>;
  /** The configuration file: the XML plus each hook's retry policy (and secret with `includeSecrets`) for re-import. */
  'hooks.exportXml': (input: { bucket: string; includeSecrets?: boolean } & OnProfile) => Promise<{ xml: string }>;
  /** Replace the bucket's hooks with a file's (validated and confirmed like a PUT; its extras restored). */
  'hooks.importXml': (input: { bucket: string; xml: string } & OnProfile) => Promise<HookView[]>;
  /** What importing `xml` would add, change and remove; nothing is saved. */
  'hooks.previewImport': (input: { bucket: string; xml: string } & OnProfile) => Promise<ImportPreview>;
  /** What "Apply these hooks to…" would change on the target, and the XML it would send. */
  'hooks.previewApply': (input: ApplyHooksInput) => Promise<HookSetDiff>;
  /** Apply in one PUT; `xml` is the previewed document: if the target changed since, nothing is sent (PreviewOutdated). */
  'hooks.apply': (input: ApplyHooksInput & { xml: string }) => Promise<HookView[]>;
  /** The match traces of a key on this computer (kept like delivered deliveries: 7 days, newest 100,000 changes). */
  'hooks.explain': (input: { bucket: string; key: string; limit?: number }) => Promise<KeyExplanation>;
  /** "Send events for existing objects": one Put-shaped record per current object the hook matches (this computer only). */
  'hooks.backfill': (input: { bucket: string; id: string; prefix?: string }) => Promise<BackfillProgress>;
  'hooks.cancelBackfill': (input: { jobId: string }) => Promise<{ cancelled: boolean }>;
  /** Health figures of each hook of a local bucket (kept as deliveries happen, not read from the log). */
  'hooks.stats': (input: { bucket: string }) => Promise<HookStats[]>;
  /** A hook's deliveries per minute and mean latency over the last `minutes` (1–1440, default 60). */
  'hooks.timeline': (input: { bucket: string; id: string; minutes?: number }) => Promise<HookTimelinePoint[]>;
  /** Lint warnings: of `hook` as the dialog would save it, or of every stored hook of the bucket; checks the URL's port. */
  'hooks.lint': (input: { bucket: string; hook?: HookInput }) => Promise<LintWarningView[]>;
  'deliveries.list': (input: { filter?: DeliveryFilter; cursor?: string; limit?: number }) => Promise<DeliveryPage>;
  'deliveries.count': (input: { filter?: DeliveryFilter }) => Promise<DeliveryCounts>;
  /** The filtered deliveries per time bin and status, in at most `bins` bins (1–200, default 60). */
  'deliveries.histogram': (input: { filter?: DeliveryFilter; bins?: number }) => Promise<DeliveryHistogramView>;
  'deliveries.get': (input: { id: number }) => Promise<DeliveryDetails>;
  'deliveries.replay': (input: { id: number }) => Promise<Empty>;
  'deliveries.replayAll': (input: ReplayAllInput) => Promise<ReplayProgress>;
  'deliveries.cancelReplay': (input: { jobId: string }) => Promise<{ cancelled: boolean }>;
  'inbox.list': (input: Empty) => Promise<InboxSummary[]>;
  'inbox.captures': (input: { name: string; limit?: number }) => Promise<InboxCapture[]>;
  'inbox.setFailure': (input: InboxFailureInput) => Promise<Empty>;
  'inbox.url': (input: { name: string }) => Promise<{ url: string }>;
  'inbox.usage': (input: Empty) => Promise<InboxUsage>;
  /** Forget an inbox and everything it captured. */
  'inbox.delete': (input: { name: string }) => Promise<{ deleted: boolean }>;
}
export type ApiMethod = keyof AppApiMethods;
export type ApiInput<M extends ApiMethod> = Parameters<AppApiMethods[M]>[0];
export type ApiOutput<M extends ApiMethod> = Awaited<ReturnType<AppApiMethods[M]>>;

/**
 * A set of names written as an object with one `true` per name: typed `NameSet<K>`, it must name every member of
 * `K` and nothing else, so a name added to the contract but not to its list fails the type-check.
 */
export type NameSet<K extends string> = { readonly [N in K]: true };

/** Every method of the contract, once. */
export const API_METHOD_SET: NameSet<ApiMethod> = {
  'server.status': true, 'server.rotateToken': true, 'settings.get': true, 'settings.update': true,
  'profiles.list': true, 'profiles.save': true, 'profiles.remove': true, 'profiles.test': true,
  'buckets.list': true, 'buckets.create': true, 'buckets.delete': true, 'buckets.stats': true,
  'objects.list': true, 'objects.head': true, 'objects.delete': true, 'objects.presign': true, 'objects.createFolder': true,
  'objects.createUpload': true, 'objects.completeUpload': true, 'objects.abortUpload': true,
  'hooks.list': true, 'hooks.upsert': true, 'hooks.delete': true, 'hooks.setState': true, 'hooks.sendTest': true,
  'hooks.exportXml': true, 'hooks.importXml': true, 'hooks.previewImport': true, 'hooks.previewApply': true, 'hooks.apply': true,
  'hooks.explain': true, 'hooks.backfill': true, 'hooks.cancelBackfill': true,
  'hooks.stats': true, 'hooks.timeline': true, 'hooks.lint': true, 'deliveries.histogram': true,
  'deliveries.list': true, 'deliveries.count': true, 'deliveries.get': true, 'deliveries.replay': true, 'deliveries.replayAll': true,
  'deliveries.cancelReplay': true,
  'inbox.list': true, 'inbox.captures': true, 'inbox.setFailure': true, 'inbox.url': true, 'inbox.usage': true,
  'inbox.delete': true,
};

/** Every method name, in one list (IPC registration, HTTP routing, the renderer client). */
export const API_METHODS = Object.keys(API_METHOD_SET) as readonly ApiMethod[];

/** Live events pushed from main to the renderer. */
export interface ApiEvents {
  /** A delivery was created or finished (delivered, failed). */
  'deliveries.changed': DeliveryRow;
  'deliveries.attempted': AttemptEvent;
  'deliveries.replayProgress': ReplayProgress;
  /** A bucket's hooks changed (added, removed, state). */
  'hooks.changed': { bucket: string };
  /** An object change committed on this computer (the live view and `buckethooks watch`). */
  'objects.changed': ObjectChangeView;
  'hooks.backfillProgress': BackfillProgress;
}
export type ApiEventName = keyof ApiEvents;
/** Every live event of the contract, once. */
export const API_EVENT_SET: NameSet<ApiEventName> = {
  'deliveries.changed': true, 'deliveries.attempted': true, 'deliveries.replayProgress': true, 'hooks.changed': true,
  'objects.changed': true, 'hooks.backfillProgress': true,
};
export const API_EVENTS = Object.keys(API_EVENT_SET) as readonly ApiEventName[];
/** One event as a discriminated union. */
export type ApiEventMessage = { [E in ApiEventName]: { name: E; payload: ApiEvents[E] } }[ApiEventName];

/** The API object main implements: every method plus a live-event subscription. */
export type AppApi = AppApiMethods & {
  /** Receive every live event; returns the unsubscribe function. */
  subscribe(listener: (event: ApiEventMessage) => void): () => void;
};

/** IPC channel of a method (`api:objects.list`) and of a live event (`api-event:deliveries.changed`). */
export const IPC_METHOD_PREFIX = 'api:';
export const IPC_EVENT_PREFIX = 'api-event:';

/** What the preload exposes as `window.bucketHooks`. */
export interface BucketHooksBridge {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(name: string, cb: (payload: unknown) => void): () => void;
}

/** True when `name` is a method of the contract. */
export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_METHOD_SET, name);
}
/** True when `name` is a live event of the contract. */
export function isApiEvent(name: string): name is ApiEventName {
  return Object.hasOwn(API_EVENT_SET, name);
}
