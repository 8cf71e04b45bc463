// Crash safety: the headless server as a child process, concurrent uploads, kill -9 mid-way, restart on the
// same data dir. Every acknowledged object reads back intact, no partial object is visible, no temp file remains.
import { afterAll, expect, test } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { s3ClientFor, TEST_KEYS } from '../helpers/core';
import { spawnServe, type ServeProcess } from '../helpers/serve-process';

const dir = mkdtempSync(join(tmpdir(), 'bh-crash-'));
const args = ['--port', '0', '--data-dir', dir, '--access-key', TEST_KEYS.accessKey, '--secret-key', TEST_KEYS.secretKey, '--confirm', 'off'];
const md5 = (b: Buffer | Uint8Array) => createHash('md5').update(b).digest('hex');
const running: ServeProcess[] = [];

afterAll(async () => {
  for (const p of running) await p.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<{ server: ServeProcess; s3: S3Client }> {
  const server = await spawnServe(args);
  running.push(server);
  return { server, s3: s3ClientFor(server.endpoint) };
}

test('kill -9 during concurrent uploads: acknowledged objects intact, nothing partial, no temp files', async () => {
  const first = await start();
  await first.s3.send(new CreateBucketCommand({ Bucket: 'crash' }));
  // Every key has exactly two possible contents: the first write (always acknowledged) and a rewrite.
  const versions = new Map<string, Set<string>>();
  const acked = new Map<string, string>();
  for (let i = 0; i < 8; i++) {
    const body = randomBytes(64 * 1024);
    await first.s3.send(new PutObjectCommand({ Bucket: 'crash', Key: `k${i}`, Body: body }));
    versions.set(`k${i}`, new Set([md5(body)]));
    acked.set(`k${i}`, md5(body));
  }
  const uploads: Promise<void>[] = [];
  let racingAcks = 0;
  let enoughAcks: () => void = () => undefined;
  const sixAcked = new Promise<void>((resolve) => { enoughAcks = resolve; });
  for (let i = 0; i < 48; i++) {
    const key = `k${i % 16}`;
    const body = randomBytes((1 + (i % 4)) * 1024 * 1024);
    if (!versions.has(key)) versions.set(key, new Set());
    versions.get(key)!.add(md5(body));
    uploads.push(first.s3.send(new PutObjectCommand({ Bucket: 'crash', Key: key, Body: body }))
      .then(() => { acked.set(key, md5(body)); if (++racingAcks === 6) enoughAcks(); }, () => undefined));
  }
  await sixAcked;
  const ackedAtKill = new Map(acked);
  const racingAtKill = racingAcks;
  await first.server.stop('SIGKILL');
  await Promise.all(uploads);
  first.s3.destroy();
  expect(racingAtKill).toBeLessThan(48);

  const second = await start();
  const listed = await second.s3.send(new ListObjectsV2Command({ Bucket: 'crash' }));
  const present = new Map((listed.Contents ?? []).map((c) => [c.Key as string, c]));
  for (const [key] of ackedAtKill) expect(present.has(key)).toBe(true);
  for (const [key, entry] of present) {
    const got = await second.s3.send(new GetObjectCommand({ Bucket: 'crash', Key: key }));
    const bytes = await got.Body!.transformToByteArray();
    const hash = md5(bytes);
    expect(versions.get(key)!.has(hash)).toBe(true);
    expect(entry.ETag).toBe(`"${hash}"`);
    expect(entry.Size).toBe(bytes.length);
  }
  expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  const files = readdirSync(join(dir, 'objects')).flatMap((d) => readdirSync(join(dir, 'objects', d)));
  expect(files.length).toBe(present.size);
  second.s3.destroy();
  expect(await second.server.stop('SIGTERM')).toBe(0);
});
