// Shared vocabulary of the delivery engine: rows, attempts, filters, live events. No behaviour here.

/** Where a delivery stands. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** What caused an attempt. */
export type AttemptTrigger = 'initial' | 'retry' | 'replay' | 'bulk-replay' | 'test';

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
}

/** A delivery with its body and every attempt, oldest first. */
export interface DeliveryDetail extends DeliverySummary {
  body: string;
  attemptLog: AttemptRecord[];
}

/** Filter of the delivery log and of bulk replay. All fields optional; times are ms epoch, inclusive. */
export interface DeliveryFilter {
  bucket?: string;
  hookId?: string;
  status?: DeliveryStatus;
  keyPrefix?: string;
  since?: number;
  until?: number;
}

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
  | { type: 'delivery.attempted'; deliveryId: number; attempt: number; trigger: AttemptTrigger; ok: boolean; status: number | null; errorClass: ErrorClass | null }
  | { type: 'delivery.finished'; delivery: DeliverySummary }
  | { type: 'replay.progress'; progress: ReplayProgress };

export type DeliveryListener = (event: DeliveryEvent) => void;
