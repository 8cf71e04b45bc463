// Delivery survives kill -9: the headless server as a child process, objects PUT through the SDK with two
// hooks whose receivers flap, the server killed twice mid-run and restarted on the same data dir. Every
// acknowledged object's event must reach each receiver at least once; duplicates are counted and reported.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { s3ClientFor, TEST_KEYS } from '../helpers/core';
import { spawnServe, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

const OBJECTS = 5000;
const dir = tempDir('bh-delivery-crash-');
const args = ['--port', '0', '--data-dir', dir, '--access-key', TEST_KEYS.accessKey, '--secret-key', TEST_KEYS.secretKey, '--confirm', 'off'];
const running: ServeProcess[] = [];
const receivers: http.Server[] = [];

afterAll(async () => {
  for (const p of running) await p.stop('SIGKILL');
  for (const r of receivers) { r.closeAllConnections(); r.close(); }
  rmSync(dir, { recursive: true, force: true });
});

/** A receiver that is healthy for 400 ms, then answers 503 (or drops the socket) for 200 ms, and so on. */
async function flappingReceiver() {
  const keys = new Map<string, number>();
  const ids = new Map<string, number>();
  const t0 = Date.now();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const phase = (Date.now() - t0) % 600;
      if (phase >= 400) {
        if (phase >= 550) { req.socket.destroy(); return; }
        res.writeHead(503); res.end(); return;
      }
      const record = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Records: { s3: { object: { key: string } } }[] }).Records[0];
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      keys.set(key, (keys.get(key) ?? 0) + 1);
      const id = String(req.headers['webhook-id']);
      ids.set(id, (ids.get(id) ?? 0) + 1);
      res.writeHead(200); res.end('ok');
    });
  });
  receivers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, keys, ids };
}

async function start(): Promise<{ server: ServeProcess; s3: S3Client }> {
  const server = await spawnServe(args);
  running.push(server);
  return { server, s3: s3ClientFor(server.endpoint) };
}

// 5,000 fsynced PUTs and three server starts need more than the default 60 s on a loaded 2-core machine.
test('kill -9 twice while receivers flap: every acknowledged event reaches both receivers', async ({ annotate }) => {
  const a = await flappingReceiver();
  const b = await flappingReceiver();
  let { server, s3 } = await start();
  await s3.send(new CreateBucketCommand({ Bucket: 'crash-hooks' }));
  await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'crash-hooks', NotificationConfiguration: {
    TopicConfigurations: [{ Id: 'aws-hook', TopicArn: a.url, Events: ['s3:ObjectCreated:*'] }],
  } }));
  // A second hook matching the same objects would be an "overlapping" configuration for S3, and short retry
  // delays have no XML: both are written as rows, while the server is stopped (it holds the database).
  expect(await server.stop('SIGTERM')).toBe(0);
  s3.destroy();
  const db = new Database(join(dir, 'buckethooks.sqlite'));
  db.prepare(`INSERT INTO hooks (bucket, id, position, dialect, url, events, created_at, updated_at)
    VALUES ('crash-hooks', 'vk-hook', 1, 'vk', ?, '["s3:ObjectCreated:*"]', 0, 0)`).run(b.url);
  db.prepare(`UPDATE hooks SET retry_schedule = '[100,200,300,500,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000]'`).run();
  db.close();
  ({ server, s3 } = await start());

  const acked = new Set<string>();
  let next = 0;
  let kills = 0;
  const killAt = [Math.floor(OBJECTS / 3), Math.floor((2 * OBJECTS) / 3)];
  while (next < OBJECTS) {
    const client = s3;
    let crashed = false;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (!crashed && next < OBJECTS) {
        const key = `obj ${next++}`;
        try {
          await client.send(new PutObjectCommand({ Bucket: 'crash-hooks', Key: key, Body: key }));
          acked.add(key);
        } catch {
          crashed = true;
        }
        if (kills < killAt.length && acked.size >= killAt[kills] && !crashed) {
          crashed = true;
          kills++;
          await server.stop('SIGKILL');
        }
      }
    }));
    client.destroy();
    if (next < OBJECTS || crashed) {
      if (server.child.exitCode === null && server.child.signalCode === null) await server.stop('SIGKILL');
      ({ server, s3 } = await start());
    }
  }
  expect(kills).toBe(2);
  expect(acked.size).toBeGreaterThan(OBJECTS * 0.95);

  const missing = (r: { keys: Map<string, number> }) => [...acked].filter((k) => !r.keys.has(k)).length;
  // Wait for the receivers (a bound, not a speed check: the test proves delivery, not its pace).
  const deadline = Date.now() + 120_000;
  while ((missing(a) || missing(b)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const dupes = (r: { ids: Map<string, number> }) => [...r.ids.values()].reduce((n, c) => n + c - 1, 0);
  await annotate(`acknowledged ${acked.size} of ${OBJECTS}; duplicate deliveries: aws-hook ${dupes(a)}, vk-hook ${dupes(b)}`);
  expect(missing(a)).toBe(0);
  expect(missing(b)).toBe(0);
  s3.destroy();
  expect(await server.stop('SIGTERM')).toBe(0);
}, 300_000);
