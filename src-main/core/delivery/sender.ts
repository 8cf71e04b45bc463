// One HTTP POST of a delivery: node:http(s) with keep-alive agents (lighter than fetch at thousands of
// requests per second), no redirects, a timeout on the injected clock, the first 64 KiB of the response
// kept, failures classified. Knows nothing about rows or schedules.
import http from 'node:http';
import https from 'node:https';
import type { Clock } from '../kernel/clock';
import type { ErrorClass } from './types';

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

/** What one attempt produced. `ok` is a 2xx status within the timeout. */
export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  durationMs: number;
  startedAt: number;
}

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/;

/** Map a request failure to an error class by its `code` (or its `cause.code`, as fetch wraps it). */
export function classifyError(err: unknown, timedOut: boolean): ErrorClass {
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

const agentOptions = { keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 1024, maxFreeSockets: 256 };
const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** POST `req.body` to `req.url`; never throws. Redirects are not followed (a 3xx is a failure). */
export function sendOnce(req: OutgoingRequest, clock: Clock): Promise<AttemptOutcome> {
  const startedAt = clock.now();
  const t0 = performance.now();
  return new Promise<AttemptOutcome>((resolve) => {
    const controller = new AbortController();
    let timedOut = false;
    let settled = false;
    const onAbort = (): void => controller.abort();
    const cancel = clock.setTimer(() => { timedOut = true; controller.abort(); }, req.timeoutMs);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (o: Omit<AttemptOutcome, 'durationMs' | 'startedAt'>): void => {
      if (settled) return;
      settled = true;
      cancel();
      req.signal?.removeEventListener('abort', onAbort);
      resolve({ ...o, durationMs: Math.round(performance.now() - t0), startedAt });
    };
    const fail = (err: unknown): void => {
      const errorClass = classifyError(err, timedOut);
      const message = errorClass === 'timeout' ? `no response within ${req.timeoutMs} ms` : errorMessage(err);
      finish({ ok: false, status: null, headers: null, body: null, errorClass, errorMessage: message });
    };
    let url: URL;
    try {
      url = new URL(req.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported protocol ${url.protocol}`);
    } catch (err) {
      fail(err);
      return;
    }
    const secure = url.protocol === 'https:';
    const body = Buffer.from(req.body);
    const request = (secure ? https : http).request(url, {
      method: 'POST', agent: secure ? agents.https : agents.http, signal: controller.signal,
      headers: { ...req.headers, 'content-length': body.length },
    }, (res) => {
      const status = res.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      const chunks: Buffer[] = [];
      let kept = 0;
      const answer = (): void => finish({
        ok, status, headers: flatten(res.headers), body: Buffer.concat(chunks).toString('utf8'),
        errorClass: ok ? null : 'status', errorMessage: ok ? null : `HTTP ${status}`,
      });
      res.on('data', (chunk: Buffer) => {
        if (kept < RESPONSE_BODY_LIMIT) chunks.push(chunk.subarray(0, RESPONSE_BODY_LIMIT - kept));
        kept += chunk.length;
      });
      res.on('end', answer);
      res.on('error', answer);
      res.on('close', answer);
    });
    request.on('error', fail);
    request.end(body);
  });
}
