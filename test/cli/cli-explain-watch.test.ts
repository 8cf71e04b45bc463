// `buckethooks explain` and `watch` against a real server process: explain names the right reason in a table of
// cases (event, prefix, suffix with an encoded key, paused, fired, no change on record); watch prints each change of
// the bucket under its prefix as it commits — the latency from sending a PUT to its line is measured and printed.
import { spawn, execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectChangeView } from '../../src-shared/contract';
import { callServeApi, spawnServe, type ServeProcess } from '../helpers/serve-process';
import { s3ClientFor } from '../helpers/core';
import { tempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
let dir: string;
let server: ServeProcess;
let s3: S3Client;

const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'src-main/cli.ts', ...args, '--data-dir', dir])
  .then((r) => r.stdout, (e: { stdout: string; stderr: string }) => `${e.stdout}${e.stderr}`);

const api = <T>(method: string, input: unknown) => callServeApi<T>(server.endpoint, dir, method, input);

beforeAll(async () => {
  dir = tempDir('bh-explain-');
  server = await spawnServe(['--port', '0', '--data-dir', dir]);
  s3 = s3ClientFor(server.endpoint, JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')));
});
afterAll(async () => {
  s3?.destroy();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('buckethooks explain', () => {
  const inbox = () => `${server.endpoint}/_inbox/explain`;
  type Case = [name: string, hook: { id: string; events: string[]; prefix?: string; suffix?: string; paused?: boolean }, key: string, line: string];
  it.each<Case>([
    ['event', { id: 'on-delete', events: ['s3:ObjectRemoved:*'] }, 'a.txt',
      'on-delete  skipped: event s3:ObjectCreated:Put is not subscribed (the hook listens to s3:ObjectRemoved:*)'],
    ['prefix', { id: 'images', events: ['s3:ObjectCreated:*'], prefix: 'images/' }, 'cat.jpg',
      'images  skipped: prefix images/ does not match the key "cat.jpg"'],
    ['suffix', { id: 'shots', events: ['s3:ObjectCreated:Put'], suffix: '%29.jpg' }, 'x (1).jpg',
      'shots  skipped: suffix %29.jpg does not match the key "x (1).jpg" (URL-encoded in events: "x+%281%29.jpg"); '
      + 'filters compare the raw key, and this suffix matches only the URL-encoded one'],
    ['paused', { id: 'later', events: ['s3:ObjectCreated:*'], paused: true }, 'a.txt',
      'later  fired, held: the hook is paused (delivered when it is resumed)'],
    ['fired', { id: 'all', events: ['s3:ObjectCreated:*'] }, 'a b.txt', 'all  fired'],
  ])('names the reason: %s', async (name, { paused, ...hook }, key, line) => {
    const bucket = `explain-${name}`;
    await api('buckets.create', { name: bucket });
    await api('hooks.upsert', { bucket, hook: { ...hook, url: inbox() } });
    if (paused) await api('hooks.setState', { bucket, id: hook.id, state: 'paused' });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }));
    const out = await cli(['explain', bucket, key]);
    expect(out.split('\n')).toEqual([expect.stringMatching(new RegExp(`^${bucket}/.*: s3:ObjectCreated:Put at \\S+Z \\(sequencer \\d+\\)$`)), `  ${line}`, '']);
  });

  it('says when no change is on record, and what a PUT would do now', async () => {
    const out = await cli(['explain', 'explain-prefix', 'images/new.jpg']);
    expect(out).toBe('No change of explain-prefix/images/new.jpg is on record (traces are kept 7 days, the newest 100,000 changes).\n'
      + 'A PUT of that key now would do this:\n  images  fired\n');
  });
});

describe('buckethooks watch', () => {
  it('prints each change under the prefix as it commits (latency measured, not asserted)', async () => {
    await api('buckets.create', { name: 'watched' });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli.ts', 'watch', 'watched', '--prefix', 'in/', '--json', '--data-dir', dir]);
    try {
      await new Promise<void>((ready, fail) => {
        const timer = setTimeout(() => fail(new Error('watch did not start')), 60_000);
        child.stderr.on('data', (d: Buffer) => { if (d.toString().includes('Watching watched')) { clearTimeout(timer); ready(); } });
      });
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const latencies: number[] = [];
      for (let i = 0; i < 20; i++) {
        await s3.send(new PutObjectCommand({ Bucket: 'watched', Key: `out/skip-${i}`, Body: 'no' }));
        const sent = performance.now();
        const put = s3.send(new PutObjectCommand({ Bucket: 'watched', Key: `in/${i} ü.txt`, Body: 'yes!' }));
        const next = await Promise.race([lines.next(), new Promise<never>((_, fail) => setTimeout(() => fail(new Error('no line')), 10_000))]);
        latencies.push(performance.now() - sent);
        await put;
        const change = JSON.parse(next.value as string) as ObjectChangeView;
        expect(change).toMatchObject({ bucket: 'watched', key: `in/${i} ü.txt`, eventName: 's3:ObjectCreated:Put', size: 4, hooks: [] });
      }
      latencies.sort((a, b) => a - b);
      process.stdout.write(`watch: PUT sent → line printed: median ${latencies[10].toFixed(1)} ms, max ${latencies[19].toFixed(1)} ms (20 PUTs)\n`);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
