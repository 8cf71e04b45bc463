// What one POST of a delivery came to, as a type per case (svix's outcome-as-type style): delivered, gone (410),
// refused (any other answer) or failed (no answer). The one place that says what a 410 means, and how an outcome
// becomes the columns of the attempt log.
import type { ErrorClass } from './types';

/** When and how long. */
interface Timing { durationMs: number; startedAt: number }

/** The receiver answered: status, headers and the first 64 KiB of its body. */
interface Answer extends Timing { status: number; headers: Record<string, string>; body: string }

/** The outcome of one attempt. */
export type AttemptOutcome =
  /** A 2xx within the timeout. */
  | ({ kind: 'delivered' } & Answer)
  /** 410 Gone: the receiver asks never to be called again (the hook is disabled, the delivery fails). */
  | ({ kind: 'gone' } & Answer)
  /** Any other status (3xx included: redirects are not followed). */
  | ({ kind: 'refused' } & Answer)
  /** No answer: DNS, refused connection, reset, TLS, timeout, bad URL. */
  | ({ kind: 'failed'; errorClass: Exclude<ErrorClass, 'status'>; message: string } & Timing);

/** The outcome of an answer with `status`. */
export function answered(status: number, headers: Record<string, string>, body: string, timing: Timing): AttemptOutcome {
  const kind = status >= 200 && status < 300 ? 'delivered' : status === 410 ? 'gone' : 'refused';
  return { kind, status, headers, body, ...timing };
}

/**
 * The 410 rule (SPEC §5), in one place: a `gone` outcome disables its hook and fails its delivery without retries.
 * The engine, replay and the test event all obey it.
 */
export function disablesHook(o: AttemptOutcome): boolean {
  return o.kind === 'gone';
}

/** The attempt log's columns of an outcome (flat, as stored and as the app API shows them). */
export interface OutcomeColumns {
  ok: boolean;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  durationMs: number;
  startedAt: number;
}

/** Flatten an outcome into the columns the log stores. */
export function outcomeColumns(o: AttemptOutcome): OutcomeColumns {
  const { durationMs, startedAt } = o;
  if (o.kind === 'failed') {
    return { ok: false, status: null, headers: null, body: null, errorClass: o.errorClass, errorMessage: o.message, durationMs, startedAt };
  }
  const ok = o.kind === 'delivered';
  return { ok, status: o.status, headers: o.headers, body: o.body, errorClass: ok ? null : 'status',
    errorMessage: ok ? null : `HTTP ${o.status}`, durationMs, startedAt };
}
