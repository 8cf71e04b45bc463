// Answer latency figures of a hook: exact percentiles from kept samples (nearest rank), and a fixed log-scale
// histogram that per-minute rollups persist, to estimate percentiles when the samples no longer cover a window. Pure.

/** Upper bounds (ms) of the latency histogram's buckets; one more bucket counts everything slower. */
export const LATENCY_BOUNDS_MS: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000];

/** p50, p95 and p99 of answer latency in ms. */
export interface Percentiles { p50: number; p95: number; p99: number }

/** The nearest-rank percentile `p` (0–100] of ascending `sorted`; undefined when empty. */
export function nearestRank(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

/** p50/p95/p99 of `values` (any order), or null when there are none. */
export function percentilesOf(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: nearestRank(sorted, 50)!, p95: nearestRank(sorted, 95)!, p99: nearestRank(sorted, 99)! };
}

/** The histogram bucket of a latency. */
export function bucketOf(ms: number): number {
  const i = LATENCY_BOUNDS_MS.findIndex((bound) => ms <= bound);
  return i < 0 ? LATENCY_BOUNDS_MS.length : i;
}

/** Add `other` into `into` (histograms as count lists; shorter ones padded). */
export function mergeHistogram(into: number[], other: readonly number[]): number[] {
  other.forEach((n, i) => { into[i] = (into[i] ?? 0) + n; });
  return into;
}

/** Percentiles estimated from a histogram: each is the upper bound of the bucket holding its rank (the last: its lower bound). */
export function percentilesOfHistogram(hist: readonly number[]): Percentiles | null {
  const total = hist.reduce((a, b) => a + (b ?? 0), 0);
  if (total === 0) return null;
  const at = (p: number): number => {
    const rank = Math.max(1, Math.ceil((p / 100) * total));
    let seen = 0;
    for (let i = 0; i < hist.length; i++) {
      seen += hist[i] ?? 0;
      if (seen >= rank) return LATENCY_BOUNDS_MS[i] ?? LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
    }
    return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
  };
  return { p50: at(50), p95: at(95), p99: at(99) };
}
