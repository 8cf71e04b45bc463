// The public types of the programmatic API (`import { startBucketHooks } from 'buckethooks'`): its options, what
// it returns and the delivered event a test waits for. Types only.
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { AppApi, ConfirmMode, DeliveryFilter, DeliveryRow, RealismOptions } from '../../src-shared/contract';

/** How `startBucketHooks` starts its server; every field is optional. */
export interface StartOptions {
  /** Data folder; default: a new temporary folder, removed again by `close()`. */
  dataDir?: string;
  /** Port of the S3 endpoint (also the API and the inbox); default 0, a free one. */
  port?: number;
  /** Region of the endpoint and of `s3Client()`; default `ru-msk`. */
  region?: string;
  /** Fixed keys instead of a generated pair. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** How hook URLs are confirmed (the VK handshake); default `strict`, as VK Cloud does. */
  confirm?: ConfirmMode;
  /** Log JSON lines to stderr at this level and above; default: no logging. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Realism for hooks without their own (as `--realism`): the fields given over "nothing", a random seed if none. */
  realism?: Partial<RealismOptions>;
}

/** A hook for `addHook`; `url` defaults to the built-in inbox. */
export interface AddHookInput {
  id: string;
  /** S3 event names such as `s3:ObjectCreated:*` or `s3:ObjectRemoved:Delete`. */
  events: string[];
  url?: string;
  prefix?: string;
  suffix?: string;
  /** A Standard Webhooks secret (`whsec_…`) to sign deliveries with. */
  secret?: string;
  /** This hook's realism: the fields given over "nothing" (a random seed if none); default: the server's. */
  realism?: Partial<RealismOptions>;
}

/** What waitForDelivery looks for: a delivered event of this key (and event and hook, when given). */
export interface DeliveryMatch {
  bucket: string;
  key: string;
  /** An event name or family (`s3:ObjectCreated:*`); default: any. */
  event?: string;
  hookId?: string;
}

/** One record of an event body as S3 and VK Cloud send it (the fields a receiver usually reads). */
export interface S3EventRecord {
  eventVersion: string;
  eventSource: string;
  eventName: string;
  eventTime?: string;
  s3: {
    configurationId: string;
    bucket: { name: string };
    object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer: number | string };
  };
  [field: string]: unknown;
}

/** A delivered event: the log's row, the JSON body posted and its first record. */
export interface DeliveredEvent extends DeliveryRow {
  /** The body exactly as posted. */
  body: string;
  json: { Records: S3EventRecord[] };
  record: S3EventRecord;
}

/** A running BucketHooks server for tests. */
export interface BucketHooks {
  /** The S3 endpoint, e.g. `http://127.0.0.1:40123`. */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  dataDir: string;
  /** The built-in inbox URL hooks post to when `addHook` gets no `url`. */
  inboxUrl: string;
  /** A new S3 client pointed at the endpoint (path-style); destroyed by `close()`. */
  s3Client(config?: Partial<S3ClientConfig>): S3Client;
  /** Add (or replace) a hook; creates the bucket when it does not exist. Rejects with the reason the hook was refused. */
  addHook(bucket: string, hook: AddHookInput): Promise<{ id: string; url: string }>;
  /**
   * The next delivered event matching `match` that this server has not returned yet (oldest first), waiting for it
   * up to `timeoutMs` (default 10 s); rejects on timeout naming what it waited for and what it saw instead.
   */
  waitForDelivery(match: DeliveryMatch, options?: { timeoutMs?: number }): Promise<DeliveredEvent>;
  /** Every delivery in the log matching `filter`, newest first. */
  deliveries(filter?: DeliveryFilter): Promise<DeliveryRow[]>;
  /** The app API the UI uses (pause hooks, replay, read attempts, …). */
  api: AppApi;
  /** Stop the server (in-flight deliveries drain) and remove the temporary data folder. */
  close(): Promise<void>;
}

/**
 * Start a BucketHooks server in this process: S3 endpoint, webhooks, delivery engine and built-in inbox on
 * 127.0.0.1 and a free port. Call `close()` when done.
 */
export type StartBucketHooks = (options?: StartOptions) => Promise<BucketHooks>;
