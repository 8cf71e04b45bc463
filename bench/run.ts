// `npm run bench`: runs the S3, delivery, UI, event-stream and hook-health benches; prints one table and
// writes bench/results/latest.json. `npm run bench -- s3` (or delivery, ui, streams, health) runs only the named parts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './s3';

const DIR = import.meta.dirname;
// The pinned AWS SDK supports Node 20; its notice about 2027 releases is noise in the table.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
type Bench = () => Promise<BenchRow[]>;

/** Every bench, by the name `npm run bench -- NAME` selects. */
async function loadBenches(): Promise<[string, Bench][]> {
  return [
    ['s3', (await import('./s3')).runS3Bench],
    ['delivery', (await import('./delivery')).runDeliveryBench],
    ['ui', (await import('./ui')).runUiBench],
    ['streams', (await import('./streams')).runStreamsBench],
    ['health', (await import('./health')).runHealthBench],
  ];
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

/** Print rows as an aligned table on stdout. */
function printTable(rows: (BenchRow & { bench: string })[]): void {
  const cells = rows.map((r) => [r.bench, r.name, formatValue(r.value), r.unit, r.target ?? '']);
  const header = ['bench', 'measure', 'value', 'unit', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i === 2 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ').trimEnd();
  process.stdout.write([line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: (BenchRow & { bench: string })[] = [];
  for (const [name, run] of await loadBenches()) {
    if (only.length > 0 && !only.includes(name)) continue;
    try {
      rows.push(...(await run()).map((r) => ({ ...r, bench: name })));
    } catch (err) {
      rows.push({ bench: name, name: `failed: ${(err as Error).message.split('\n')[0]}`, value: NaN, unit: '' });
    }
  }
  printTable(rows);
  mkdirSync(join(DIR, 'results'), { recursive: true });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform };
  writeFileSync(join(DIR, 'results/latest.json'), JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2) + '\n');
  process.stdout.write(`\nwritten: bench/results/latest.json\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).message}\n`);
  process.exit(1);
});
