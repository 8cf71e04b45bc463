// UI figures (issue 5): time to first paint of the object list of a 100,000-object bucket and of the delivery
// log with 100,000 rows, in real Chromium against a real core; plus the API call behind each first page.
// Rows are inserted straight into SQLite (the listing is what is measured, not the writes). Loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../src-main/core/create-core';
import { DEFAULTS } from '../src-main/core/kernel/config';
import { TEST_KEYS } from '../test/helpers/core';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt, launchChromium, UI_DIR } from '../test/ui-e2e/ui-harness';

export interface UiBenchRow { name: string; value: number; unit: string; target?: string }

const N = Number(process.env.BENCH_UI_ROWS ?? 100_000);

function seed(core: Core): void {
  const now = Date.now();
  core.db.prepare('INSERT INTO buckets (name, created_at) VALUES (?, ?)').run('big', now);
  const obj = core.db.prepare(`INSERT INTO objects (bucket, key, version_id, is_latest, size, etag, file, last_modified, sequencer)
    VALUES ('big', ?, 'null', 1, 1024, 'd41d8cd98f00b204e9800998ecf8427e', NULL, ?, ?)`);
  const del = core.db.prepare(`INSERT INTO deliveries (event_id, bucket, hook_id, key, event_name, sequencer, body, status,
    attempts, next_at, created_at, updated_at, last_status) VALUES (?, 'big', 'hook', ?, 's3:ObjectCreated:Put', ?, '{}', ?, 1, ?, ?, ?, ?)`);
  core.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const key = `obj-${String(i).padStart(6, '0')}.txt`;
      obj.run(key, now, i + 1);
      const ok = i % 10 !== 0;
      del.run(`evt_${i}`, key, i + 1, ok ? 'delivered' : 'failed', now + i, now + i, now + i, ok ? 200 : 500);
    }
  })();
}

/** performance.now() in the page at the first animation frame where `text` is on screen. */
async function paintedAt(page: Page, text: string): Promise<number> {
  const handle = await page.waitForFunction(
    `document.body.innerText.includes(${JSON.stringify(text)}) ? performance.now() : 0`, undefined, { polling: 'raf', timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Run the UI bench; returns one row per figure. */
export async function runUiBench(): Promise<UiBenchRow[]> {
  ensureRendererBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'bh-ui-bench-'));
  const core = await createCore({ config: { ...DEFAULTS, port: 0, dataDir: dir, ownerId: 'bench', ...TEST_KEYS }, uiDir: UI_DIR, paused: true });
  const browser = await launchChromium();
  try {
    seed(core);
    const rows: UiBenchRow[] = [];
    rows.push({ name: `objects.list first page at ${N.toLocaleString('en')} objects (API)`, value: await timed(() => core.api['objects.list']({ bucket: 'big' })), unit: 'ms' });
    const first = await core.api['objects.list']({ bucket: 'big' });
    rows.push({ name: 'objects.list second page (API, warm)', value: await timed(() => core.api['objects.list']({ bucket: 'big', cursor: first.nextCursor ?? undefined })), unit: 'ms' });
    rows.push({ name: `deliveries.list first page at ${N.toLocaleString('en')} rows (API)`, value: await timed(() => core.api['deliveries.list']({})), unit: 'ms' });
    for (const [name, hash, ready] of [
      ['app shell (settings)', '#/settings', 'Endpoint URL'],
      ['object list', '#/buckets/big/objects', 'obj-000000.txt'],
      ['delivery log', '#/deliveries', `obj-${String(N - 1).padStart(6, '0')}.txt`],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1360, height: 860 }, bypassCSP: true }); // the probe below is a string predicate
      await page.goto(`${core.uiUrl}${hash}`);
      const paint = await paintedAt(page, ready);
      const what = name.startsWith('app') ? `${name}: painted after navigation (baseline)` : `${name}: first rows painted after navigation (${N.toLocaleString('en')})`;
      rows.push({ name: what, value: paint, unit: 'ms', target: '< 1000' });
      if (name === 'object list') {
        const next = (await page.evaluate(`(() => {
          const t0 = performance.now();
          [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Next page').click();
          return t0;
        })()`)) as number;
        rows.push({ name: 'object list: next page painted after the click', value: (await paintedAt(page, 'obj-000200.txt')) - next, unit: 'ms', target: '< 300' });
      }
      await page.close();
    }
    return rows;
  } finally {
    await browser.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runUiBench().then((rows) => {
    for (const r of rows) process.stdout.write(`${r.name.padEnd(70)} ${r.value.toFixed(1).padStart(8)} ${r.unit} ${r.target ?? ''}\n`);
  }).catch((err: unknown) => { process.stderr.write(`${String(err)}\n`); process.exit(1); });
}
