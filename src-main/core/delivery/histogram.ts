// The delivery log's histogram: how many of the filtered deliveries were created in each time bin, by status, over
// the filter's time range (or the filtered rows' own span). One grouped query; bins have a round width.
import type { Db } from '../db/open';
import type { DeliveryFilter } from './types';
import { filterClause } from './queries';

/** One time bin of the histogram. */
export interface HistogramBin { at: number; pending: number; delivered: number; failed: number }

/** Counts of the filtered deliveries per time bin (`bins[i]` covers [at, at + binMs)). */
export interface DeliveryHistogram { from: number; to: number; binMs: number; bins: HistogramBin[] }

const WIDTHS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800]
  .map((s) => s * 1000);

/** The roundest bin width that splits [from, to] into at most `max` bins. */
export function binWidth(from: number, to: number, max: number): number {
  const span = Math.max(1, to - from);
  return WIDTHS.find((w) => span / w <= max) ?? Math.ceil(span / max / 86_400_000) * 86_400_000;
}

/** Histogram of the deliveries matching `filter`, in at most `maxBins` bins (1–200). */
export function deliveryHistogram(db: Db, filter: DeliveryFilter, maxBins: number): DeliveryHistogram {
  const { where, params } = filterClause(db, filter);
  const span = db.prepare(`SELECT MIN(created_at) AS lo, MAX(created_at) AS hi FROM deliveries WHERE ${where}`).get(params) as { lo: number | null; hi: number | null };
  const from = filter.since ?? span.lo;
  const to = filter.until ?? span.hi;
  if (from === null || to === null || from === undefined || to === undefined) return { from: 0, to: 0, binMs: 1000, bins: [] };
  const binMs = binWidth(from, to, maxBins);
  const start = from - (from % binMs);
  const rows = db.prepare(`SELECT CAST((created_at - @start) / @binMs AS INTEGER) AS bin, status, COUNT(*) AS n FROM deliveries WHERE ${where}
    GROUP BY bin, status`).all({ ...params, start, binMs }) as { bin: number; status: keyof Omit<HistogramBin, 'at'>; n: number }[];
  const count = Math.floor((to - start) / binMs) + 1;
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => ({ at: start + i * binMs, pending: 0, delivered: 0, failed: 0 }));
  for (const r of rows) if (bins[r.bin]) bins[r.bin][r.status] += r.n;
  return { from, to, binMs, bins };
}
