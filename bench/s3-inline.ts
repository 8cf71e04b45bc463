// The inline threshold, measured: PUT req/s of one size stored inline in SQLite (one WAL append, synced with its
// group) against the same size as a durable file (temp, fsync, rename, folder fsync, then the commit), at c=1
// and c=16. Below the size where files catch up, inline pays; storage's INLINE_LIMIT is chosen from this.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOurs, type BenchRow } from './s3-servers';
import { signerFor } from './s3-sign';
import { runWrk } from './s3-wrk';
import { expectOk } from './s3-http';

const SIZES_KIB = (process.env.BENCH_INLINE_SIZES ?? '4,16,64,128,256').split(',').map(Number);
const CONCURRENCY = [1, 16];
/** Larger than every measured size, below the 1 MiB write batch (the largest inline body storage allows). */
const ALWAYS_INLINE = 1024 * 1024 - 1;

async function putRate(inlineLimit: number, bytes: number, seconds: number): Promise<Record<number, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-inline-'));
  const target = await startOurs(dir, inlineLimit);
  try {
    const sign = signerFor(target);
    await expectOk(await sign.url('PUT', 'bench'), 'PUT');
    const paths = await Promise.all(Array.from({ length: 1000 }, (_, i) => sign.path('PUT', 'bench', `put/${i}`)));
    const out: Record<number, number> = {};
    for (const c of CONCURRENCY) {
      const r = await runWrk(target.endpoint, paths, 'PUT', c, seconds, bytes);
      out[c] = r.errors > r.requests * 0.01 ? NaN : r.rps;
    }
    return out;
  } finally {
    await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PUT req/s inline vs file for each size and concurrency. */
export async function runInlineBench(seconds: number, progress: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const kib of SIZES_KIB) {
    const inline = await putRate(ALWAYS_INLINE, kib * 1024, seconds);
    const file = await putRate(0, kib * 1024, seconds);
    for (const c of CONCURRENCY) {
      progress(`${kib} KiB PUT c=${c}: inline ${inline[c].toFixed(0)} req/s, file ${file[c].toFixed(0)} req/s`);
      rows.push(
        { name: `${kib} KiB PUT c=${c} inline`, value: inline[c], unit: 'req/s', target: `${(inline[c] / file[c]).toFixed(2)}× file` },
        { name: `${kib} KiB PUT c=${c} file`, value: file[c], unit: 'req/s' },
      );
    }
  }
  return rows;
}
