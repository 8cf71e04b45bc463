// The data dir as a user meets it: private modes after start (also for a dir an older version left 0755/0644,
// fixed with one log line), one server per data dir, and state files that a crash cannot leave unreadable.
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { spawnServe, type ServeProcess } from '../helpers/serve-process';
import { s3ClientFor, TEST_KEYS } from '../helpers/core';
import { tempDir } from '../helpers/temp-dir';
import { runCli } from '../helpers/cli-process';

const cli = (args: string[]) => runCli(args, { timeout: 60_000 });
const keys = ['--access-key', TEST_KEYS.accessKey, '--secret-key', TEST_KEYS.secretKey];

/** Every entry under `dir` (itself included) with its permission bits. */
function modes(dir: string): Map<string, number> {
  const out = new Map<string, number>([['.', statSync(dir).mode & 0o777]]);
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      out.set(path, statSync(join(dir, path)).mode & 0o777);
      if (e.isDirectory()) walk(path);
    }
  };
  walk('');
  return out;
}

/** Entries whose mode is not 0700 (folders) / 0600 (files). */
function notPrivate(dir: string): string[] {
  return [...modes(dir)].filter(([path, mode]) => {
    const isDir = statSync(join(dir, path)).isDirectory();
    return mode !== (isDir ? 0o700 : 0o600);
  }).map(([path, mode]) => `${path} ${mode.toString(8)}`);
}

describe('data dir', () => {
  const dirs: string[] = [];
  const servers: ServeProcess[] = [];
  const fresh = () => { const d = tempDir('bh-datadir-'); dirs.push(d); return d; };
  const serve = async (dir: string, env: NodeJS.ProcessEnv = {}) => {
    const s = await spawnServe(['--port', '0', '--data-dir', dir, ...keys, '--confirm', 'off'], env);
    servers.push(s);
    return s;
  };
  /** Store a small (inline) and a large (file) object, so objects/xx/ and its file exist. */
  const storeObjects = async (s: ServeProcess) => {
    const s3 = s3ClientFor(s.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'modes' }));
    await s3.send(new PutObjectCommand({ Bucket: 'modes', Key: 'small', Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket: 'modes', Key: 'large', Body: Buffer.alloc(300 * 1024, 1) }));
    s3.destroy();
  };
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('is created private: the folder and every folder in it 0700, every file 0600', async () => {
    const dir = join(fresh(), 'data');
    const s = await serve(dir);
    await storeObjects(s);
    expect(readdirSync(join(dir, 'objects')).length).toBeGreaterThan(0);
    expect([...modes(dir).keys()]).toEqual(expect.arrayContaining(['.', 'buckethooks.sqlite', 'buckethooks.sqlite-wal', 'credentials.json', 'server.json', 'objects', 'tmp']));
    expect(notPrivate(dir)).toEqual([]);
  });

  it('an existing 0755/0644 data dir is made private at start, with one log line', async () => {
    const dir = join(fresh(), 'data');
    const first = await serve(dir);
    await storeObjects(first);
    expect(await first.stop('SIGTERM')).toBe(0);
    // What an older version left: everything readable by other users.
    for (const [path] of modes(dir)) {
      const full = join(dir, path);
      chmodSync(full, statSync(full).isDirectory() ? 0o755 : 0o644);
    }
    mkdirSync(join(dir, 'objects', 'zz'), { mode: 0o755 });
    writeFileSync(join(dir, 'objects', 'zz', 'zzorphan'), 'old', { mode: 0o644 });
    expect(notPrivate(dir).length).toBeGreaterThan(5);
    const second = await serve(dir, { BUCKETHOOKS_LOG_LEVEL: 'warn' });
    expect(notPrivate(dir)).toEqual([]);
    await second.stop('SIGTERM');
    const lines = second.stderr().split('\n').filter((l) => l.includes('data dir made private'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', dataDir: dir });
    const third = await serve(dir);
    await third.stop('SIGTERM');
    expect(third.stderr()).not.toContain('data dir made private');
  });

  it('a second server on a data dir in use is refused with one clear line; the first keeps serving', async () => {
    const dir = fresh();
    const first = await serve(dir);
    const second = await cli(['serve', '--port', '0', '--data-dir', dir, ...keys]);
    expect(second.code).toBe(2);
    expect(second.stderr.trim().split('\n')).toEqual([`buckethooks serve: data dir ${dir} is in use by another BucketHooks process: stop it or choose another data dir`]);
    await storeObjects(first);
  });

  it('a truncated or empty server.json is stale: the CLI says no server runs, the next start rewrites it', async () => {
    const dir = fresh();
    const first = await serve(dir);
    await first.stop('SIGKILL');
    for (const content of ['', '{"endpoint": "http://127.0.0.1:1", "tok']) {
      writeFileSync(join(dir, 'server.json'), content);
      const status = await cli(['status', '--data-dir', dir]);
      expect(status.code).toBe(2);
      expect(status.stderr).toContain(`no running server found for data dir ${dir}`);
    }
    const second = await serve(dir);
    const info = JSON.parse(readFileSync(join(dir, 'server.json'), 'utf8')) as { endpoint: string; pid: number };
    expect(info).toMatchObject({ endpoint: second.endpoint, pid: second.child.pid });
    const status = await cli(['status', '--data-dir', dir]);
    expect(status.code).toBe(0);
    // server.json of a process that is gone (kill -9) is stale too.
    await second.stop('SIGKILL');
    expect((await cli(['status', '--data-dir', dir])).stderr).toContain('no running server found');
  });

  it('credentials.json: an empty one (torn by an older version) gets a new pair; a damaged one is refused in one line', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'credentials.json'), '');
    const s = await spawnServe(['--port', '0', '--data-dir', dir, '--confirm', 'off']);
    servers.push(s);
    const stored = JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')) as { accessKey: string };
    expect(s.lines).toContain(`Access key: ${stored.accessKey}`);
    await s.stop('SIGTERM');
    writeFileSync(join(dir, 'credentials.json'), '{"accessKey": "BH');
    const refused = await cli(['serve', '--port', '0', '--data-dir', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(`buckethooks serve: ${join(dir, 'credentials.json')} is damaged (not a key pair): fix it, or move it away to generate a new key pair`);
  });
});
