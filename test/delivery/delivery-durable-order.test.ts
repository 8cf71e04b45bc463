// Proof that no event leaves before its change is durable: the headless server runs under `strace -f -y`, PUTs
// on a hooked bucket are made one at a time, and each webhook POST on the wire must come after a WAL fsync that
// followed the commit of the change it carries (the WAL writes made while that PUT was served).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { parseStrace, responses, type Syscall } from '../helpers/syscall-order';
import { startTracedServe, type TracedServe } from '../helpers/traced-serve';

// Deliveries stay unanswered, so the engine records no outcome while the PUTs are made: every WAL write between
// two acknowledgements belongs to the PUT acknowledged second.
let traced: TracedServe;

beforeAll(async () => {
  traced = await startTracedServe({ prefix: 'bh-strace-post-', stringSize: 4096,
    syscalls: ['fsync', 'fdatasync', 'write', 'writev', 'pwrite64', 'pwritev', 'pwritev2'] });
});
afterAll(async () => { await traced?.stop(); });

const isWal = (c: Syscall) => c.paths[0]?.endsWith('.sqlite-wal') ?? false;
const isWalWrite = (c: Syscall) => isWal(c) && c.name.startsWith('pwrite');
const isWalSync = (c: Syscall) => isWal(c) && (c.name === 'fsync' || c.name === 'fdatasync');

it('every webhook POST follows the WAL fsync of the change it carries (inline and file-backed PUTs)', async () => {
  const { s3, hookUrl, received } = traced;
  await s3.send(new CreateBucketCommand({ Bucket: 'hooked' }));
  await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'hooked', NotificationConfiguration: {
    TopicConfigurations: [{ Id: 'order', TopicArn: hookUrl, Events: ['s3:ObjectCreated:*'] }] } }));
  const keys = ['post-a', 'post-b', 'post-c', 'post-file'];
  for (const key of keys) {
    await s3.send(new PutObjectCommand({ Bucket: 'hooked', Key: key, Body: Buffer.alloc(key === 'post-file' ? 300 * 1024 : 1024, 1) }));
  }
  for (let i = 0; i < 200 && received.length < keys.length; i++) await new Promise((r) => setTimeout(r, 50));
  expect(received.length).toBe(keys.length);

  const log = await traced.killAndReadLog();
  const text = log.split('\n');
  const calls = parseStrace(log);
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
