// `buckethooks deliveries` against a running server (real child processes, real receivers): one line per delivery,
// filtered by bucket, hook and status, bad flags exit 2; and `deliveries.replay` answers with the attempt's real
// result — a refused replay says so (ok false, the receiver's 500) instead of an empty success.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { ReplayOutcome } from '../../src-shared/contract';
import { callServeApi, spawnServe, type ServeProcess } from '../helpers/serve-process';
import { s3ClientFor } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/temp-dir';
import { runCli } from '../helpers/cli-process';

let dir: string;
let server: ServeProcess;
let good: Receiver;
let broken: Receiver;

const cli = (...args: string[]) => runCli(['deliveries', ...args, '--data-dir', dir]);
const lines = (stdout: string) => stdout.trim().split('\n').map((l) => l.split('\t'));
const vkXml = (id: string, url: string) => `<NotificationConfiguration><SimpleTopicConfiguration><Id>${id}</Id>`
  + `<Event>s3:ObjectCreated:Put</Event><Url>${url}</Url></SimpleTopicConfiguration></NotificationConfiguration>`;
const api = <T>(method: string, input: unknown) => callServeApi<T>(dir, method, input);

beforeAll(async () => {
  dir = tempDir('bh-cli-deliveries-');
  [server, good, broken] = await Promise.all([spawnServe(['--port', '0', '--data-dir', dir, '--confirm', 'off']), startReceiver({ behaviour: { status: 204 } }), startReceiver({ behaviour: { status: 500, body: 'boom' } })]);
  const keys = JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')) as { accessKey: string; secretKey: string };
  const s3 = s3ClientFor(server.endpoint, keys);
  for (const [bucket, id, receiver] of [['logs', 'ok', good], ['pics', 'broken', broken]] as const) {
    await api('buckets.create', { name: bucket });
    await api('hooks.importXml', { bucket, xml: vkXml(id, receiver.urlFor(`/${id}`)) });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${bucket}/one.txt`, Body: 'x' }));
  }
  s3.destroy();
  await vi.waitFor(() => { if (good.received.length < 1 || broken.received.length < 1) throw new Error('no deliveries yet'); }, { timeout: 30_000 });
}, 120_000);
afterAll(async () => {
  await server?.stop('SIGTERM');
  await Promise.all([good?.close(), broken?.close()]);
});

describe('buckethooks deliveries', () => {
  it('lists every delivery newest first, one tab-separated line each', async () => {
    const all = await cli();
    expect([all.code, all.stderr]).toEqual([0, '']);
    const rows = lines(all.stdout);
    expect(rows.map((r) => [r[4], r[5], r[6], r[7]])).toEqual([
      ['pics', 'broken', 's3:ObjectCreated:Put', 'pics/one.txt'], ['logs', 'ok', 's3:ObjectCreated:Put', 'logs/one.txt'],
    ]);
    expect(rows[1][2]).toBe('delivered');
    expect(rows[1][8]).toBe('HTTP 204');
    expect(Number(rows[0][0])).toBeGreaterThan(Number(rows[1][0]));
  }, 60_000);

  it('filters by bucket, hook and status, and limits', async () => {
    expect(lines((await cli('--bucket', 'logs')).stdout).map((r) => r[5])).toEqual(['ok']);
    expect(lines((await cli('--hook', 'broken')).stdout).map((r) => r[4])).toEqual(['pics']);
    expect(lines((await cli('--status', 'delivered')).stdout).map((r) => r[5])).toEqual(['ok']);
    expect(lines((await cli('--limit', '1')).stdout)).toHaveLength(1);
    expect(await cli('--bucket', 'nothing-here')).toMatchObject({ code: 0, stdout: 'No deliveries match\n' });
  }, 120_000);

  it('refuses a wrong status or limit with exit 2 and one line', async () => {
    const wrong = await cli('--status', 'lost');
    expect([wrong.code, wrong.stderr]).toEqual([2, 'buckethooks deliveries: --status must be one of pending, delivered, failed, got "lost"\n']);
    expect((await cli('--limit', '0')).code).toBe(2);
  }, 60_000);

  it('a replay answers with its attempt: the refusal of the broken receiver, the 204 of the good one', async () => {
    const [pics, logs] = lines((await cli()).stdout);
    const refused = await api<ReplayOutcome>('deliveries.replay', { id: Number(pics[0]) });
    expect(refused).toMatchObject({ ok: false, status: 500, delivery: { id: Number(pics[0]), hookId: 'broken' } });
    expect(refused.delivery.status).not.toBe('delivered');
    const replayed = await api<ReplayOutcome>('deliveries.replay', { id: Number(logs[0]) });
    expect(replayed).toMatchObject({ ok: true, status: 204, errorClass: null, delivery: { status: 'delivered' } });
  }, 60_000);
});
