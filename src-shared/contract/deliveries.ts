// The contract of the delivery log: rows, attempts and their effects, retry outlooks, replays.

import type { Empty } from './common';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
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

/** The deliveries methods of the app API. */
export interface DeliveriesMethods {
  'deliveries.list': (input: { filter?: DeliveryFilter; cursor?: string; limit?: number }) => Promise<DeliveryPage>;
  'deliveries.count': (input: { filter?: DeliveryFilter }) => Promise<DeliveryCounts>;
  'deliveries.get': (input: { id: number }) => Promise<DeliveryDetails>;
  'deliveries.replay': (input: { id: number }) => Promise<Empty>;
  'deliveries.replayAll': (input: ReplayAllInput) => Promise<ReplayProgress>;
  'deliveries.cancelReplay': (input: { jobId: string }) => Promise<{ cancelled: boolean }>;
}
