// `npm run fuzz [-- --requests N --concurrency C --seed S]`: mutates the captured client traffic (fuzz/traffic.jsonl)
// into N requests against a live headless server, and reports crashes, unexpected 5xx answers (saved for replay
// under fuzz/results/failures/), errors the server logged and a health request's latency during the run.
// Exits 1 on any crash, unexpected 5xx or logged error.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { FAILING_HEADER } from '../src-main/core/inbox/create-inbox';
import { portFor, serveCore, type ServedCore } from './serve';
import { applyPlan, drawPlans } from './mutate';
import { exchange, startHealthProbe, type Outcome } from './exchange';
import { resign } from './resign';
import { framed, loadCorpus, serialize, withHeader, type CapturedRequest } from './wire';
import { printReport, type FuzzReport } from './report';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const DIR = import.meta.dirname;
const RESULTS = join(DIR, 'results');
const { values } = parseArgs({ options: {
  requests: { type: 'string', default: '100000' }, concurrency: { type: 'string', default: '24' }, seed: { type: 'string' },
} });
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const BATCH = 1000;
const TIMEOUT_MS = 3000;

/** The captured request with the live server's API token in place of the capture's. */
function withToken(req: CapturedRequest, token: string): CapturedRequest {
  let out = req;
  if (/^Bearer /i.test(req.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1] ?? '')) out = { ...withHeader(req, 'authorization', `Bearer ${token}`), client: req.client };
  return { ...out, target: out.target.replace(/([?&]token=)[^&]*/, `$1${token}`) };
}

/** Replay the corpus once as captured (signed again), in order, so buckets, objects and hooks exist. */
async function seedState(server: ServedCore, corpus: CapturedRequest[]): Promise<number> {
  let ok = 0;
  for (const req of corpus) {
    const outcome = await exchange(portFor(server, req.target), serialize(await resign(framed(req))), TIMEOUT_MS);
    if (outcome.kind === 'answered' && outcome.status < 400) ok++;
  }
  return ok;
}

const corpus = loadCorpus(join(DIR, 'traffic.jsonl'));
const server = await serveCore();
const live = corpus.map((r) => withToken(r, server.token));
rmSync(join(RESULTS, 'failures'), { recursive: true, force: true });
mkdirSync(join(RESULTS, 'failures'), { recursive: true });
let crashed: string | undefined;
void server.exited.then((how) => { crashed ??= how; });

const report: FuzzReport = { seed, requests: 0, corpus: corpus.length, seeded: 0, statuses: {}, closed: 0, timeouts: 0, unexpected5xx: [],
  crash: undefined, health: { probes: 0, failures: 0, p50: NaN, p99: NaN, max: NaN }, seconds: 0, loggedErrors: [] };
report.seeded = await seedState(server, live);
const health = startHealthProbe(`http://127.0.0.1:${server.appPort}`, server.token);
const started = performance.now();
let issued = 0;
const batches = new Map<number, ReturnType<typeof drawPlans>>();

/** The plans of the batch starting at `start`, drawn once from the run's seed. */
function plansFor(start: number) {
  let plans = batches.get(start);
  if (!plans) {
    plans = drawPlans(live.length, BATCH, seed + start);
    batches.set(start, plans);
    batches.delete(start - 2 * BATCH);
  }
  return plans;
}

/** 5xx answers that are meant: 501 NotImplemented (unsupported subresources) and an inbox told to fail. */
const deliberate = (status: number, head: string) => status === 501 || head.toLowerCase().includes(`\r\n${FAILING_HEADER}:`);

/** Count one answer; keep the bytes of an unexpected 5xx for replay. */
function record(index: number, client: string, bytes: Buffer, outcome: Outcome): void {
  report.requests++;
  if (outcome.kind === 'closed') report.closed++;
  else if (outcome.kind === 'timeout') report.timeouts++;
  else {
    report.statuses[outcome.status] = (report.statuses[outcome.status] ?? 0) + 1;
    if (outcome.status >= 500 && !deliberate(outcome.status, outcome.head)) {
      report.unexpected5xx.push({ index, status: outcome.status, client });
      writeFileSync(join(RESULTS, 'failures', `${index}.http`), bytes);
    }
  }
}

async function worker(): Promise<void> {
  while (!crashed && issued < total) {
    const index = issued++;
    const batchStart = Math.floor(index / BATCH) * BATCH;
    const plan = plansFor(batchStart)[index - batchStart];
    const bytes = await applyPlan(plan, live[plan.base]);
    // Bytes cut short would leave the server waiting for the rest: end our side so it meets end-of-stream instead.
    const short = plan.raw.some((r) => r.how === 'truncate' || r.how === 'delete');
    record(index, live[plan.base].client, bytes, await exchange(portFor(server, live[plan.base].target), bytes, TIMEOUT_MS, short));
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
report.seconds = (performance.now() - started) / 1000;
await health.stop();
const sorted = [...health.latencies].sort((a, b) => a - b);
report.health = { probes: sorted.length, failures: health.failures(), p50: sorted[Math.floor(sorted.length * 0.5)],
  p99: sorted[Math.floor(sorted.length * 0.99)], max: sorted[sorted.length - 1] };
report.crash = crashed === undefined ? undefined : { exit: crashed, stderr: server.stderrTail.slice(-30) };
report.loggedErrors = server.errorLines();
await server.stop();
writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(report, null, 2));
printReport(report);
// Every unexpected failure logs its stack, also one whose 500 no client saw (a pipelined request after a close).
process.exit(report.crash || report.unexpected5xx.length || report.loggedErrors.length ? 1 : 0);
