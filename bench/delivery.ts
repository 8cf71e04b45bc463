// Delivery figures (issue 4): PUT throughput with 0 vs 10 matching hooks, sustained deliveries/s,
// event→delivery latency at 1,000 events/s, backlog drain of 100,000 and event-loop lag while draining; targets are
// issue 26's.
// The receiver runs in a child process (bench/receiver.ts) so it never shares this event loop. Loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { openDb, type Db } from '../src-main/core/db/open';
import { systemClock } from '../src-main/core/kernel/clock';
import { silentLogger } from '../src-main/core/kernel/logger';
import { DEFAULTS, type CoreConfig } from '../src-main/core/kernel/config';
import { createDelivery, type Delivery } from '../src-main/core/delivery/create-delivery';
import { createOutboxWriter } from '../src-main/core/delivery/outbox';
import { createHooksRepo } from '../src-main/core/notifications/hooks-repo';
import { createHookDirectory } from '../src-main/core/notifications/hook-directory';
import { createHookView } from '../src-main/core/notifications/hook-cache';
import { createCore } from '../src-main/core/create-core';
import { s3ClientFor, TEST_KEYS } from '../test/helpers/core';
import { DEFAULT_RETRY_SCHEDULE } from '../src-shared/contract';
import { startReceiver, type BenchReceiver } from './receiver';
import { bestFigures, putRate, type PutFigures } from './put-rate';

export interface Row { name: string; value: number; unit: string; target?: string }

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN; };
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const HOOKS = ['h0', 'h1', 'h2', 'h3'];

function directoryOf(db: Db) {
  const repo = createHooksRepo(db);
  return createHookDirectory(createHookView(repo, null), repo, systemClock);
}

function engineFor(db: Db, dir: string): Delivery {
  const config = { ...DEFAULTS, dataDir: dir, ownerId: 'bench', accessKey: 'a', secretKey: 's' } as CoreConfig;
  return createDelivery({ defaultSchedule: () => DEFAULT_RETRY_SCHEDULE, hooks: directoryOf(db), db, clock: systemClock, logger: silentLogger, version: 'bench', config });
}

function enqueuer(db: Db) {
  const write = createOutboxWriter(db);
  let n = 0;
  return db.transaction((count: number) => {
    for (let i = 0; i < count; i++, n++) {
      const t = now();
      write({ eventId: `b-${n}`, bucket: 'bench', hookId: HOOKS[n % HOOKS.length], key: `key-${n}`, eventName: 's3:ObjectCreated:Put',
        sequencer: n, body: JSON.stringify({ t, Records: [{ s3: { object: { key: `key-${n}`, size: 1024 } } }] }), now: Math.floor(t) });
    }
  });
}

async function engineFigures(dir: string, rx: BenchReceiver): Promise<Row[]> {
  const db = openDb(join(dir, 'engine.sqlite'));
  const hook = db.prepare(`INSERT INTO hooks (bucket, id, position, dialect, url, events, created_at, updated_at) VALUES ('bench', ?, 0, 'vk', ?, '[]', 0, 0)`);
  HOOKS.forEach((id) => hook.run(id, rx.url));
  const enqueue = enqueuer(db);
  let delivery = engineFor(db, dir);
  delivery.start();
  const rows: Row[] = [];

  // Latency at 1,000 events/s for 5 s after a 1 s warm-up (connections, JIT): each tick enqueues what the
  // elapsed time calls for (usually 1–2 events).
  const steady = async (ms: number): Promise<void> => {
    const t0 = Date.now();
    for (let sent = 0; Date.now() - t0 < ms; await sleep(1)) {
      const due = Math.floor(Date.now() - t0) - sent;
      if (due > 0) { enqueue(due); sent += due; delivery.wake(); }
    }
    await sleep(500);
  };
  await steady(1000);
  await rx.stats();
  await steady(5000);
  const lat = (await rx.stats()).latencies;
  rows.push({ name: `delivery latency p50 @${Math.round(lat.length / 5)} ev/s`, value: round(pct(lat, 0.5), 2), unit: 'ms', target: '≤ 5' });
  rows.push({ name: `delivery latency p99 @${Math.round(lat.length / 5)} ev/s`, value: round(pct(lat, 0.99), 2), unit: 'ms', target: '≤ 10' });

  // Sustained: keep ~2,000 due rows queued for 5 s, count what the receiver got.
  const pending = db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'`).pluck();
  const before = await rx.count();
  const s0 = Date.now();
  while (Date.now() - s0 < 5000) {
    if ((pending.get() as number) < 2000) { enqueue(500); delivery.wake(); }
    await sleep(20);
  }
  const sustained = ((await rx.count()) - before) / ((Date.now() - s0) / 1000);
  rows.push({ name: 'sustained deliveries/s (4 hooks × 8)', value: Math.round(sustained), unit: '/s', target: '≥ 10000' });
  while ((pending.get() as number) > 0) await sleep(50);

  // Backlog drain of 100,000 with the event-loop delay monitored.
  await delivery.stop();
  for (let i = 0; i < 20; i++) enqueue(5000);
  const base = await rx.count();
  delivery = engineFor(db, dir);
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const d0 = Date.now();
  delivery.start();
  while ((await rx.count()) - base < 100_000) await sleep(100);
  const drainS = (Date.now() - d0) / 1000;
  lag.disable();
  const drained = (await rx.count()) - base;
  while ((pending.get() as number) > 0) await sleep(100);
  rows.push({ name: `backlog drain (${drained} deliveries)`, value: Math.round(drained / drainS), unit: '/s', target: '≥ 10000' });
  rows.push({ name: 'event-loop lag p99 while draining', value: round(lag.percentile(99) / 1e6), unit: 'ms', target: '< 10' });
  await delivery.stop();
  db.close();
  return rows;
}

async function putThroughput(dir: string, rxUrl: string, hooks: number, paused: boolean): Promise<PutFigures> {
  const config = { ...DEFAULTS, port: 0, dataDir: join(dir, `core-${hooks}-${paused}`), ownerId: 'bench', confirmMode: 'off' as const, ...TEST_KEYS };
  const core = await createCore({ config, paused });
  const s3 = s3ClientFor(core.endpoint);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: 'bench-put' }));
    // S3 rejects 10 overlapping rules for one event type, so the matching hooks are written as rows.
    const hook = core.db.prepare(`INSERT INTO hooks (bucket, id, position, dialect, url, events, created_at, updated_at)
      VALUES ('bench-put', ?, ?, 'vk', ?, '["s3:ObjectCreated:*"]', 0, 0)`);
    for (let i = 0; i < hooks; i++) hook.run(`h${i}`, i, `${rxUrl}?h=${i}`);
    const body = Buffer.alloc(1024, 97);
    const run = (total: number) => {
      let next = 0;
      return putRate(s3, 'bench-put', body, total, () => `obj-${next++}`);
    };
    await run(300);
    return await run(1500);
  } finally {
    s3.destroy();
    await core.close();
  }
}

/** Run every delivery measurement once; rows for the lead's bench table. */
export async function runDeliveryBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-delivery-'));
  const rx = await startReceiver(dir, { latencies: true });
  try {
    const rows = await engineFigures(dir, rx);
    // Alternate the two cases and keep the best of each (3 rounds): this machine is shared, so one-off runs are
    // noisy. CPU per PUT (client and server share this process) is the steadier comparison.
    let none = { perSecond: 0, cpuUsPerPut: Infinity };
    let ten = { perSecond: 0, cpuUsPerPut: Infinity };
    for (let r = 0; r < 3; r++) {
      none = bestFigures(none, await putThroughput(join(dir, `r${r}`), rx.url, 0, true));
      ten = bestFigures(ten, await putThroughput(join(dir, `r${r}`), rx.url, 10, true));
    }
    const live = await putThroughput(dir, rx.url, 10, false);
    rows.unshift(
      { name: 'PUT/s, 0 hooks (SDK, 1 KiB, 16 parallel, best of 3)', value: Math.round(none.perSecond), unit: '/s' },
      { name: 'PUT/s, 10 matching hooks (enqueue only)', value: Math.round(ten.perSecond), unit: '/s' },
      { name: 'PUT/s with 10 hooks vs 0', value: round((ten.perSecond / none.perSecond) * 100), unit: '%', target: '≥ 85' },
      { name: 'CPU per PUT, 0 hooks (client + server)', value: Math.round(none.cpuUsPerPut), unit: 'µs' },
      { name: 'CPU per PUT, 10 matching hooks', value: Math.round(ten.cpuUsPerPut), unit: 'µs' },
      { name: 'CPU-bound PUT rate with 10 hooks vs 0', value: round((none.cpuUsPerPut / ten.cpuUsPerPut) * 100), unit: '%', target: '≥ 85' },
      { name: 'PUT/s, 10 hooks, engine delivering', value: Math.round(live.perSecond), unit: '/s' },
      { name: 'PUT/s while the engine delivers vs 0 hooks', value: round((live.perSecond / none.perSecond) * 100), unit: '%', target: '≥ 60' },
    );
    return rows;
  } finally {
    rx.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
