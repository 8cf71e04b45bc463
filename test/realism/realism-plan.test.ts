// Realism mode's pure parts: the --realism flag and option checks as tables, draws that depend only on seed, purpose
// and event (and spread evenly), and the holds planned for an event (delay, reorder, burst window) with their marks.
import { describe, expect, it } from 'vitest';
import { REALISM_OFF, draw, duplicates, isActive, planHold, type RealismOptions } from '../../src-main/core/realism/realism';
import { checkRealism, describeRealism, parseRealismFlag } from '../../src-main/core/realism/realism-options';

const event = { bucket: 'b', hookId: 'h', key: 'k', sequencer: 1 };
const options = (over: Partial<RealismOptions>): RealismOptions => ({ ...REALISM_OFF, seed: 7, ...over });

describe('--realism', () => {
  it.each([
    ['off', null],
    ['duplicates=0.1,seed=3', options({ seed: 3, duplicateRate: 0.1 })],
    ['reorder=500, delay=100-2000 ,seed=1', options({ seed: 1, reorderWindowMs: 500, delayMinMs: 100, delayMaxMs: 2000 })],
    ['delay=250,seed=1', options({ seed: 1, delayMinMs: 250, delayMaxMs: 250 })],
    ['batch=10/1000,break-key-order,seed=2', options({ seed: 2, batchSize: 10, batchWindowMs: 1000, breakKeyOrder: true })],
  ])('%s', (flag, expected) => {
    expect(parseRealismFlag(flag)).toEqual(expected);
  });

  it('`on` is the preset with a random seed; a list without seed= gets one', () => {
    const on = parseRealismFlag('on')!;
    expect(on).toMatchObject({ duplicateRate: 0.05, reorderWindowMs: 1000, delayMaxMs: 2000, batchSize: 1, breakKeyOrder: false });
    expect(Number.isInteger(on.seed)).toBe(true);
    expect(parseRealismFlag('duplicates=0.2')!.seed).toEqual(expect.any(Number));
  });

  it.each([
    ['duplicates=2', '--realism: duplicateRate must be a number from 0 to 1'],
    ['reorder=-1', '--realism: reorderWindowMs must be an integer from 0 to 600000'],
    ['delay=900-100', '--realism: delayMinMs must not exceed delayMaxMs'],
    ['batch=0', '--realism: batchSize must be an integer from 1 to 100'],
    ['jitter=5', '--realism: unknown part "jitter=5"'],
    ['seed=x', '--realism: seed must be an integer from 0 to 2147483647'],
  ])('refuses %s', (flag, message) => {
    expect(() => parseRealismFlag(flag)).toThrow(message);
  });

  it('checks options from the API field by field', () => {
    expect(() => checkRealism(null)).toThrow('Realism: must be an object');
    expect(() => checkRealism({ ...REALISM_OFF, breakKeyOrder: 'yes' })).toThrow('Realism: breakKeyOrder must be true or false');
    expect(() => checkRealism({ ...REALISM_OFF, batchSize: 1.5 })).toThrow('Realism: batchSize must be an integer');
    expect(checkRealism({ ...REALISM_OFF, seed: 9, extra: 1 })).toEqual({ ...REALISM_OFF, seed: 9 });
  });

  it('describes the options in one line', () => {
    expect(describeRealism(options({ duplicateRate: 0.1, reorderWindowMs: 500, batchSize: 4, batchWindowMs: 200 })))
      .toBe('seed 7, duplicates 10%, reorder within 500 ms, batches of up to 4 per 200 ms window');
  });
});

describe('draws and holds', () => {
  it('draw depends only on seed, purpose and event, and spreads evenly over [0, 1)', () => {
    expect(draw(7, 'delay', event)).toBe(draw(7, 'delay', { ...event }));
    expect(draw(7, 'delay', event)).not.toBe(draw(8, 'delay', event));
    expect(draw(7, 'delay', event)).not.toBe(draw(7, 'reorder', event));
    const values = Array.from({ length: 10_000 }, (_, i) => draw(1, 'x', { ...event, sequencer: i }));
    const buckets = Array.from({ length: 10 }, (_, b) => values.filter((v) => v >= b / 10 && v < (b + 1) / 10).length);
    for (const n of buckets) expect(n).toBeGreaterThan(900);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('plans holds within their bounds and marks each one', () => {
    const r = options({ delayMinMs: 100, delayMaxMs: 200, reorderWindowMs: 50, batchWindowMs: 1000 });
    for (let sequencer = 1; sequencer <= 200; sequencer++) {
      const { dueAt, effects } = planHold(r, { ...event, sequencer }, 10_250);
      const ms = (kind: string) => effects.find((e) => e.kind === kind && 'ms' in e) as { ms: number } | undefined;
      expect(ms('delay')!.ms).toBeGreaterThanOrEqual(100);
      expect(ms('delay')!.ms).toBeLessThanOrEqual(200);
      expect(ms('reorder')?.ms ?? 0).toBeLessThan(50);
      expect(dueAt % 1000).toBe(0);
      expect(dueAt).toBe(10_250 + ms('delay')!.ms + (ms('reorder')?.ms ?? 0) + (ms('burst')?.ms ?? 0));
    }
    expect(planHold(REALISM_OFF, event, 5)).toEqual({ dueAt: 5, effects: [] });
  });

  it('duplicates about the configured share of events; off is inactive', () => {
    const r = options({ duplicateRate: 0.25 });
    const n = Array.from({ length: 4000 }, (_, i) => duplicates(r, { ...event, sequencer: i })).filter(Boolean).length;
    expect(n / 4000).toBeGreaterThan(0.22);
    expect(n / 4000).toBeLessThan(0.28);
    expect(isActive(REALISM_OFF)).toBe(false);
    expect(isActive(null)).toBe(false);
    expect(isActive(r)).toBe(true);
  });
});
