// One attempt of a delivery over a transport (this thread's poster, or the send worker's): a timeout on the
// injected clock, the caller's abort signal, the answer or the failure classified into an outcome. Knows nothing
// about rows or schedules.
import * as undici from 'undici';
import type { Clock } from '../kernel/clock';
import { makePoster, type PostResult, type PostSpec } from './http-post';
import type { ErrorClass } from './types';
import { answered, type AttemptOutcome } from './outcome';

/** Bytes of the response body kept in the attempt log. */
export const RESPONSE_BODY_LIMIT = 64 * 1024;

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Aborts the attempt from outside (engine shutdown). */
  signal?: AbortSignal;
}

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/;

/** Map a request failure to an error class by its `code` (or its `cause.code`, as fetch wraps it). */
export function classifyError(err: unknown, timedOut: boolean): Exclude<ErrorClass, 'status'> {
  if (timedOut) return 'timeout';
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const raw = typeof e?.code === 'string' ? e.code : e?.cause?.code;
  const code = typeof raw === 'string' ? raw : '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return 'reset';
  if (code.startsWith('UND_ERR_') && code.includes('TIMEOUT')) return 'timeout';
  if (TLS_CODE.test(code)) return 'tls';
  return 'other';
}

function errorMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  return [e?.message, e?.cause?.message].filter(Boolean).join(': ') || String(err);
}

/** Starts a POST and calls `done` once with how it ended; returns a function that aborts it. */
export type Transport = (spec: PostSpec, done: (result: PostResult) => void) => () => void;

/** One attempt: POST `req.body` to `req.url` and say what came of it; never throws. */
export type Send = (req: OutgoingRequest, clock: Clock) => Promise<AttemptOutcome>;

/** The outcome of a POST's result; `timedOut` when the attempt's timeout aborted it. */
function toOutcome(result: PostResult, timedOut: boolean, timeoutMs: number, startedAt: number): AttemptOutcome {
  const timing = { durationMs: result.durationMs, startedAt };
  if ('status' in result) return answered(result.status, result.headers, result.body, timing);
  const errorClass = classifyError(result.error, timedOut);
  const message = errorClass === 'timeout' ? `no response within ${timeoutMs} ms` : errorMessage(result.error);
  return { kind: 'failed', errorClass, message, ...timing };
}

/** Attempts over `transport`: the timeout runs on the caller's clock, the caller's signal aborts, failures are classified. */
export function sendOver(transport: Transport): Send {
  return (req, clock) => new Promise<AttemptOutcome>((resolve) => {
    const startedAt = clock.now();
    let timedOut = false;
    let abort = (): void => {};
    const onAbort = (): void => abort();
    const cancel = clock.setTimer(() => { timedOut = true; abort(); }, req.timeoutMs);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    abort = transport({ url: req.url, headers: req.headers, body: req.body }, (result) => {
      cancel();
      req.signal?.removeEventListener('abort', onAbort);
      resolve(toOutcome(result, timedOut, req.timeoutMs, startedAt));
    });
  });
}

const post = makePoster({ undici, limit: RESPONSE_BODY_LIMIT });

/** One attempt on this thread (the CLI's checks, `listen`, a remote hook's test; the engine uses the send worker). */
export const sendOnce: Send = sendOver((spec, done) => {
  const controller = new AbortController();
  post(spec, controller.signal, done);
  return () => controller.abort();
});
