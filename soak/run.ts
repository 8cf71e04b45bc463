// `npm run soak -- --minutes N`: a core in its own process under mixed load for N minutes (S3 traffic, hooks to a
// healthy and a flapping receiver and the built-in inbox, replays, the UI's API calls and event stream), then a
// drain. Reports RSS over time (slope), event-loop lag p99, deliveries lost (must be 0) and open file descriptors
// at the end against the baseline (must not exceed it); writes soak/results/latest.json; exits 1 when either fails.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServerMessage, ServerSample } from './server';
import { startReceiver } from './receivers';
import { apiCall, BUCKETS, runLoad, type LoadStats } from './load';
import { printSoakReport, slopePerMinute, type SoakReport } from './report';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' } } });
const minutes = Number(values.minutes);
const SAMPLE_MS = 10_000;
const DRAIN_LIMIT_MS = 5 * 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dataDir = mkdtempSync(join(tmpdir(), 'bh-soak-'));
const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'server.ts'), dataDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const waiting = new Map<string, (m: ServerMessage) => void>();
child.on('message', (m: ServerMessage) => { waiting.get(m.kind)?.(m); waiting.delete(m.kind); });
const ask = <K extends ServerMessage['kind']>(kind: K, request?: string) => new Promise<Extract<ServerMessage, { kind: K }>>((resolve) => {
  waiting.set(kind, resolve as (m: ServerMessage) => void);
  if (request) child.send(request);
});

const { endpoint, app, token } = await ask('ready');
const api = (method: string, input: unknown) => apiCall(app, token, method, input);
const flapping = await startReceiver(true);
const healthy = await startReceiver(false);
const schedule = [250, 500, ...Array.from({ length: 40 }, () => 2000)];
const targets: Record<string, string> = { 'soak-flapping': flapping.url, 'soak-healthy': healthy.url, 'soak-inbox': `${endpoint}/_inbox/soak` };
for (const bucket of BUCKETS) {
  await api('buckets.create', { name: bucket });
  await api('hooks.upsert', { bucket, hook: { id: 'soak', events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], url: targets[bucket], retrySchedule: schedule } });
}
await sleep(2000);
const baseline = (await ask('sample', 'sample')).sample;

const stats: LoadStats = { changes: {}, reads: 0, apiCalls: 0, replays: 0, errors: {} };
const samples: ServerSample[] = [baseline];

const started = Date.now();
const end = started + minutes * 60_000;
const sampler = setInterval(() => void ask('sample', 'sample').then((m) => {
  samples.push(m.sample);
  process.stdout.write(`${((m.sample.at - started) / 60_000).toFixed(1)} min  rss ${m.sample.rssMb.toFixed(0)} MB  lag p99 ${m.sample.lagP99Ms.toFixed(1)} ms  fds ${m.sample.fds} (+ ${m.sample.dirFds} kept directories)\n`);
}), SAMPLE_MS);
await runLoad({ endpoint, app }, token, () => Date.now() >= end, stats);
clearInterval(sampler);

// Drain: every delivery settles (delivered, or failed and then replayed), then sockets idle out.
const drainStart = Date.now();
const pending = async () => ((await api('deliveries.list', { filter: { status: 'pending' }, limit: 1 })) as { items: unknown[] }).items.length;
while ((await pending()) > 0 && Date.now() - drainStart < DRAIN_LIMIT_MS) await sleep(1000);
await api('deliveries.replayAll', { filter: { status: 'failed' } });
await sleep(5000);
const failedAtEnd = ((await api('deliveries.list', { filter: { status: 'failed' }, limit: 500 })) as { items: unknown[] }).items.length;
const drainSeconds = (Date.now() - drainStart) / 1000;
// The inbox keeps at most its newest captures, so its deliveries are counted from the delivery log: each one is
// recorded delivered only once the inbox answered, which it does only after its capture is durable.
const inboxCounts = (await api('deliveries.count', { filter: { bucket: 'soak-inbox' } })) as { delivered: number };
const received: Record<string, number> = { 'soak-flapping': flapping.delivered.size, 'soak-healthy': healthy.delivered.size,
  'soak-inbox': inboxCounts.delivered };
await flapping.close();
await healthy.close();
// Idle keep-alive connections (the engine's to the built-in inbox on this same server) end after the server's 65 s.
await sleep(70_000);
const last = (await ask('sample', 'sample')).sample;
samples.push(last);
const lag = await ask('lag', 'lag');
child.send('stop');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const lost = Object.entries(received).reduce((n, [bucket, got]) => n + Math.max(0, (stats.changes[bucket] ?? 0) - got), 0);
const report: SoakReport = {
  minutes, samples, rssSlopeMbPerMin: slopePerMinute(samples.filter((s) => s.at - started >= 60_000)),
  lagP99Ms: lag.p99Ms, lagMaxMs: lag.maxMs, changes: stats.changes, received, lost, failedAtEnd, reads: stats.reads, apiCalls: stats.apiCalls,
  replays: stats.replays, errors: stats.errors, drainSeconds, fdsBaseline: baseline.fds, fdsEnd: last.fds, dirFdsEnd: last.dirFds,
  flappingRequests: flapping.requests(),
};
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'results/latest.json'), JSON.stringify(report, null, 2));
printSoakReport(report);
process.exit(lost === 0 && last.fds <= baseline.fds ? 0 : 1);
