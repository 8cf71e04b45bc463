// Proof of ordering: the headless server runs under `strace -f -y`, a real SDK client and the app API make
// changes one at a time on a hooked bucket, and the syscall log must show every acknowledgement written only
// after what it depends on was fsynced (test/helpers/syscall-order.ts says exactly what is checked).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ackProblems, parseStrace, responses } from '../helpers/syscall-order';
import { startTracedServe, type TracedServe } from '../helpers/traced-serve';

// The receiver keeps every delivery unanswered while the changes are made, so the delivery engine commits
// nothing of its own in between (its attempt rows need no fsync and would blur the log).
let traced: TracedServe;

beforeAll(async () => {
  traced = await startTracedServe({ prefix: 'bh-strace-', stringSize: 64,
    syscalls: ['fsync', 'fdatasync', 'rename', 'renameat', 'renameat2', 'mkdir', 'mkdirat', 'write', 'writev', 'pwrite64', 'pwritev', 'pwritev2'] });
});
afterAll(async () => { await traced?.stop(); });

it('every acknowledgement follows the fsyncs it depends on (hooked PUT inline and file, config PUT, hook change, inbox capture)', async () => {
  const { server, s3, hookUrl, received, dataDir } = traced;
  const token = new URL(server.uiUrl!).searchParams.get('token')!;
  const changes: [string, boolean, () => Promise<unknown>][] = [
    ['CreateBucket', false, () => s3.send(new CreateBucketCommand({ Bucket: 'hooked' }))],
    ['PUT ?notification', false, () => s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'hooked', NotificationConfiguration: {
      TopicConfigurations: [{ Id: 'order', TopicArn: hookUrl, Events: ['s3:ObjectCreated:*'] }] } }))],
    ['PUT 3 KiB (inline)', false, () => s3.send(new PutObjectCommand({ Bucket: 'hooked', Key: 'small', Body: Buffer.alloc(3 * 1024, 1) }))],
    ['PUT 300 KiB (file)', true, () => s3.send(new PutObjectCommand({ Bucket: 'hooked', Key: 'large', Body: Buffer.alloc(300 * 1024, 2) }))],
    ['hooks.setState (app API)', false, async () => {
      const res = await fetch(`${server.appEndpoint}/_api/hooks.setState`, {
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

  const calls = parseStrace(await traced.killAndReadLog());
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
