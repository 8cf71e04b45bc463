// Realism options both sides read: "off", whether options change anything, and the one-line summary (the server's
// start-up line, the hook dialog's "server default" label). No imports but the contract's types; no I/O.
import type { RealismOptions } from './contract';

/** No effect at all (a hook's explicit "off" when the server has a default). */
export const REALISM_OFF: RealismOptions = {
  seed: 0, duplicateRate: 0, reorderWindowMs: 0, delayMinMs: 0, delayMaxMs: 0, batchSize: 1, batchWindowMs: 0, breakKeyOrder: false,
};

/** True when the options change anything. */
export function isActive(r: RealismOptions | null | undefined): r is RealismOptions {
  return !!r && (r.duplicateRate > 0 || r.reorderWindowMs > 0 || r.delayMaxMs > 0 || r.batchSize > 1 || r.breakKeyOrder);
}

/** The options in one line: "seed 7, duplicates 10%, reorder within 500 ms, …" ("off" when nothing). */
export function describeRealism(r: RealismOptions | null): string {
  if (!isActive(r)) return 'off';
  const parts = [`seed ${r.seed}`];
  if (r.duplicateRate > 0) parts.push(`duplicates ${+(r.duplicateRate * 100).toFixed(2)}%`);
  if (r.reorderWindowMs > 0) parts.push(`reorder within ${r.reorderWindowMs} ms`);
  if (r.delayMaxMs > 0) parts.push(`delay ${r.delayMinMs}-${r.delayMaxMs} ms`);
  if (r.batchSize > 1) parts.push(`batches of up to ${r.batchSize}${r.batchWindowMs ? ` per ${r.batchWindowMs} ms window` : ''}`);
  if (r.breakKeyOrder) parts.push('per-key order may break');
  return parts.join(', ');
}
