// 4 KiB PUT and GET req/s at concurrency 1 and 16 for our core, s3rver and a bare node:http server, beside the raw
// file system (write+fsync+rename+folder fsync). All servers run at once and each measurement is taken in turn
// across them, for ROUNDS rounds keeping each one's best, so a burst of other work on a shared machine does not
// land on one column only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBare, startOurs, startS3rver, type BenchRow, type Target } from './s3-servers';
import { signerFor } from './s3-sign';
import { runWrk } from './s3-wrk';
import { rawDurableOpsPerSec } from './s3-raw';
import { expectOk } from './s3-http';

const CONCURRENCY = [1, 16];
const OPS = ['PUT', 'GET'] as const;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SMALL = Buffer.alloc(4096, 120);

interface Prepared { target: Target; dir: string; paths: Record<(typeof OPS)[number], string[]> }

/** Start one server in a fresh dir with 200 objects to GET and 1,000 signed PUT paths; bare servers skip the S3 set-up. */
async function prepare(start: (dir: string) => Promise<Target>): Promise<Prepared> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-'));
  const target = await start(dir);
  const sign = signerFor(target);
  if (!target.name.startsWith('bare')) await expectOk(await sign.url('PUT', 'bench'), 'PUT');
  for (let i = 0; i < 200; i++) await expectOk(`${target.endpoint}${await sign.path('PUT', 'bench', `get/${i}`)}`, 'PUT', SMALL);
  const GET = await Promise.all(Array.from({ length: 200 }, (_, i) => sign.path('GET', 'bench', `get/${i}`)));
  const PUT = await Promise.all(Array.from({ length: 1000 }, (_, i) => sign.path('PUT', 'bench', `put/${i}`)));
  return { target, dir, paths: { PUT, GET } };
}

/** "≥ goal (why) met/MISSED" for the table. */
export function target(value: number, goal: number, why: string): string {
  return `≥ ${goal.toFixed(0)} (${why}) ${value >= goal ? 'met' : 'MISSED'}`;
}

/** Measure and return the rows of the 4 KiB section. */
export async function runSmallObjectBench(seconds: number, progress: (line: string) => void): Promise<BenchRow[]> {
  const servers: Prepared[] = [];
  const best: Record<string, Record<string, number>> = {};
  const raw: Record<number, number> = {};
  const keep = (name: string, key: string, value: number) => {
    best[name] ??= {};
    if (!(best[name][key] >= value)) best[name][key] = value;
  };
  const rawDir = mkdtempSync(join(tmpdir(), 'bh-bench-raw-'));
  try {
    for (const start of [startOurs, startS3rver, startBare]) servers.push(await prepare(start));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const c of CONCURRENCY) {
        for (const op of OPS) {
          for (const { target: t, paths } of round % 2 ? servers : [...servers].reverse()) {
            const r = await runWrk(t.endpoint, paths[op], op, c, seconds);
            progress(`round ${round} ${t.name} ${op} c=${c}: ${r.rps.toFixed(0)} req/s (${r.errors} errors of ${r.requests})`);
            keep(t.name, `${op} c=${c}`, r.errors > r.requests * 0.01 ? NaN : r.rps);
          }
        }
        const ops = await rawDurableOpsPerSec(rawDir, 4096, c, seconds);
        progress(`round ${round} raw fs c=${c}: ${ops.toFixed(0)} ops/s`);
        if (!(raw[c] >= ops)) raw[c] = ops;
      }
    }
  } finally {
    for (const s of servers) { await s.target.stop(); rmSync(s.dir, { recursive: true, force: true }); }
    rmSync(rawDir, { recursive: true, force: true });
  }
  const rows: BenchRow[] = [];
  const ours = best.buckethooks;
  const s3rver = best.s3rver;
  const bare = best['bare node:http'];
  for (const c of CONCURRENCY) {
    for (const op of OPS) {
      const key = `${op} c=${c}`;
      const goal = op === 'GET'
        ? `${target(ours[key], 5 * s3rver[key], '5× s3rver')}; ${target(ours[key], 0.4 * bare[key], '40% bare node:http')}`
        : `${target(ours[key], 2 * s3rver[key], '2× s3rver')}; ${target(ours[key], (c === 1 ? 0.6 : 1) * raw[c], c === 1 ? '60% raw fs' : 'raw fs')}`;
      rows.push({ name: `4 KiB ${key} buckethooks`, value: ours[key], unit: 'req/s', target: goal });
      rows.push({ name: `4 KiB ${key} s3rver`, value: s3rver[key], unit: 'req/s' });
      rows.push({ name: `4 KiB ${key} bare node:http`, value: bare[key], unit: 'req/s' });
    }
    rows.push({ name: `4 KiB write+fsync+rename+dir fsync c=${c} raw fs`, value: raw[c], unit: 'ops/s' });
  }
  return rows;
}
