// Crash safety: the headless server as a child process, concurrent uploads, kill -9 mid-way, restart on the
// same data dir. Every acknowledged key reads back its last acknowledged content (or a later one), never an older
// or partial one, and no temp file remains.
import { afterAll, expect, test } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { s3ClientFor, TEST_KEYS } from '../helpers/core';
import { spawnServe, type ServeProcess } from '../helpers/serve-process';
import { INLINE_LIMIT } from '../../src-main/core/storage/create-storage';
import { tempDir } from '../helpers/temp-dir';

const dir = tempDir('bh-crash-');
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

test('kill -9 during concurrent uploads: each acknowledged key holds its last acknowledged content or a later one', async () => {
  const first = await start();
  await first.s3.send(new CreateBucketCommand({ Bucket: 'crash' }));
  // Each key is rewritten by a chain of PUTs, each sent only once the previous one was acknowledged, so the
  // contents of a key are totally ordered: after the kill it must hold its last acknowledged content or the
  // one that was in flight, never an older one (a lost acknowledged overwrite) and never anything else.
  const KEYS = 16;
  const chains = new Map<string, string[]>();
  const lastAcked = new Map<string, number>();
  await Promise.all(Array.from({ length: KEYS }, async (_, i) => {
    const body = randomBytes(64 * 1024);
    await first.s3.send(new PutObjectCommand({ Bucket: 'crash', Key: `k${i}`, Body: body }));
    chains.set(`k${i}`, [md5(body)]);
    lastAcked.set(`k${i}`, 0);
  }));
  let killed = false;
  let racingAcks = 0;
  let enoughAcks: () => void = () => undefined;
  const sixAcked = new Promise<void>((resolve) => { enoughAcks = resolve; });
  const rewrite = async (key: string, i: number): Promise<void> => {
    for (let round = 1; round <= 3 && !killed; round++) {
      const body = randomBytes((1 + ((i + round) % 4)) * 1024 * 1024);
      chains.get(key)!.push(md5(body));
      try {
        await first.s3.send(new PutObjectCommand({ Bucket: 'crash', Key: key, Body: body }));
      } catch {
        return;
      }
      if (killed) return;
      lastAcked.set(key, round);
      if (++racingAcks === 6) enoughAcks();
    }
  };
  const uploads = Array.from({ length: KEYS }, (_, i) => rewrite(`k${i}`, i));
  await sixAcked;
  killed = true;
  const ackedAtKill = new Map(lastAcked);
  await first.server.stop('SIGKILL');
  await Promise.all(uploads);
  first.s3.destroy();
  expect([...ackedAtKill.values()].some((round) => round < 3)).toBe(true);

  const second = await start();
  const listed = await second.s3.send(new ListObjectsV2Command({ Bucket: 'crash' }));
  const present = new Map((listed.Contents ?? []).map((c) => [c.Key as string, c]));
  expect([...present.keys()].sort()).toEqual([...chains.keys()].sort());
  for (const [key, entry] of present) {
    const got = await second.s3.send(new GetObjectCommand({ Bucket: 'crash', Key: key }));
    const bytes = await got.Body!.transformToByteArray();
    const hash = md5(bytes);
    const allowed = chains.get(key)!.slice(ackedAtKill.get(key));
    expect(allowed, `${key}: acknowledged round ${ackedAtKill.get(key)}, holds round ${chains.get(key)!.indexOf(hash)}`).toContain(hash);
    expect(entry.ETag).toBe(`"${hash}"`);
    expect(entry.Size).toBe(bytes.length);
  }
  expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  const files = readdirSync(join(dir, 'objects')).flatMap((d) => readdirSync(join(dir, 'objects', d)));
  // Bodies up to INLINE_LIMIT live in SQLite rows; every larger object has exactly one file.
  expect(files.length).toBe([...present.values()].filter((c) => (c.Size ?? 0) > INLINE_LIMIT).length);
  second.s3.destroy();
  expect(await second.server.stop('SIGTERM')).toBe(0);
});
