// Realism mode: the effects a cloud may have on deliveries, planned from a seed and the event so that the same
// changes give the same effects — holds before the first try (latency, cross-key reordering, bursts gathered into
// one window), duplicates and batches. Shared vocabulary of notifications/ (plans holds) and delivery/ (sends). Pure.
import { createHash } from 'node:crypto';
import type { AttemptEffect, RealismOptions } from '../../../src-shared/contract';

export type { AttemptEffect, RealismOptions };
export { REALISM_OFF, isActive } from '../../../src-shared/realism';

/** What `--realism on` means: a few duplicates, reordering within a second, up to two seconds late, small batches. */
export const REALISM_PRESET: Omit<RealismOptions, 'seed'> = {
  duplicateRate: 0.05, reorderWindowMs: 1000, delayMinMs: 0, delayMaxMs: 2000, batchSize: 1, batchWindowMs: 0, breakKeyOrder: false,
};

/** Which event a draw is for: the same identity and purpose always draw the same number. */
export interface EventIdentity { bucket: string; hookId: string; key: string; sequencer: number }

/** A number uniform in [0, 1) drawn from the seed, the event and the purpose (counter-based: no shared state). */
export function draw(seed: number, purpose: string, event: EventIdentity): number {
  const digest = createHash('sha256').update(`${seed}\u0000${purpose}\u0000${event.bucket}\u0000${event.hookId}\u0000${event.key}\u0000${event.sequencer}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** When an event created at `now` becomes due, and the holds that make it so (marked on its first attempt). */
export function planHold(r: RealismOptions, event: EventIdentity, now: number): { dueAt: number; effects: AttemptEffect[] } {
  const effects: AttemptEffect[] = [];
  let dueAt = now;
  if (r.delayMaxMs > 0) {
    const ms = Math.round(r.delayMinMs + draw(r.seed, 'delay', event) * (r.delayMaxMs - r.delayMinMs));
    if (ms > 0) { effects.push({ kind: 'delay', ms }); dueAt += ms; }
  }
  if (r.reorderWindowMs > 0) {
    const ms = Math.floor(draw(r.seed, 'reorder', event) * r.reorderWindowMs);
    if (ms > 0) { effects.push({ kind: 'reorder', ms }); dueAt += ms; }
  }
  if (r.batchWindowMs > 0) {
    const aligned = Math.ceil(dueAt / r.batchWindowMs) * r.batchWindowMs;
    if (aligned > dueAt) { effects.push({ kind: 'burst', ms: aligned - dueAt }); dueAt = aligned; }
  }
  return { dueAt, effects };
}

/** True when a delivered event is to be posted once more. */
export function duplicates(r: RealismOptions, event: EventIdentity): boolean {
  return r.duplicateRate > 0 && draw(r.seed, 'duplicate', event) < r.duplicateRate;
}
