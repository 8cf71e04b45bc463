// The fuzz run's result: what it sent, how the server answered, crashes, unexpected 5xx and the health
// request's latency, printed as a table (the same object is written to fuzz/results/latest.json).

export interface FuzzReport {
  seed: number;
  requests: number;
  corpus: number;
  /** Corpus requests answered below 400 when replayed as captured before the run. */
  seeded: number;
  statuses: Record<number, number>;
  /** Connections the server closed without an answer (bytes it could not parse as HTTP). */
  closed: number;
  /** Requests left unanswered for 3 s (the server still waits for bytes a damaged request announced). */
  timeouts: number;
  unexpected5xx: { index: number; status: number; client: string }[];
  crash: { exit: string; stderr: string[] } | undefined;
  health: { probes: number; failures: number; p50: number; p99: number; max: number };
  seconds: number;
  /** Error lines the server logged (each unexpected failure logs its stack), the first 50. */
  loggedErrors: string[];
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');

/** Print the report as an aligned table. */
export function printReport(r: FuzzReport): void {
  const byClass = (lo: number) => Object.entries(r.statuses).filter(([s]) => Number(s) >= lo && Number(s) < lo + 100).reduce((n, [, c]) => n + c, 0);
  const rows: [string, string][] = [
    ['seed', String(r.seed)], ['corpus requests (answered < 400 when replayed)', `${r.corpus} (${r.seeded})`],
    ['requests sent', String(r.requests)], ['duration', `${r.seconds.toFixed(1)} s (${(r.requests / r.seconds).toFixed(0)} req/s)`],
    ['2xx / 3xx / 4xx', `${byClass(200)} / ${byClass(300)} / ${byClass(400)}`], ['5xx meant (501, inbox told to fail)', String(byClass(500) - r.unexpected5xx.length)],
    ['closed without an answer', String(r.closed)], ['unanswered after 3 s', String(r.timeouts)],
    ['CRASHES', r.crash ? `1 (exit ${r.crash.exit})` : '0'], ['UNEXPECTED 5xx', String(r.unexpected5xx.length)],
    ['server error log lines', String(r.loggedErrors.length)],
    ['health probes (failed)', `${r.health.probes} (${r.health.failures})`],
    ['health latency p50 / p99 / max', `${ms(r.health.p50)} / ${ms(r.health.p99)} / ${ms(r.health.max)}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
  for (const f of r.unexpected5xx.slice(0, 20)) process.stdout.write(`  ${f.status} from case ${f.index} (${f.client}): fuzz/results/failures/${f.index}.http\n`);
  for (const line of r.loggedErrors.slice(0, 5)) process.stdout.write(`  logged: ${line.slice(0, 400)}\n`);
  if (r.crash) process.stdout.write(`server stderr before the crash:\n${r.crash.stderr.join('\n')}\n`);
}
