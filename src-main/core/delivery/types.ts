// Shared vocabulary of the delivery engine: rows, attempts, filters, live events. No behaviour here.
import type { AttemptEffect } from '../realism/realism';

/** Where a delivery stands. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** What caused an attempt. */
export type AttemptTrigger = 'initial' | 'retry' | 'replay' | 'bulk-replay' | 'test' | 'duplicate' | 'backfill' | 'forward';

/** Why an attempt failed. */
export type ErrorClass = 'dns' | 'refused' | 'timeout' | 'tls' | 'status' | 'reset' | 'other';

/** A delivery as the log lists it (without its body). */
export interface DeliverySummary {
  id: number;
  eventId: string;
  bucket: string;
  hookId: string;
  key: string;
  eventName: string;
  sequencer: number;
  status: DeliveryStatus;
  attempts: number;
  /** Pending: when the next try is due; finished: when it finished. */
  nextAt: number;
  createdAt: number;
  updatedAt: number;
  lastStatus: number | null;
  lastError: string | null;
  /** Forwarded by `listen`: the remote profile the event came from (`bucket` is the remote bucket). */
  remoteProfile?: string;
}

/** One recorded attempt (append-only). */
export interface AttemptRecord {
  id: number;
  deliveryId: number;
  attempt: number;
  trigger: AttemptTrigger;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  durationMs: number;
  startedAt: number;
  nextAt: number | null;
  /** What realism mode did to this attempt (empty when nothing). */
  effects: AttemptEffect[];
}

/** Where a delivery stands in its hook's retry policy. */
export interface RetryOutlook {
  /** Scheduled attempts made (the first try and its retries; replays and tests are not counted). */
  made: number;
  /** Scheduled attempts the policy allows: the first try plus one per retry delay. */
  max: number;
  /** Pending: when the next scheduled try is due. */
  nextAt: number | null;
  /** Failed: why no more tries will be made. */
  gaveUp: string | null;
}

/** A delivery with its body, every attempt (oldest first) and its retry outlook. */
export interface DeliveryDetail extends DeliverySummary {
  body: string;
  attemptLog: AttemptRecord[];
  retry: RetryOutlook;
}

/** Filter of the delivery log and of bulk replay. All fields optional; times are ms epoch, inclusive. */
export interface DeliveryFilter {
  bucket?: string;
  hookId?: string;
  status?: DeliveryStatus;
  keyPrefix?: string;
  since?: number;
  until?: number;
  /** Leave delivered ones out (bulk replay unless the user asks for them). */
  excludeDelivered?: boolean;
}

/** How many deliveries match a filter, by status. */
export type DeliveryCounts = Record<DeliveryStatus, number>;

/** One page of the log, newest first; pass `nextCursor` back as `cursor` for the next page. */
export interface DeliveryPage {
  items: DeliverySummary[];
  nextCursor: string | null;
}

/** Progress of a bulk replay. */
export interface ReplayProgress {
  jobId: string;
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  finished: boolean;
  cancelled: boolean;
}

/** Live events for the UI. */
export type DeliveryEvent =
  | { type: 'delivery.created'; delivery: DeliverySummary }
  | { type: 'delivery.attempted'; deliveryId: number; attempt: number; trigger: AttemptTrigger; ok: boolean; status: number | null; errorClass: ErrorClass | null;
      /** The hook, the attempt's start, how long the receiver took and its error (the health figures' input). */
      bucket: string; hookId: string; startedAt: number; durationMs: number; errorMessage: string | null;
      /** Forwarded by `listen` (a remote's event, `bucket` and `hookId` the remote's): no local hook's figure. */
      remoteProfile?: string }
  | { type: 'delivery.finished'; delivery: DeliverySummary }
  /** A failed attempt left the delivery pending: its attempts, last error and next try changed. */
  | { type: 'delivery.retrying'; delivery: DeliverySummary }
  | { type: 'replay.progress'; progress: ReplayProgress };

export type DeliveryEventType = DeliveryEvent['type'];

export type DeliveryListener = (event: DeliveryEvent) => void;
