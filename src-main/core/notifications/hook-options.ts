// The BucketHooks extras of one hook (secret, retry policy, timeout, concurrency, realism): their defaults, the one place
// they are set, and their validation (input from the renderer is untrusted). Pure.
import { randomBytes } from 'node:crypto';
import { AppError } from '../kernel/app-error';
import { asClause, hookSecretProblem } from '../../../src-shared/rules';
import type { HookExtras } from './hooks-repo';
import type { RealismOptions } from '../realism/realism';
import { checkRealism } from '../realism/realism-options';
import { authProblem, isFlavour, PAYLOAD_FLAVOURS, type HookAuth, type PayloadFlavour } from '../../../src-shared/contract';
import { checkHealthPolicy, type HealthPolicy } from './health-policy';

/** The options the add/edit-hook dialog may set; `null` clears a value back to the default. */
export interface HookOptions {
  secret?: string | null;
  retrySchedule?: number[] | null;
  maxAgeMs?: number | null;
  timeoutMs?: number;
  concurrency?: number;
  realism?: RealismOptions | null;
  /** null = the dialect's default. */
  flavour?: PayloadFlavour | null;
  /** null = none. */
  auth?: HookAuth | null;
  /** Suspension and loop guard (fields left out keep their defaults); null = the defaults. */
  health?: Partial<HealthPolicy> | null;
}

/** Extras of a hook nobody set them for. A null retry schedule means the settings' default schedule. */
export const HOOK_DEFAULTS = { timeoutMs: 10_000, concurrency: 8 } as const;

/** A stored retry_schedule column (JSON list of ms) as delays, or null (the default) when absent or unreadable. */
export function readRetrySchedule(json: string | null): number[] | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    if (Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0)) return value as number[];
  } catch {
    // an unreadable column means the default
  }
  return null;
}

/** A stored realism column (JSON RealismOptions) as options, or null (the server's default) when absent or unreadable. */
export function readRealism(json: string | null): RealismOptions | null {
  if (!json) return null;
  try {
    return checkRealism(JSON.parse(json));
  } catch {
    return null; // an unreadable column means the default
  }
}

const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const bad = (message: string) => new AppError('InvalidHookOptions', message);

/** Check options and return them as repo extras. @throws AppError InvalidHookOptions. */
export function checkHookOptions(options: HookOptions): HookExtras {
  const out: HookExtras = {};
  if (options.secret !== undefined) {
    const problem = options.secret === null ? null : typeof options.secret !== 'string' ? 'Must be a string' : hookSecretProblem(options.secret);
    if (problem) throw bad(`The secret ${asClause(problem)}`);
    out.secret = options.secret;
  }
  if (options.retrySchedule !== undefined) {
    const s = options.retrySchedule;
    if (s !== null && (!Array.isArray(s) || s.length > 50 || !s.every((d) => isInt(d, 0, 7 * 24 * 3600_000)))) {
      throw bad('The retry schedule must be a list of at most 50 delays in ms (0 to 7 days each)');
    }
    out.retrySchedule = s === null ? null : [...s];
  }
  if (options.maxAgeMs !== undefined) {
    if (options.maxAgeMs !== null && !isInt(options.maxAgeMs, 1000, 30 * 24 * 3600_000)) throw bad('The maximum age must be between 1 s and 30 days (ms)');
    out.maxAgeMs = options.maxAgeMs;
  }
  if (options.timeoutMs !== undefined) {
    if (!isInt(options.timeoutMs, 100, 300_000)) throw bad('The timeout must be between 100 ms and 5 minutes (ms)');
    out.timeoutMs = options.timeoutMs;
  }
  if (options.health !== undefined) out.health = options.health === null ? null : checkHealthPolicy(options.health);
  if (options.realism !== undefined) out.realism = options.realism === null ? null : checkRealism(options.realism);
  if (options.flavour !== undefined) {
    if (options.flavour !== null && !isFlavour(options.flavour)) throw bad(`The flavour must be one of ${PAYLOAD_FLAVOURS.join(', ')}`);
    out.flavour = options.flavour;
  }
  if (options.auth !== undefined) out.auth = options.auth === null ? null : checkAuth(options.auth);
  if (options.concurrency !== undefined) {
    if (!isInt(options.concurrency, 1, 64)) throw bad('The concurrency must be between 1 and 64');
    out.concurrency = options.concurrency;
  }
  return out;
}

/** Auth checked and copied (empty = none). @throws AppError InvalidHookOptions */
function checkAuth(raw: HookAuth): HookAuth | null {
  const headers = Array.isArray(raw.headers) ? raw.headers : [];
  if (headers.length > 20) throw bad('At most 20 custom headers');
  const auth: HookAuth = {
    headers: headers.map((h) => ({ name: String(h?.name ?? ''), value: String(h?.value ?? '') })),
    bearerToken: typeof raw.bearerToken === 'string' && raw.bearerToken !== '' ? raw.bearerToken : null,
    basic: raw.basic && typeof raw.basic === 'object' ? { user: String(raw.basic.user ?? ''), password: String(raw.basic.password ?? '') } : null,
  };
  const problem = authProblem(auth);
  if (problem) throw bad(`Auth: ${problem}`);
  return auth.headers.length || auth.bearerToken || auth.basic ? auth : null;
}

/** A fresh Standard Webhooks secret (`whsec_` + 32 random bytes, base64). */
export function newHookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
