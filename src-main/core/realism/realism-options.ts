// Realism options from outside: checked field by field (the dialog and the API are untrusted), and the `--realism`
// flag's text (`on`, `off`, or `duplicates=0.1,reorder=500,delay=100-2000,batch=10/1000,seed=7,break-key-order`).
import { randomInt } from 'node:crypto';
import { AppError } from '../kernel/app-error';
import { REALISM_OFF, REALISM_PRESET, type RealismOptions } from './realism';

export { describeRealism } from '../../../src-shared/realism';

/** Bounds of each numeric field, inclusive. */
const BOUNDS: Record<Exclude<keyof RealismOptions, 'breakKeyOrder'>, [min: number, max: number, integer: boolean]> = {
  seed: [0, 2 ** 31 - 1, true],
  duplicateRate: [0, 1, false],
  reorderWindowMs: [0, 600_000, true],
  delayMinMs: [0, 3_600_000, true],
  delayMaxMs: [0, 3_600_000, true],
  batchSize: [1, 100, true],
  batchWindowMs: [0, 60_000, true],
};

const bad = (message: string) => new AppError('InvalidHookOptions', `Realism: ${message}`);

/** A random seed (what `on` and a new hook's dialog start from). */
export const randomSeed = (): number => randomInt(0, 2 ** 31 - 1);

/** Check untrusted options (every field required). @throws AppError InvalidHookOptions naming the field. */
export function checkRealism(value: unknown): RealismOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('must be an object');
  const input = value as Record<string, unknown>;
  const out = { ...REALISM_OFF };
  for (const [field, [min, max, integer]] of Object.entries(BOUNDS) as [keyof typeof BOUNDS, [number, number, boolean]][]) {
    const v = input[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw bad(`${field} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
    }
    out[field] = v;
  }
  if (typeof input.breakKeyOrder !== 'boolean') throw bad('breakKeyOrder must be true or false');
  out.breakKeyOrder = input.breakKeyOrder;
  if (out.delayMinMs > out.delayMaxMs) throw bad('delayMinMs must not exceed delayMaxMs');
  return out;
}

/** Names of the flag's parts, by the option they set. */
const FLAG_PARTS: Record<string, (o: Record<string, unknown>, value: string) => void> = {
  seed: (o, v) => { o.seed = Number(v); },
  duplicates: (o, v) => { o.duplicateRate = Number(v); },
  reorder: (o, v) => { o.reorderWindowMs = Number(v); },
  delay: (o, v) => { const [min, max = min] = v.split('-'); o.delayMinMs = Number(min); o.delayMaxMs = Number(max); },
  batch: (o, v) => { const [size, window = '0'] = v.split('/'); o.batchSize = Number(size); o.batchWindowMs = Number(window); },
};

/**
 * The server default from `--realism`: `off` (none), `on` (a preset), or a comma list over "nothing" — `duplicates=P`,
 * `reorder=MS`, `delay=MIN-MAX`, `batch=SIZE/WINDOW_MS`, `seed=N`, `break-key-order`. Without `seed=` one is drawn
 * at random (printed at start so a run can be repeated). @throws Error with the mistake.
 */
export function parseRealismFlag(text: string): RealismOptions | null {
  const spec = text.trim();
  if (spec === 'off' || spec === '') return null;
  if (spec === 'on') return { ...REALISM_PRESET, seed: randomSeed() };
  const options: Record<string, unknown> = { ...REALISM_OFF, seed: randomSeed() };
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (part === 'break-key-order') { options.breakKeyOrder = true; continue; }
    const [name, value] = part.split('=', 2);
    const set = FLAG_PARTS[name];
    if (!set || value === undefined) {
      throw new Error(`--realism: unknown part "${part}" (use on, off, or duplicates=P,reorder=MS,delay=MIN-MAX,batch=SIZE/WINDOW,seed=N,break-key-order)`);
    }
    set(options, value);
  }
  try {
    return checkRealism(options);
  } catch (err) {
    throw new Error(`--realism: ${(err as Error).message.replace(/^Realism: /, '')}`);
  }
}

