// Performs a URL confirmation over HTTP: the VK handshake for VK hooks, the AWS s3:TestEvent for
// AWS-dialect hooks; classifies what the receiver did wrong in words a user can act on.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../kernel/clock';
import { VERSION } from '../kernel/version';
import { awsTestEvent, handshakeSignature, subscriptionConfirmation } from './handshake';
import { PostError, postJson } from './post-json';

/** Why a confirmation failed. */
export type ConfirmCause = 'refused' | 'dns' | 'unreachable' | 'timeout' | 'status' | 'body' | 'signature';

/** The outcome of one confirmation, readable in the add-hook dialog. */
export interface ConfirmResult {
  url: string;
  hookId?: string;
  /** `vk`: the signature handshake; `aws`: the s3:TestEvent. */
  kind: 'vk' | 'aws';
  ok: boolean;
  cause?: ConfirmCause;
  /** A sentence naming the URL and the cause. */
  error?: string;
  status?: number;
  expected?: string;
  got?: string;
  durationMs: number;
  request: { headers: Record<string, string>; body: string };
  responseBody?: string;
}

/** What to confirm and how. */
export interface ConfirmTarget {
  url: string;
  kind: 'vk' | 'aws';
  bucket: string;
  /** The hook's first event, for the TopicArn. */
  event: string;
  hookId?: string;
}

/** The owner (for the TopicArn), the clock and the per-URL timeout. */
export interface ConfirmContext { ownerId: string; clock: Clock; timeoutMs: number }

function networkCause(err: unknown, timeoutMs: number): [ConfirmCause, string] {
  const code = err instanceof PostError ? err.code : '';
  if (code === 'timeout') return ['timeout', `no answer within ${timeoutMs} ms (timeout)`];
  if (code === 'ECONNREFUSED') return ['refused', 'connection refused (nothing listens there)'];
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return ['dns', `the host name does not resolve (DNS ${code})`];
  return ['unreachable', `unreachable (${code ? `${code}: ` : ''}${err instanceof Error ? err.message : String(err)})`];
}

function checkVkAnswer(text: string, expected: string): Pick<ConfirmResult, 'ok' | 'cause' | 'got'> & { why?: string } {
  let got: unknown;
  try { got = (JSON.parse(text) as { signature?: unknown }).signature; } catch {
    return { ok: false, cause: 'body', why: 'the answer is not JSON (expected {"signature": "<hex>"})' };
  }
  if (typeof got !== 'string') return { ok: false, cause: 'body', why: 'the JSON answer has no "signature" string' };
  if (got.toLowerCase() !== expected) return { ok: false, cause: 'signature', got, why: `wrong signature: expected ${expected} got ${got}` };
  return { ok: true, got };
}

/**
 * Confirm a hook URL: POST the VK SubscriptionConfirmation and check the signature, or POST the AWS
 * s3:TestEvent and accept any 2xx. Never throws; the result says what went wrong.
 * @see SPEC §3 "URL confirmation (VK handshake)"
 */
export async function confirmUrl(target: ConfirmTarget, ctx: ConfirmContext): Promise<ConfirmResult> {
  const started = ctx.clock.now();
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const confirmation = subscriptionConfirmation(ctx.ownerId, target.bucket, target.event, started);
  const body = target.kind === 'vk'
    ? JSON.stringify(confirmation)
    : JSON.stringify(awsTestEvent(target.bucket, started, requestId, randomBytes(24).toString('base64')));
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': `BucketHooks/${VERSION}`,
    'X-Amz-Sns-Message-Type': target.kind === 'vk' ? 'SubscriptionConfirmation' : 'Notification',
  };
  const base = { url: target.url, hookId: target.hookId, kind: target.kind, request: { headers, body } };
  const fail = (cause: ConfirmCause, why: string, extra: Partial<ConfirmResult> = {}): ConfirmResult => ({
    ...base, ...extra, ok: false, cause, durationMs: ctx.clock.now() - started,
    error: `Unable to confirm the URL ${target.url}: ${why}`,
  });
  try {
    const { status, body: text } = await postJson(target.url, headers, body, ctx.clock, ctx.timeoutMs);
    if (target.kind === 'aws') {
      if (status >= 200 && status < 300) return { ...base, ok: true, status, responseBody: text, durationMs: ctx.clock.now() - started };
      return fail('status', `the receiver answered HTTP ${status} (expected 2xx)`, { status, responseBody: text });
    }
    if (status !== 200) return fail('status', `the receiver answered HTTP ${status} (expected 200)`, { status, responseBody: text });
    const expected = handshakeSignature(confirmation.Token, confirmation.Timestamp, confirmation.TopicArn, target.url);
    const verdict = checkVkAnswer(text, expected);
    if (!verdict.ok) return fail(verdict.cause ?? 'body', verdict.why ?? '', { status, expected, got: verdict.got, responseBody: text });
    return { ...base, ok: true, status, expected, got: verdict.got, responseBody: text, durationMs: ctx.clock.now() - started };
  } catch (err) {
    const [cause, why] = networkCause(err, ctx.timeoutMs);
    return fail(cause, why);
  }
}
