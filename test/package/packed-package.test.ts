// The published package as a user gets it: `npm pack` once, then (1) installed by file name into an empty folder,
// `npx buckethooks serve` runs the built JavaScript (no TypeScript tooling installed) and serves S3 and the UI;
// (2) examples/vitest-app installs the same tarball and passes its own tests (tsc on the package's types, then
// vitest with waitForDelivery). better-sqlite3's install script finds this checkout's Node build as a local
// prebuild (.prebuild-installrc), so neither install compiles it again. Prints the tarball size and cold start.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { tempDir } from '../helpers/temp-dir';

const ROOT = resolve(import.meta.dirname, '../..');
const work = tempDir('bh-pack-');
let tarball = '';

/** Run a command; resolves with its exit code and output (never rejects). */
function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' } });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); done({ code, output }); });
  });
}

/** `npm install <tarball>` in `dir`, with better-sqlite3's prebuild taken from this checkout's Node build. */
async function installTarball(dir: string): Promise<void> {
  writeFileSync(join(dir, '.prebuild-installrc'), `local-prebuilds=${join(work, 'prebuilds')}\n`);
  const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], dir, 240_000);
  expect(installed.code, installed.output).toBe(0);
  expect(existsSync(join(dir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
}

beforeAll(async () => {
  const packed = await run('npm', ['pack', '--pack-destination', work], ROOT, 240_000);
  expect(packed.code, packed.output).toBe(0);
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
  const prebuilds = join(work, 'prebuilds');
  mkdirSync(prebuilds);
  const name = `better-sqlite3-v12.11.1-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const tar = await run('tar', ['-czf', join(prebuilds, name), '-C', join(ROOT, 'node_modules/better-sqlite3'),
    'build/Release/better_sqlite3.node'], ROOT, 60_000);
  expect(tar.code, tar.output).toBe(0);
  process.stdout.write(`packed ${tarball}: ${(statSync(tarball).size / 1024).toFixed(0)} KiB\n`);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('installs into an empty folder and `npx buckethooks serve` runs the built files', async () => {
    const dir = join(work, 'empty');
    mkdirSync(dir);
    await installTarball(dir);
    const pkg = join(dir, 'node_modules/buckethooks');
    expect(readdirSync(join(pkg, 'out/node')).sort()).toEqual(expect.arrayContaining(['cli.js', 'index.d.ts', 'index.js']));
    for (const tool of ['tsx', 'typescript', 'vite']) expect(existsSync(join(dir, 'node_modules', tool)), tool).toBe(false);

    const started = Date.now();
    // Its own process group: npx does not pass SIGTERM on to the server it starts, so the group is stopped.
    const child = spawn('npx', ['buckethooks', 'serve', '--port', '0', '--data-dir', join(dir, 'data')], { cwd: dir, detached: true });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const lines: string[] = [];
    try {
      await new Promise<void>((ready, fail) => {
        const timer = setTimeout(() => fail(new Error(`serve did not start: ${lines.join('\n')}`)), 60_000);
        child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`serve exited ${code}: ${lines.join('\n')}`)); });
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (line.startsWith('Try: ')) { clearTimeout(timer); ready(); }
        });
      });
      process.stdout.write(`cold start (npx buckethooks serve → endpoint printed): ${Date.now() - started} ms\n`);
      const value = (prefix: string) => lines.find((l) => l.startsWith(prefix))!.slice(prefix.length);
      const s3 = new S3Client({
        endpoint: value('S3 endpoint: '), region: 'ru-msk', forcePathStyle: true,
        credentials: { accessKeyId: value('Access key: '), secretAccessKey: value('Secret key: ') },
      });
      await s3.send(new CreateBucketCommand({ Bucket: 'from-the-package' }));
      expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['from-the-package']);
      s3.destroy();
      const ui = await fetch(value('UI: '));
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('<div id="app">');
    } finally {
      if (child.exitCode === null) {
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
    }
  }, 300_000);

  it('examples/vitest-app passes its own tests against the installed tarball', async () => {
    const dir = join(work, 'vitest-app');
    cpSync(join(ROOT, 'examples/vitest-app'), dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
    await installTarball(dir);
    const tested = await run('npm', ['test'], dir, 240_000);
    expect(tested.code, tested.output).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(tested.output.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests\s+2 passed \(2\)/);
  }, 300_000);
});
