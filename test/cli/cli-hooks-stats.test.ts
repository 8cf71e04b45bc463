// `buckethooks hooks stats` against a real server process and a real receiver: the text lines name each hook's
// state, pending count, last hour and day, latency percentiles and last error; a suspended hook says why; --json is
// the app API's hooks.stats and matches the delivery log; `hooks.lint` warns about a bucket's stored hooks.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DeliveryCounts, HookStats, LintWarningView } from '../../src-shared/contract';
import { callServeApi, spawnServe, type ServeProcess } from '../helpers/serve-process';
import { s3ClientFor } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { removeTempDir, tempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
let dir: string;
let server: ServeProcess;
let s3: S3Client;
let receiver: Receiver | undefined;

const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'src-main/cli.ts', ...args, '--data-dir', dir])
  .then((r) => r.stdout, (e: { stdout: string; stderr: string; code: number }) => `exit ${e.code}: ${e.stdout}${e.stderr}`);
const api = <T>(method: string, input: unknown) => callServeApi<T>(dir, method, input);

/** Wait (up to 20 s) for `ok`; expect.poll only runs inside tests. */
async function until(ok: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) { if (await ok()) return; await new Promise((resolve) => setTimeout(resolve, 100)); }
  throw new Error(`still not true: ${ok.toString()}`);
}

beforeAll(async () => {
  dir = tempDir('bh-stats-');
  receiver = await startReceiver();
  let n = 0;
  receiver.behave(() => ({ status: n++ % 2 ? 200 : 503 }));
  server = await spawnServe(['--port', '0', '--data-dir', dir, '--confirm', 'off']);
  s3 = s3ClientFor(server.endpoint, JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')));
  await api('buckets.create', { name: 'bkt' });
  const url = receiver.url;
  await api('hooks.upsert', { bucket: 'bkt', hook: { id: 'flaky', events: ['s3:ObjectCreated:*'], url, prefix: 'a/', retrySchedule: Array(10).fill(20) } });
  await api('hooks.upsert', { bucket: 'bkt', hook: { id: 'dead', events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:9/x', prefix: 'b/', suffix: 'jpg', retrySchedule: Array(10).fill(20), health: { suspendAfterFailures: 2 } } });
  for (let i = 0; i < 6; i++) await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: `a/${i}`, Body: 'x' }));
  await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'b/1.jpg', Body: 'x' }));
  await until(async () => (await api<DeliveryCounts>('deliveries.count', { filter: { hookId: 'flaky' } })).delivered === 6);
  await until(async () => (await api<HookStats[]>('hooks.stats', { bucket: 'bkt' }))[1].state === 'paused');
}, 90_000);
afterAll(async () => {
  s3?.destroy();
  await server?.stop();
  await receiver?.close();
  removeTempDir(dir);
});

describe('buckethooks hooks stats', () => {
  it('prints each hook: state, pending, last hour and day with latency, last error; a suspended one says why', async () => {
    const out = (await cli(['hooks', 'stats', 'bkt'])).split('\n');
    expect(out[0]).toBe('flaky  active  pending 0');
    expect(out[1]).toMatch(/^ {2}last hour: 6 delivered, 0 failed, (\d+) retried; [\d.]+% of \d+ attempts ok, latency p50 \d+ ms p95 \d+ ms p99 \d+ ms$/);
    expect(out[2]).toMatch(/^ {2}last day: 6 delivered, 0 failed, \d+ retried;/);
    expect(out[3]).toMatch(/^ {2}last error \(\d+ (ms|s) ago\): status: HTTP 503$/);
    expect(out[4]).toMatch(/^dead {2}paused {2}pending 1 \(oldest \d+ (ms|s)\)$/);
    expect(out[5]).toMatch(/^ {2}paused by itself: 2 failures in a row: connection refused \(connect ECONNREFUSED 127\.0\.0\.1:9\)$/);
  });

  it('--json is hooks.stats, and its figures match the delivery log', async () => {
    const json = JSON.parse(await cli(['hooks', 'stats', 'bkt', '--json'])) as HookStats[];
    expect(json.map((s) => s.hookId)).toEqual(['flaky', 'dead']);
    const log = await api<{ items: { id: number }[] }>('deliveries.list', { filter: { hookId: 'flaky' } });
    const attempts = (await Promise.all(log.items.map((d) => api<{ attempts: { responseStatus: number | null }[] }>('deliveries.get', { id: d.id }))))
      .flatMap((d) => d.attempts);
    const ok = attempts.filter((a) => a.responseStatus === 200).length;
    expect(json[0].lastHour).toMatchObject({ attempts: attempts.length, ok, delivered: 6, retried: attempts.length - ok, failed: 0 });
    expect(json[1]).toMatchObject({ state: 'paused', pending: 1, stateReason: expect.stringMatching(/^2 failures in a row/) });
  });

  it('refuses a missing bucket argument with its usage line, and an unknown bucket with the API error', async () => {
    expect(await cli(['hooks', 'stats'])).toMatch(/^exit 2: .*usage: buckethooks hooks stats BUCKET \[--json\]/s);
    expect(await cli(['hooks', 'stats', 'nope'])).toMatch(/^exit 2: buckethooks hooks: NoSuchBucket: The specified bucket does not exist/);
  });

  it('hooks.lint warns about the stored hooks: a suffix without its dot, a port nothing listens on', async () => {
    const warnings = await api<LintWarningView[]>('hooks.lint', { bucket: 'bkt' });
    expect(warnings).toEqual([
      { hookId: 'dead', field: 'suffix', message: 'The suffix "jpg" has no dot: it also matches keys like "xjpg"; did you mean ".jpg"?' },
      { hookId: 'dead', field: 'url', message: 'Nothing listens on 127.0.0.1:9 (connection refused): deliveries to http://127.0.0.1:9/x will fail until a receiver runs there' },
    ]);
  });
});
