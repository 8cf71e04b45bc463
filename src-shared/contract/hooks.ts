// The contract of hooks: views and inputs, events and realism, hook-set diffs, explain traces and backfills.

import type { BucketRef, OnProfile } from './common';
import type { DeliveryStatus } from './deliveries';
import type { PayloadFlavour } from './flavours';
import type { HookAuth, HookAuthView } from './hook-auth';

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
  /** How its events are shaped and signed. */
  flavour: PayloadFlavour;
  /** Its delivery auth, names only (values, tokens and passwords are never read back). */
  auth: HookAuthView;
  /** Remote hooks that name a topic (Ceph RGW): its ARN; `url` is then the URL the topic pushes to. */
  topicArn?: string | null;
  /** Remote hooks: parts BucketHooks cannot edit (e.g. Ceph's S3Metadata filter), one line each, kept on every write. */
  readOnly?: string[];
  /** Why the hook paused itself (suspension, loop guard); null when it did not or is not paused. */
  stateReason: string | null;
  /** When it suspends itself and when its loop guard pauses it. */
  health: HealthPolicyView;
}
/** When a hook pauses itself: suspension after failures (opt-in) and the write-back loop guard (10 rounds; 0 = off). */
export interface HealthPolicyView {
  suspendAfterFailures: number | null;
  /** Share of failed attempts (0–1] over the window that suspends the hook; null = never. */
  suspendFailureRate: number | null;
  failureRateWindowMs: number;
  failureRateMinAttempts: number;
  loopLimit: number;
}
export interface HookInput {
  id: string; events: string[]; url: string; prefix?: string; suffix?: string;
  /** 'whsec_…'; empty or absent = no signature; undefined on edit keeps the current one. */
  secret?: string;
  retrySchedule?: number[] | null;
  /** Own realism options (all zero = off even when the server has a default); null = the server's default; undefined on edit keeps them. */
  realism?: RealismOptions | null;
  /** Payload flavour; undefined on edit keeps it, on add takes the dialect's default. */
  flavour?: PayloadFlavour;
  /** Delivery auth; undefined on edit keeps it; null removes it. */
  auth?: HookAuth | null;
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
/**
 * `remote`: the remote service holds the configuration as asked, proven by reading it back (it checks URLs itself,
 * e.g. VK's handshake); `message` also says what was done on the way (topics created or deleted, DELETE sent).
 */
export interface HandshakeOutcome { status: 'confirmed' | 'unconfirmed' | 'skipped' | 'remote'; message: string | null }
/** The receiver's answer to a test event sent from this computer to a remote bucket's hook (nothing is logged). */
export interface TestAnswer {
  ok: boolean; status: number | null; body: string | null; errorClass: string | null; errorMessage: string | null; durationMs: number;
}
/** A bucket on a profile. */
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

/** The hooks methods of the app API. */
export interface HooksMethods {
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
  'hooks.explain': (input: { bucket: string; key: string; limit?: number } & OnProfile) => Promise<KeyExplanation>;
  /** "Send events for existing objects": one Put-shaped record per current object the hook matches (this computer only). */
  'hooks.backfill': (input: { bucket: string; id: string; prefix?: string } & OnProfile) => Promise<BackfillProgress>;
  'hooks.cancelBackfill': (input: { jobId: string }) => Promise<{ cancelled: boolean }>;
}
