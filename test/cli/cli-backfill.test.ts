// `buckethooks backfill` against a real server process and real receivers: it prints the job, progress lines and a
// final count, sends one Put event per existing object under the prefix; Ctrl-C (SIGINT) cancels the job — fewer
// events are enqueued than objects and it says "Cancelled".
import { execFile, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { callServeApi, spawnServe, type ServeProcess } from '../helpers/serve-process';
import { s3ClientFor } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
let dir: string;
let server: ServeProcess;
let s3: S3Client;
let fast: Receiver;
let slow: Receiver;

const cliArgs = (args: string[]) => ['--import', 'tsx', 'src-main/cli.ts', ...args, '--data-dir', dir];

const api = <T>(method: string, input: unknown) => callServeApi<T>(server.endpoint, dir, method, input);

/** A bucket holding `keys`, PUT 100 at a time, and then a hook `id` to `url`. */
async function bucketWithHook(bucket: string, keys: string[], id: string, url: string): Promise<void> {
  await api('buckets.create', { name: bucket });
  for (let i = 0; i < keys.length; i += 100) {
    await Promise.all(keys.slice(i, i + 100).map((Key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'x' }))));
  }
  await api('hooks.upsert', { bucket, hook: { id, events: ['s3:ObjectCreated:*'], url } });
}
const numbered = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

beforeAll(async () => {
  dir = tempDir('bh-backfill-cli-');
  fast = await startReceiver();
  slow = await startReceiver({ behaviour: { status: 200, body: 'ok', delayMs: 100 } });
  server = await spawnServe(['--port', '0', '--data-dir', dir, '--confirm', 'off']);
  s3 = s3ClientFor(server.endpoint, JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')));
}, 60_000);
afterAll(async () => {
  s3?.destroy();
  await server?.stop();
  await fast?.close();
  await slow?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('buckethooks backfill', () => {
  it('sends one Put event per existing object under the prefix, printing progress and the final count', async () => {
    await bucketWithHook('cli-old', [...numbered('a/', 300), ...numbered('b/', 20)], 'all', fast.url);
    const { stdout } = await run(process.execPath, cliArgs(['backfill', 'cli-old', '--hook', 'all', '--prefix', 'a/']));
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Backfilling cli-old to hook all \(keys starting with a\/\): job [0-9a-f-]{36}$/);
    expect(lines.slice(1, -1).every((l) => /^ {2}\d+\/300 sent \(\d+ delivered, \d+ failed\), \d+ queued$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('Done: 300/300 sent (300 delivered, 0 failed), 300 queued');
    const keys = fast.received.flatMap((p) => p.records.map((r) => `${r.eventName} ${r.key}`)).sort();
    expect(keys).toEqual(numbered('a/', 300).map((k) => `s3:ObjectCreated:Put ${k}`));
  }, 120_000);

  it('Ctrl-C cancels the job: fewer events enqueued than objects, and it says Cancelled', async () => {
    await bucketWithHook('cli-slow', numbered('k/', 1200), 'slow', slow.url);
    const child = spawn(process.execPath, cliArgs(['backfill', 'cli-slow', '--hook', 'slow']));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const lines: string[] = [];
    for await (const line of createInterface({ input: child.stdout })) {
      lines.push(line);
      if (/^ {2}[1-9]\d*\/1200 sent/.test(line) && child.signalCode === null && !child.killed) child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    const last = /^Cancelled: (\d+)\/1200 sent \((\d+) delivered, (\d+) failed\), (\d+) queued, (\d+) dropped by the cancel$/.exec(lines.at(-1) ?? '');
    expect(last, lines.join('\n')).not.toBeNull();
    const [sent, delivered, failed, queued, dropped] = last!.slice(1).map(Number);
    expect(queued).toBeLessThan(1200);
    expect(sent + dropped).toBe(queued);
    expect(delivered + failed).toBe(sent);
    expect(slow.received.length).toBe(delivered);
    expect(await api('deliveries.count', { filter: { bucket: 'cli-slow' } })).toEqual({ pending: 0, delivered, failed: failed + dropped });
  }, 120_000);
});
