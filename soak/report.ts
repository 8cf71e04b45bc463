// The soak's result: memory over time and its slope, event-loop lag, deliveries lost, file descriptors against
// the baseline, and what the load did; printed as a table (the same object goes to soak/results/latest.json).
import type { ServerSample } from './server';

export interface SoakReport {
  minutes: number;
  samples: ServerSample[];
  /** Least-squares slope of RSS after the first minute. */
  rssSlopeMbPerMin: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Acknowledged changes per bucket (each one event its hook must receive). */
  changes: Record<string, number>;
  /** Distinct event ids each receiver acknowledged. */
  received: Record<string, number>;
  lost: number;
  /** Deliveries still failed (dead-lettered) after the drain and a last replay. */
  failedAtEnd: number;
  reads: number;
  apiCalls: number;
  replays: number;
  errors: Record<string, number>;
  drainSeconds: number;
  /** Open descriptors other than the data dir directories the storage keeps open to fsync them. */
  fdsBaseline: number;
  fdsEnd: number;
  /** Those kept directory descriptors at the end (bounded: the 256 object shards, objects/ and tmp/). */
  dirFdsEnd: number;
  flappingRequests: number;
}

/** Least-squares slope of RSS in MB per minute. */
export function slopePerMinute(samples: readonly ServerSample[]): number {
  if (samples.length < 2) return NaN;
  const xs = samples.map((s) => s.at / 60_000);
  const ys = samples.map((s) => s.rssMb);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((n, x, i) => n + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((n, x) => n + (x - mx) ** 2, 0);
  return num / den;
}

/** Print the report as an aligned table. */
export function printSoakReport(r: SoakReport): void {
  const rss = r.samples.map((s) => s.rssMb);
  const total = Object.values(r.changes).reduce((a, b) => a + b, 0);
  const rows: [string, string][] = [
    ['duration', `${r.minutes} min (+ ${r.drainSeconds.toFixed(0)} s drain)`],
    ['acknowledged changes (events)', `${total} (${Object.entries(r.changes).map(([b, n]) => `${b} ${n}`).join(', ')})`],
    ['received by the receivers', Object.entries(r.received).map(([b, n]) => `${b} ${n}`).join(', ')],
    ['DELIVERIES LOST', String(r.lost)], ['failed after the drain', String(r.failedAtEnd)],
    ['flapping receiver requests', String(r.flappingRequests)],
    ['reads / UI API calls / bulk replays', `${r.reads} / ${r.apiCalls} / ${r.replays}`],
    ['RSS first / max / last', `${rss[0].toFixed(0)} / ${Math.max(...rss).toFixed(0)} / ${rss[rss.length - 1].toFixed(0)} MB`],
    ['RSS slope after the first minute', `${r.rssSlopeMbPerMin.toFixed(2)} MB/min`],
    ['event-loop lag p99 / max', `${r.lagP99Ms.toFixed(1)} / ${r.lagMaxMs.toFixed(1)} ms`],
    ['OPEN FDS baseline / end', `${r.fdsBaseline} / ${r.fdsEnd} (and ${r.dirFdsEnd} data dir directories kept open to fsync them, ≤ 258)`],
    ['fds at the end by kind', Object.entries(r.samples[r.samples.length - 1].fdKinds).map(([k, n]) => `${k} ${n}`).join(', ')],
    ['client errors', Object.entries(r.errors).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
}
