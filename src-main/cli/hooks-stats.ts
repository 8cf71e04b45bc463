// `buckethooks hooks stats BUCKET [--json]`: each hook's health figures from the running server — state (and why it
// paused itself), pending and the oldest's age, the last hour and day, latency percentiles, the last error.
import { UsageError } from '../launch/options';
import { connect } from './remote';
import { dataDirOf, parseFlags } from './remote-commands';
import type { HookStats, WindowFiguresView } from '../../src-shared/contract';

type Print = (line: string) => void;

/** A duration in the largest unit that keeps it readable. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

function windowLine(name: string, w: WindowFiguresView): string {
  const rate = w.successRate === null ? 'no attempts' : `${(100 * w.successRate).toFixed(1)}% of ${w.attempts} attempts ok`;
  const latency = w.latency ? `, latency p50 ${duration(w.latency.p50)} p95 ${duration(w.latency.p95)} p99 ${duration(w.latency.p99)}${w.latencyExact ? '' : ' (estimated)'}` : '';
  return `  ${name}: ${w.delivered} delivered, ${w.failed} failed, ${w.retried} retried; ${rate}${latency}`;
}

/** The text lines of one hook's figures at `now`. */
export function formatFigures(f: HookStats, now: number): string[] {
  const lines = [`${f.hookId}  ${f.state}  pending ${f.pending}${f.oldestAgeMs === null ? '' : ` (oldest ${duration(f.oldestAgeMs)})`}`];
  if (f.stateReason) lines.push(`  paused by itself: ${f.stateReason}`);
  lines.push(windowLine('last hour', f.lastHour), windowLine('last day', f.lastDay));
  if (f.lastError) lines.push(`  last error (${duration(now - f.lastError.at)} ago): ${f.lastError.message}`);
  return lines;
}

/** `hooks stats BUCKET [--json]`. */
export async function hooksStats(argv: string[], env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('usage: buckethooks hooks stats BUCKET [--json]');
  const [bucket] = positionals;
  const figures = await connect(dataDirOf(values, env)).api<HookStats[]>('hooks.stats', { bucket });
  if (values.json) { print(JSON.stringify(figures, null, 2)); return; }
  if (figures.length === 0) print(`No hooks on ${bucket}`);
  const now = Date.now();
  for (const f of figures) for (const line of formatFigures(f, now)) print(line);
}
