// The battery: the fixed, documented list of cases in the order they run, the `only` selection, and the run
// itself (validated input, one result per case as it finishes, the cases left skipped once the receiver hangs).
import { AppError } from '../kernel/app-error';
import type { CheckCase } from './cases/case';
import { eventCases, testEventCase } from './cases/events';
import { handshakeCase } from './cases/handshake';
import { keyCases } from './cases/keys';
import { batchCase, duplicateCase, orderAcrossKeysCase, staleSequencerCase } from './cases/semantics';
import { signatureCases } from './cases/signatures';
import { answerTimeCase, concurrentCase } from './cases/timing';
import { CheckContext } from './context';
import { checkFlavour } from './flavours';
import type { CheckFlavour } from './flavour';
import { ephemeralSnsKeys, type SnsKeys } from '../payloads/sns-keys';
import { startSnsEndpoint } from './sns-endpoint';
import type { CheckCaseResult, CheckOptions, CheckReport } from './types';

/** Every case, in the order the battery runs them. */
export const CHECK_CASES: readonly CheckCase[] = [
  handshakeCase, testEventCase, ...eventCases, ...keyCases, duplicateCase, orderAcrossKeysCase, staleSequencerCase,
  batchCase, ...signatureCases, answerTimeCase, concurrentCase,
];

/** Requests in a row without an answer after which the remaining cases are skipped. */
const HUNG_AFTER = 2;

/** The cases `only` names (a case name or a group such as `signature`); every case when empty. */
export function selectCases(only: readonly string[] = []): CheckCase[] {
  const names = only.map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) return [...CHECK_CASES];
  const groupOf = (c: CheckCase) => c.name.split('.')[0];
  for (const n of names) {
    if (!CHECK_CASES.some((c) => c.name === n || groupOf(c) === n)) {
      throw new AppError('InvalidInput', `no check case or group "${n}" (cases: ${CHECK_CASES.map((c) => c.name).join(', ')})`);
    }
  }
  return CHECK_CASES.filter((c) => names.includes(c.name) || names.includes(groupOf(c)));
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 600_000) throw new AppError('InvalidInput', `${name} must be a whole number of ms from 1 to 600000, got ${value}`);
  return value;
}

/** The receiver URL, checked: http(s) only. */
function receiverUrl(url: string): string {
  let parsed: URL;
  try { parsed = new URL(url); } catch { throw new AppError('InvalidInput', `not a URL: "${url}"`); }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new AppError('InvalidInput', `the receiver URL must be http(s), got "${url}"`);
  return url;
}

/** What a run may be given besides its options: the data dir's SNS keys (default: a key pair made for the run). */
export interface CheckDeps { snsKeys?: SnsKeys }

/** Validate everything first (a bad option sends nothing). */
function prepare(url: string, options: CheckOptions): { target: string; flavour: CheckFlavour; secret: string | null; cases: CheckCase[] } {
  const flavour = checkFlavour(options.flavour ?? 'vk');
  const target = receiverUrl(url);
  const secret = options.secret || null;
  const problem = secret ? flavour.secretProblem(secret) : null;
  if (problem) throw new AppError('InvalidInput', `the secret is not a ${flavour.secretScheme} secret: ${problem}`);
  positive(options.timeoutMs, 10_000, 'the timeout');
  positive(options.slowMs, 2_000, 'the slow-answer limit');
  return { target, flavour, secret, cases: selectCases(options.only) };
}

/**
 * Run the battery against the receiver at `url` and grade each case. Throws AppError on bad options before anything
 * is sent; never throws for what the receiver does. The sns flavour serves its certificate on loopback for the run.
 */
export async function runCheck(url: string, options: CheckOptions = {}, deps: CheckDeps = {}): Promise<CheckReport> {
  const { target, flavour, secret, cases } = prepare(url, options);
  const keys = flavour.confirmation === 'sns-subscribe' ? deps.snsKeys ?? ephemeralSnsKeys() : null;
  const endpoint = keys ? await startSnsEndpoint(keys.certificatePem) : null;
  try {
    const ctx = new CheckContext(target, flavour, secret, options.headers ?? {}, options.timeoutMs ?? 10_000, options.slowMs ?? 2_000,
      endpoint && keys ? { ...endpoint, sign: keys.sign } : null);
    return await runCases(ctx, cases, options);
  } finally {
    await endpoint?.close();
  }
}

async function runCases(ctx: CheckContext, cases: readonly CheckCase[], options: CheckOptions): Promise<CheckReport> {
  const startedAt = Date.now();
  const results: CheckCaseResult[] = [];
  for (const c of cases) {
    ctx.exchanges = [];
    const t0 = Date.now();
    const hung = ctx.timeoutsInARow >= HUNG_AFTER;
    const verdict = options.signal?.aborted ? { outcome: 'skip' as const, message: 'the check was stopped' }
      : hung ? { outcome: 'skip' as const, message: `the receiver stopped answering (${HUNG_AFTER} requests in a row got no answer within ${ctx.timeoutMs} ms)` }
        : await c.run(ctx);
    const result: CheckCaseResult = { name: c.name, should: c.should, ...verdict, exchanges: ctx.exchanges, durationMs: Date.now() - t0 };
    results.push(result);
    options.onCase?.(result);
  }
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  return {
    url: ctx.url, flavour: ctx.flavour.name, startedAt, durationMs: Date.now() - startedAt,
    passed: count('pass'), failed: count('fail'), skipped: count('skip'), cases: results,
  };
}
