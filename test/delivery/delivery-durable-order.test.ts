// Proof that no event leaves before its change is durable: the headless server runs under `strace -f -y`, PUTs
// on a hooked bucket are made one at a time, and each webhook POST on the wire must come after a WAL fsync that
// followed the commit of the change it carries (the WAL writes made while that PUT was served).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { spawnServe, type ServeProcess } from '../helpers/serve-process';
import { s3ClientFor, TEST_KEYS } from '../helpers/core';
import { parseStrace, responses, type Syscall } from '../helpers/syscall-order';

const dir = mkdtempSync(join(tmpdir(), 'bh-strace-post-'));
const log = join(dir, 'strace.log');
const dataDir = join(dir, 'data');
const held: ServerResponse[] = [];
const received: string[] = [];
// Deliveries stay unanswered, so the engine records no outcome while the PUTs are made: every WAL write between
// two acknowledgements belongs to the PUT acknowledged second.
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
    ['strace', '-f', '-y', '-s', '4096', '--seccomp-bpf', '-o', log, '-e', 'trace=fsync,fdatasync,write,writev,pwrite64,pwritev,pwritev2']);
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

const isWal = (c: Syscall) => c.paths[0]?.endsWith('.sqlite-wal') ?? false;
const isWalWrite = (c: Syscall) => isWal(c) && c.name.startsWith('pwrite');
const isWalSync = (c: Syscall) => isWal(c) && (c.name === 'fsync' || c.name === 'fdatasync');

it('every webhook POST follows the WAL fsync of the change it carries (inline and file-backed PUTs)', async () => {
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  await s3.send(new CreateBucketCommand({ Bucket: 'hooked' }));
  await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'hooked', NotificationConfiguration: {
    TopicConfigurations: [{ Id: 'order', TopicArn: hookUrl, Events: ['s3:ObjectCreated:*'] }] } }));
  const keys = ['post-a', 'post-b', 'post-c', 'post-file'];
  for (const key of keys) {
    await s3.send(new PutObjectCommand({ Bucket: 'hooked', Key: key, Body: Buffer.alloc(key === 'post-file' ? 300 * 1024 : 1024, 1) }));
  }
  for (let i = 0; i < 200 && received.length < keys.length; i++) await new Promise((r) => setTimeout(r, 50));
  expect(received.length).toBe(keys.length);

  const pid = (JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { pid: number }).pid;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  process.kill(pid, 'SIGKILL');
  await exited;
  const text = readFileSync(log, 'utf8').split('\n');
  const calls = parseStrace(text.join('\n'));
  const acks = responses(calls).slice(2); // after CreateBucket and PUT ?notification
  expect(acks.map((a) => a.response.status)).toEqual([200, 200, 200, 200]);
  const problems = keys.flatMap((key, i) => {
    const commit = acks[i].before.filter(isWalWrite).at(-1);
    const post = calls.find((c) => c.paths[0]?.startsWith('socket:') && text[c.start].includes('POST /hook')
      && text[c.start].includes(`\\"key\\":\\"${key}\\"`));
    if (!commit) return [`${key}: no WAL write while the PUT was served`];
    if (!post) return [`${key}: its POST is not in the log`];
    const synced = calls.some((c) => isWalSync(c) && c.start > commit.start && c.end < post.start);
    return synced ? [] : [`${key}: POSTed before the WAL fsync of its commit`];
  });
  expect(problems).toEqual([]);
});
