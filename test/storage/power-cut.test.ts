// Power cut, simulated as LazyFS does: the data dir lives on a FUSE passthrough that keeps every unsynced byte in
// memory; the server is killed (-9) under load, then the FUSE daemon too, so whatever was never fsynced is gone.
// Twice in a row: every acknowledged object reads back byte for byte, the hook configuration survives, the server
// starts, and every acknowledged object's event reaches the receiver. Without FUSE it says NOT RUN, loudly.
import { afterAll, expect, test } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateBucketCommand, GetBucketNotificationConfigurationCommand, GetObjectCommand, PutBucketNotificationConfigurationCommand,
  PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { s3ClientFor, TEST_KEYS } from '../helpers/core';
import { spawnServe, type ServeProcess } from '../helpers/serve-process';
import { lazyFsUnavailable, mountLazyFs, type LazyMount } from '../helpers/lazy-mount';
import { tempDir } from '../helpers/temp-dir';

const root = tempDir('bh-power-');
const backing = join(root, 'disk');
const mountpoint = join(root, 'mnt');
mkdirSync(backing);
mkdirSync(mountpoint);
const dataDir = join(mountpoint, 'data');
const args = ['--port', '0', '--data-dir', dataDir, '--access-key', TEST_KEYS.accessKey, '--secret-key', TEST_KEYS.secretKey, '--confirm', 'off'];
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const WRITERS = 16;
const KEYS_PER_WRITER = 3;
const ACKS_BEFORE_CUT = 48;

/** The receiver: every (key, ETag) it was told about, and how many deliveries. */
const seen = new Set<string>();
let deliveries = 0;
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    deliveries++;
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Records?: { s3: { object: { key: string; eTag: string } } }[] };
    for (const r of body.Records ?? []) seen.add(`${decodeURIComponent(r.s3.object.key)} ${r.s3.object.eTag}`);
    res.end('ok');
  });
});
let mount: LazyMount | undefined;
let server: ServeProcess | undefined;

afterAll(async () => {
  await server?.stop('SIGKILL');
  await mount?.powerCut();
  receiver.closeAllConnections();
  receiver.close();
  rmSync(root, { recursive: true, force: true });
});

async function boot(): Promise<S3Client> {
  mount = await mountLazyFs(backing, mountpoint);
  server = await spawnServe(args);
  return s3ClientFor(server.endpoint);
}

/** What each key may hold: its last acknowledged body, and bodies sent after it whose answer never came. */
interface KeyState { acked?: string; possible: Set<string> }

test('power cut twice under load: acknowledged objects, hook config and events all survive', async (ctx) => {
  const notRun = (why: string) => {
    process.stderr.write(`\n${'#'.repeat(100)}\n# NOT RUN: power-cut simulation (FUSE LazyFS): ${why}\n${'#'.repeat(100)}\n\n`);
    ctx.skip();
  };
  const unavailable = lazyFsUnavailable();
  if (unavailable) notRun(unavailable);
  // A machine may have /dev/fuse and still refuse the mount (a container without the capability).
  await (await mountLazyFs(backing, mountpoint).catch((err: Error) => notRun(err.message.split('\n')[0])))?.powerCut();
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const keys = new Map<string, KeyState>();
  const ackedEvents = new Set<string>();
  let s3 = await boot();
  await s3.send(new CreateBucketCommand({ Bucket: 'power' }));
  await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'power', NotificationConfiguration: {
    TopicConfigurations: [{ Id: 'survivor', TopicArn: hookUrl, Events: ['s3:ObjectCreated:*'] }] } }));

  for (const round of [1, 2]) {
    // Under load: 16 writers, small (inline) and large (file) bodies; each writer owns its keys and writes each
    // twice, in order, so a key's later write is always sent after its earlier one was answered.
    let acks = 0;
    let cut = false;
    const client = s3;
    await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < KEYS_PER_WRITER * 2 && !cut; i++) {
        const key = `r${round}/w${w}-k${i % KEYS_PER_WRITER}`;
        const body = randomBytes((w + i) % 3 === 0 ? 150 * 1024 : 3 * 1024);
        const state = keys.get(key) ?? { possible: new Set<string>() };
        keys.set(key, state);
        state.possible.add(md5(body));
        try {
          await client.send(new PutObjectCommand({ Bucket: 'power', Key: key, Body: body }));
        } catch {
          continue;
        }
        state.acked = md5(body);
        state.possible = new Set([md5(body)]);
        ackedEvents.add(`${key} ${md5(body)}`);
        if (++acks === ACKS_BEFORE_CUT) {
          cut = true;
          await server!.stop('SIGKILL');
          await mount!.powerCut();
        }
      }
    }));
    client.destroy();
    expect(cut).toBe(true);
    // After the cut: the server starts on what survived, and every acknowledged write is there, byte for byte.
    s3 = await boot();
    for (const [key, state] of keys) {
      if (!state.acked) continue;
      const got = await s3.send(new GetObjectCommand({ Bucket: 'power', Key: key }));
      const hash = md5(await got.Body!.transformToByteArray());
      expect(state.possible.has(hash), `${key} after power cut ${round}`).toBe(true);
    }
    const config = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'power' }));
    expect(config.TopicConfigurations?.map((t) => [t.Id, t.TopicArn])).toEqual([['survivor', hookUrl]]);
  }

  const missing = () => [...ackedEvents].filter((e) => !seen.has(e));
  const deadline = Date.now() + 60_000;
  while (missing().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await ctx.annotate(`${ackedEvents.size} acknowledged writes over two power cuts; ${deliveries} deliveries received`);
  expect(missing()).toEqual([]);
  s3.destroy();
}, 240_000);
