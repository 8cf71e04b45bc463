// S3 bench (issues 2 and 16): 4 KiB PUT/GET req/s at concurrency 1 and 16 against s3rver, bare node:http and the
// raw file system (s3-small.ts); 1 GiB streamed PUT/GET (MB/s, peak RSS) against the raw disk; ListObjectsV2 pages
// over 100,000 keys; the inline threshold (s3-inline.ts); a hooked bucket beside one without hooks (s3-hooked.ts). Every server runs in its own child process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBare, startOurs, startS3rver, rssMb, resetPeakRss, type BenchRow, type Target } from './s3-servers';
import { signerFor } from './s3-sign';
import { rawBigFile } from './s3-raw';
import { curlTransfer, expectOk } from './s3-http';
import { runListBench } from './s3-list';
import { runInlineBench } from './s3-inline';
import { runSmallObjectBench, target } from './s3-small';
import { runHookedBench } from './s3-hooked';

export type { BenchRow };

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 1024);
const progress = (line: string) => process.stderr.write(`[bench s3] ${line}\n`);

type Starter = (dir: string) => Promise<Target>;
const STARTERS: Starter[] = [startOurs, startS3rver, startBare];

/** Run `fn` against a fresh server in a fresh temp dir, then stop it and remove the dir. */
async function withTarget<T>(start: Starter, fn: (t: Target, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-'));
  const target = await start(dir);
  try {
    return await fn(target, dir);
  } finally {
    await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 1 GiB PUT (of `file`) and GET of one server with curl: MB/s each and its peak RSS while doing them. */
async function bigObject(t: Target, file: string): Promise<{ put: number; get: number; rss: number; idle: number }> {
  const sign = signerFor(t);
  if (!t.name.startsWith('bare')) await expectOk(await sign.url('PUT', 'bench'), 'PUT');
  resetPeakRss(t.pid);
  const idle = rssMb(t.pid, 'VmRSS');
  const put = await curlTransfer(await sign.url('PUT', 'bench', 'big'), 'PUT', file);
  const got = await curlTransfer(await sign.url('GET', 'bench', 'big'), 'GET');
  if (got.bytes !== BIG_MB * (1 << 20)) throw new Error(`${t.name}: GET returned ${got.bytes} bytes`);
  const rss = rssMb(t.pid);
  progress(`${t.name} ${BIG_MB} MiB: PUT ${put.mbs.toFixed(0)} MB/s, GET ${got.mbs.toFixed(0)} MB/s, peak RSS ${rss.toFixed(0)} MB (idle ${idle.toFixed(0)})`);
  return { put: put.mbs, get: got.mbs, rss, idle };
}

async function bigObjectRows(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-raw-'));
  try {
    const raw = await rawBigFile(dir, BIG_MB);
    progress(`raw disk ${BIG_MB} MiB: write+fsync ${raw.writeMBs.toFixed(0)} MB/s, read ${raw.readMBs.toFixed(0)} MB/s`);
    const rows: BenchRow[] = [
      { name: `${BIG_MB} MiB write+fsync raw fs`, value: raw.writeMBs, unit: 'MB/s' },
      { name: `${BIG_MB} MiB read raw fs`, value: raw.readMBs, unit: 'MB/s' },
    ];
    for (const start of STARTERS) {
      await withTarget(start, async (t) => {
        const r = await bigObject(t, raw.file);
        const ours = t.name === 'buckethooks';
        rows.push(
          { name: `${BIG_MB} MiB PUT ${t.name}`, value: r.put, unit: 'MB/s', target: ours ? target(r.put, 0.7 * raw.writeMBs, '70% raw write') : undefined },
          { name: `${BIG_MB} MiB GET ${t.name}`, value: r.get, unit: 'MB/s', target: ours ? target(r.get, 0.7 * raw.readMBs, '70% raw read') : undefined },
          { name: `${BIG_MB} MiB peak RSS ${t.name}`, value: r.rss, unit: 'MB', target: ours ? `< 150 ${r.rss < 150 ? 'met' : 'MISSED'}` : undefined },
          { name: `RSS before the transfers ${t.name}`, value: r.idle, unit: 'MB' },
        );
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run every S3 measurement; a section that fails becomes a row with value NaN and the error. */
export async function runS3Bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sections: [string, string, () => Promise<BenchRow[]>][] = [
    ['small', '4 KiB objects', () => runSmallObjectBench(SECONDS, progress)],
    ['hooked', '4 KiB PUTs, hooked bucket beside one without hooks', () => runHookedBench(SECONDS, progress)],
    ['big', `${BIG_MB} MiB object`, bigObjectRows],
    ['list', 'ListObjectsV2', () => withTarget(startOurs, (t) => runListBench(t, progress))],
    ['inline', 'inline threshold', () => runInlineBench(SECONDS, progress)],
  ];
  const only = process.env.BENCH_S3?.split(',');
  for (const [id, name, run] of sections) {
    if (only && !only.includes(id)) continue;
    progress(`${name}…`);
    try {
      rows.push(...(await run()));
    } catch (err) {
      progress(`${name} failed: ${(err as Error).message}`);
      rows.push({ name: `${name} (failed: ${(err as Error).message.split('\n')[0].slice(0, 120)})`, value: NaN, unit: '' });
    }
  }
  return rows;
}
