// Hook health's cost (issue 23): PUT throughput on a bucket whose hook delivers to a receiver in a child process,
// with the health figures kept (the default) and with the health service detached (its subscriptions closed), in
// alternating rounds, best of 3 each; CPU per PUT is the steadier figure on a shared machine. Loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { DEFAULTS } from '../src-main/core/kernel/config';
import { createCore } from '../src-main/core/create-core';
import { s3ClientFor, TEST_KEYS } from '../test/helpers/core';
import type { Row } from './delivery';
import { startReceiver } from './receiver';
import { bestFigures, putRate, type PutFigures } from './put-rate';

/** PUTs/s (16 in parallel, 1 KiB) on a hooked bucket, figures kept or not; waits for the deliveries to drain. */
async function putThroughput(dir: string, url: string, keepFigures: boolean): Promise<PutFigures> {
  const config = { ...DEFAULTS, port: 0, dataDir: dir, ownerId: 'bench', confirmMode: 'off' as const, ...TEST_KEYS };
  const core = await createCore({ config });
  if (!keepFigures) core.health.close();
  const s3 = s3ClientFor(core.endpoint);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: 'bench-health' }));
    await core.api['hooks.upsert']({ bucket: 'bench-health', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url } });
    const body = Buffer.alloc(1024, 97);
    let key = 0;
    const run = (total: number) => putRate(s3, 'bench-health', body, total, () => `obj-${key++}`);
    await run(300);
    return await run(2000);
  } finally {
    s3.destroy();
    await core.close();
  }
}

/** Rows for the bench table. */
export async function runHealthBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-health-'));
  const rx = await startReceiver(dir, { latencies: true });
  try {
    let off: PutFigures = { perSecond: 0, cpuUsPerPut: Infinity };
    let on: PutFigures = { perSecond: 0, cpuUsPerPut: Infinity };
    for (let r = 0; r < 3; r++) {
      off = bestFigures(off, await putThroughput(join(dir, `off-${r}`), rx.url, false));
      on = bestFigures(on, await putThroughput(join(dir, `on-${r}`), rx.url, true));
    }
    const round1 = (x: number) => Math.round(x * 10) / 10;
    return [
      { name: 'PUT/s, 1 delivering hook, health detached (best of 3)', value: Math.round(off.perSecond), unit: '/s' },
      { name: 'PUT/s, 1 delivering hook, health figures kept', value: Math.round(on.perSecond), unit: '/s' },
      { name: 'PUT/s with figures vs without', value: round1((on.perSecond / off.perSecond) * 100), unit: '%', target: '≥ 95' },
      { name: 'CPU per PUT with figures vs without (client + server)', value: round1((on.cpuUsPerPut / off.cpuUsPerPut) * 100), unit: '%', target: '≤ 105' },
    ];
  } finally {
    rx.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
