// Proof of ordering: the headless server runs under `strace -f -y`, a real SDK client and the app API make
// changes one at a time on a hooked bucket, and the syscall log must show every acknowledgement written only
// after what it depends on was fsynced (test/helpers/syscall-order.ts says exactly what is checked).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { spawnServe, type ServeProcess } from '../helpers/serve-process';
import { s3ClientFor, TEST_KEYS } from '../helpers/core';
import { ackProblems, parseStrace, responses } from '../helpers/syscall-order';
import { tempDir } from '../helpers/temp-dir';

const dir = tempDir('bh-strace-');
const log = join(dir, 'strace.log');
const dataDir = join(dir, 'data');
const held: ServerResponse[] = [];
const received: string[] = [];
// The receiver keeps every delivery unanswered while the changes are made, so the delivery engine commits
// nothing of its own in between (its attempt rows need no fsync and would blur the log).
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => { body += c.toString(); });
  req.on('end', () => { received.push(body); held.push(res); });
});
let server: ServeProcess;
let s3: S3Client;

beforeAll(async () => {
  const probe = spawnSync('strace', ['-V']);
  if (probe.error) throw new Error('strace is not installed (apt-get install -y strace; .ci/run installs it)');
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  server = await spawnServe(['--port', '0', '--data-dir', dataDir, '--access-key', TEST_KEYS.accessKey, '--secret-key', TEST_KEYS.secretKey, '--confirm', 'off'], {},
    ['strace', '-f', '-y', '-s', '64', '--seccomp-bpf', '-o', log,
      '-e', 'trace=fsync,fdatasync,rename,renameat,renameat2,mkdir,mkdirat,write,writev,pwrite64,pwritev,pwritev2']);
  s3 = s3ClientFor(server.endpoint);
});
afterAll(async () => {
  s3?.destroy();
  for (const res of held) res.end('ok');
  receiver.closeAllConnections();
  receiver.close();
  await server?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

it('every acknowledgement follows the fsyncs it depends on (hooked PUT inline and file, config PUT, hook change, inbox capture)', async () => {
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const token = new URL(server.uiUrl!).searchParams.get('token')!;
  const changes: [string, boolean, () => Promise<unknown>][] = [
    ['CreateBucket', false, () => s3.send(new CreateBucketCommand({ Bucket: 'hooked' }))],
    ['PUT ?notification', false, () => s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'hooked', NotificationConfiguration: {
      TopicConfigurations: [{ Id: 'order', TopicArn: hookUrl, Events: ['s3:ObjectCreated:*'] }] } }))],
    ['PUT 3 KiB (inline)', false, () => s3.send(new PutObjectCommand({ Bucket: 'hooked', Key: 'small', Body: Buffer.alloc(3 * 1024, 1) }))],
    ['PUT 300 KiB (file)', true, () => s3.send(new PutObjectCommand({ Bucket: 'hooked', Key: 'large', Body: Buffer.alloc(300 * 1024, 2) }))],
    ['hooks.setState (app API)', false, async () => {
      const res = await fetch(`${server.endpoint}/_api/hooks.setState`, {
        method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ bucket: 'hooked', id: 'order', state: 'paused' }),
      });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    }],
    ['POST /_inbox (the built-in receiver)', false, async () => {
      expect((await fetch(`${server.endpoint}/_inbox/order`, { method: 'POST', body: '{"Records":[]}' })).status).toBe(200);
    }],
  ];
  for (const [, , change] of changes) await change();
  const hooked = () => received.filter((b) => b.includes('"key":"small"') || b.includes('"key":"large"')).length;
  for (let i = 0; i < 200 && hooked() < 2; i++) await new Promise((r) => setTimeout(r, 50));

  const pid = (JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { pid: number }).pid;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  process.kill(pid, 'SIGKILL');
  await exited;
  const calls = parseStrace(readFileSync(log, 'utf8'));
  const acks = responses(calls);
  // The database files' names are durable too: the data dir is fsynced after the -wal file was first written.
  const firstWal = calls.find((c) => c.name.startsWith('pwrite') && c.paths[0]?.endsWith('.sqlite-wal'));
  expect(calls.some((c) => c.name === 'fsync' && c.paths[0] === dataDir && firstWal && c.start > firstWal.start
    && c.end < acks[0].response.start)).toBe(true);
  expect(acks.map((a) => a.response.status)).toEqual([200, 200, 200, 200, 200, 200]);
  const problems = changes.flatMap(([name, file], i) => ackProblems(acks[i], file).map((p) => `${name}: ${p}`));
  expect(problems).toEqual([]);
  // The bucket really was hooked: both objects' events were on their way while the changes were acknowledged.
  expect(hooked()).toBe(2);
});
