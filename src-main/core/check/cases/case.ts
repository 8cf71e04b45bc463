// What a case of the battery is (a name, the one line a receiver should follow, a run) and the verdict helpers
// every case uses: "answered 2xx", "refused with 4xx", each failure naming what was sent and what came back.
import type { CheckContext } from '../context';
import type { CheckExchange, CheckOutcome } from '../types';

/** A case's verdict and its message (why it failed or was skipped, or what passed). */
export interface CaseVerdict { outcome: CheckOutcome; message: string }

/** One case of the battery. */
export interface CheckCase {
  /** Stable dotted name; its first part is the group `--only` can name. */
  name: string;
  /** What a receiver should do and why, in one line (shown in --help, the README and each result). */
  should: string;
  run(ctx: CheckContext): Promise<CaseVerdict>;
}

export const pass = (message = ''): CaseVerdict => ({ outcome: 'pass', message });
export const fail = (message: string): CaseVerdict => ({ outcome: 'fail', message });
export const skip = (message: string): CaseVerdict => ({ outcome: 'skip', message });

/** The answer in a few words: `HTTP 500 {"error":"…"}` or the network error. */
export function answerText(exchange: CheckExchange): string {
  const { answer } = exchange;
  if (answer.status === null) return `no answer (${answer.error})`;
  const body = (answer.body ?? '').replace(/\s+/g, ' ').trim();
  return `HTTP ${answer.status}${body ? ` ${body.length > 160 ? `${body.slice(0, 159)}…` : body}` : ''}`;
}

/** "sent <summary>, got <answer>". */
export function exchangeText(exchange: CheckExchange): string {
  return `sent ${exchange.request.summary}, got ${answerText(exchange)}`;
}

const is2xx = (e: CheckExchange) => e.answer.status !== null && e.answer.status >= 200 && e.answer.status < 300;
const is4xx = (e: CheckExchange) => e.answer.status !== null && e.answer.status >= 400 && e.answer.status < 500;

/** Why `exchange` is not a success answer (2xx), or null when it is. */
export function not2xx(exchange: CheckExchange): string | null {
  if (is2xx(exchange)) return null;
  const status = exchange.answer.status;
  const hint = status === null ? '' : status >= 300 && status < 400 ? ' (redirects are not followed: a 3xx is a failed delivery)'
    : status >= 500 ? ' (a 5xx makes the sender retry it for hours)' : ' (a 4xx is a failed delivery the sender retries)';
  return `${exchangeText(exchange)}; expected 2xx${hint}`;
}

/** Why `exchange` is not a refusal (4xx), or null when it is. */
export function not4xx(exchange: CheckExchange): string | null {
  if (is4xx(exchange)) return null;
  const status = exchange.answer.status;
  const hint = status !== null && status >= 200 && status < 300 ? ' (the receiver accepted it: anyone could post this)'
    : status !== null && status >= 500 ? ' (a 5xx says "try again later", not "this is not from your hook")' : '';
  return `${exchangeText(exchange)}; expected 401/403 or another 4xx${hint}`;
}

/** Pass when every exchange answered 2xx, else fail with the first that did not. */
export function all2xx(exchanges: readonly CheckExchange[], passed: string): CaseVerdict {
  for (const e of exchanges) {
    const problem = not2xx(e);
    if (problem) return fail(problem);
  }
  return pass(passed);
}
