// Row shapes of the deliveries and attempts tables and their mapping to the API types.
import type { AttemptRecord, AttemptTrigger, DeliveryStatus, DeliverySummary, ErrorClass } from './types';

/** Columns of a deliveries row without the body. */
export const SUMMARY_COLUMNS = `id, event_id, bucket, hook_id, key, event_name, sequencer, status, attempts,
  next_at, created_at, updated_at, last_status, last_error, remote_profile`;

export interface SummaryRow {
  id: number; event_id: string; bucket: string; hook_id: string; key: string; event_name: string;
  sequencer: number; status: DeliveryStatus; attempts: number; next_at: number; created_at: number;
  updated_at: number; last_status: number | null; last_error: string | null; remote_profile: string | null;
}

/** Map a row to the API shape. */
export function toSummary(r: SummaryRow): DeliverySummary {
  return {
    id: r.id, eventId: r.event_id, bucket: r.bucket, hookId: r.hook_id, key: r.key, eventName: r.event_name,
    sequencer: r.sequencer, status: r.status, attempts: r.attempts, nextAt: r.next_at, createdAt: r.created_at,
    updatedAt: r.updated_at, lastStatus: r.last_status, lastError: r.last_error,
    ...(r.remote_profile === null ? {} : { remoteProfile: r.remote_profile }),
  };
}

export interface AttemptRow {
  id: number; delivery_id: number; attempt: number; trigger: AttemptTrigger; url: string;
  request_headers: string; request_body: string | null; response_status: number | null;
  response_headers: string | null; response_body: string | null; error_class: ErrorClass | null;
  error_message: string | null; duration_ms: number; started_at: number; next_at: number | null; effects: string | null;
}

/** Map an attempt row; a NULL request body means the delivery's own body. */
export function toAttempt(r: AttemptRow, deliveryBody: string): AttemptRecord {
  return {
    id: r.id, deliveryId: r.delivery_id, attempt: r.attempt, trigger: r.trigger, url: r.url,
    requestHeaders: JSON.parse(r.request_headers) as Record<string, string>,
    requestBody: r.request_body ?? deliveryBody,
    responseStatus: r.response_status,
    responseHeaders: r.response_headers ? (JSON.parse(r.response_headers) as Record<string, string>) : null,
    responseBody: r.response_body, errorClass: r.error_class, errorMessage: r.error_message,
    durationMs: r.duration_ms, startedAt: r.started_at, nextAt: r.next_at,
    effects: r.effects ? (JSON.parse(r.effects) as AttemptRecord['effects']) : [],
  };
}
