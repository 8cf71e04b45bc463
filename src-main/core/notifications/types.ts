// Shared vocabulary of notifications/: hook dialects, filter rules, the validated hook spec and the
// stored hook as the app API shows it. Types and small constants only.
import type { S3EventName } from '../model/object-change';
import type { RealismOptions } from '../realism/realism';
import type { HookAuthView, PayloadFlavour } from '../../../src-shared/contract';
import type { HealthPolicy } from './health-policy';

/** The XML element a hook was written as: VK `SimpleTopicConfiguration` or one of the AWS three. */
export type Dialect = 'vk' | 'topic' | 'queue' | 'cloudfunction';

/** Delivery state of a hook (SPEC §5); `unconfirmed` is shown from `confirmed`, not stored here. */
export type HookState = 'active' | 'paused' | 'disabled';

/** One S3Key filter rule, with the name exactly as written (`Prefix`, `prefix`, …). */
export interface FilterRule { name: string; value: string }

/** A hook as the XML describes it, validated: what PUT replaces and GET renders. */
export interface HookSpec {
  id: string;
  dialect: Dialect;
  url: string;
  /** Event names as written, in order. */
  events: string[];
  /** Filter rules as written, in order (at most one prefix and one suffix). */
  rules: FilterRule[];
}

/** A stored hook with the BucketHooks extras S3 has no XML for. */
export interface Hook extends HookSpec {
  bucket: string;
  position: number;
  prefix: string;
  suffix: string;
  state: HookState;
  /** False when saved in `record` mode after a failed handshake. */
  confirmed: boolean;
  confirmError: string | null;
  hasSecret: boolean;
  /** Delays in ms after the first try; null = the engine's default. */
  retrySchedule: number[] | null;
  maxAgeMs: number | null;
  timeoutMs: number;
  concurrency: number;
  /** The hook's own realism options; null = the server's default. */
  realism: RealismOptions | null;
  /** Its payload flavour (its own, else the dialect's default). */
  flavour: PayloadFlavour;
  /** True when the flavour was chosen (not the dialect's default): export writes it. */
  flavourSet: boolean;
  /** Its delivery auth as the API shows it (names only). */
  auth: HookAuthView;
  /** Why the hook paused itself (suspension, loop guard); null when it did not. */
  stateReason: string | null;
  /** When the hook suspends itself and when its loop guard pauses it. */
  health: HealthPolicy;
  createdAt: number;
  updatedAt: number;
}

/** The events BucketHooks accepts in a configuration (SPEC §3). */
export const SUPPORTED_EVENTS: readonly string[] = [
  's3:ObjectCreated:*', 's3:ObjectCreated:Put', 's3:ObjectCreated:Post', 's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*', 's3:ObjectRemoved:Delete', 's3:ObjectRemoved:DeleteMarkerCreated',
] satisfies readonly (S3EventName | 's3:ObjectCreated:*' | 's3:ObjectRemoved:*')[];

/** The XML element and target element of each dialect. */
export const DIALECT_ELEMENTS: Record<Dialect, { element: string; target: string }> = {
  vk: { element: 'SimpleTopicConfiguration', target: 'Url' },
  topic: { element: 'TopicConfiguration', target: 'Topic' },
  queue: { element: 'QueueConfiguration', target: 'Queue' },
  cloudfunction: { element: 'CloudFunctionConfiguration', target: 'CloudFunction' },
};

/** The dialect of each hook element (`SimpleTopicConfiguration` → vk, …). */
export const ELEMENT_DIALECT: ReadonlyMap<string, Dialect> = new Map(
  (Object.entries(DIALECT_ELEMENTS) as [Dialect, { element: string }][]).map(([d, e]) => [e.element, d]),
);

/** Most hooks one bucket may have (SPEC §3). */
export const MAX_HOOKS = 100;
/** Longest hook URL accepted. */
export const MAX_URL_LENGTH = 2048;
/** Largest configuration document accepted (bytes). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** The lower-cased filter rule kind, or undefined for a bad name. */
export function ruleKind(name: string): 'prefix' | 'suffix' | undefined {
  const lower = name.toLowerCase();
  return lower === 'prefix' || lower === 'suffix' ? lower : undefined;
}

/** The prefix and suffix of a hook's filter ('' when absent). */
export function filterOf(rules: readonly FilterRule[]): { prefix: string; suffix: string } {
  let prefix = '';
  let suffix = '';
  for (const r of rules) {
    if (ruleKind(r.name) === 'prefix') prefix = r.value;
    else if (ruleKind(r.name) === 'suffix') suffix = r.value;
  }
  return { prefix, suffix };
}

/** Just the document part of a hook (what the XML says), without the stored extras. */
export function specOf({ id, dialect, url, events, rules }: HookSpec): HookSpec {
  return { id, dialect, url, events, rules };
}
