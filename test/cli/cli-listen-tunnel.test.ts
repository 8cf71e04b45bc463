// `buckethooks listen` without a running server (it starts a core in its own process) and without --public-url: a
// stand-in `cloudflared` on the PATH (no internet here) prints a quick tunnel's box; its URL becomes the hook's, a new
// URL it prints later updates the hook, and it is stopped on exit. A killed listen's hook is named by the next listen
// and removed by --clean; with no tunnel program the one-line hint names the flags.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { runCli, spawnCli } from '../helpers/cli-process';
import { tempDir } from '../helpers/temp-dir';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';

let dir: string;
let bin: string;
let remote: TestCore;
let receiver: Receiver;

/** The stand-in: prints cloudflared's box with the --url it was given, later (STANDIN_SECOND_MS) a second URL. */
const STANDIN = `#!${process.execPath}
const fs = require('node:fs');
const target = process.argv[process.argv.indexOf('--url') + 1];
fs.writeFileSync(process.env.STANDIN_PIDS, process.pid + '\\n', { flag: 'a' });
const box = (url) => process.stderr.write('2026-12-06T20:00:00Z INF +------+\\n2026-12-06T20:00:00Z INF |  Your quick Tunnel has been created! Visit it at:  |\\n'
  + '2026-12-06T20:00:00Z INF |  ' + url + '  |\\n');
box(target + '/');
if (process.env.STANDIN_SECOND_MS) setTimeout(() => box(target + '/second'), Number(process.env.STANDIN_SECOND_MS));
setInterval(() => {}, 1000);
`;
const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const pids = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '').trim().split('\n').filter(Boolean).map(Number);
const hooks = () => remote.notifications.listHooks('photos').map((h) => [h.id, h.url]);
const until = async (check: () => boolean, ms = 20_000) => {
  for (const end = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 50))) if (Date.now() > end) throw new Error('timed out');
};

beforeAll(async () => {
  dir = tempDir('bh-listen-tunnel-');
  bin = tempDir('bh-listen-bin-');  // outside the data dir, which is made owner-only (0600 files)
  writeFileSync(join(bin, 'cloudflared'), STANDIN);
  chmodSync(join(bin, 'cloudflared'), 0o755);
  [remote, receiver] = await Promise.all([startTestCore({ confirmMode: 'strict' }), startReceiver()]);
  await remote.s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
  expect((await cli('remote', 'add', 'second', '--endpoint', remote.endpoint, '--region', 'ru-msk', '--access-key', TEST_KEYS.accessKey,
    '--secret-key', TEST_KEYS.secretKey, '--path-style')).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await Promise.all([remote?.stop(), receiver?.close()]);
});

describe('listen with a tunnel, without a server', () => {
  it('uses the tunnel\'s URL, follows a new one, and after a kill -9 the next listen names the stale hook, and --clean removes it', async () => {
    const env = { PATH: `${bin}:${process.env.PATH}`, STANDIN_PIDS: join(dir, 'pids-a'), STANDIN_SECOND_MS: '3000' };
    const first = spawnCli(['listen', 'photos', '--profile', 'second', '--forward-to', receiver.urlFor('/in'), '--data-dir', dir], env);
    let staleId: string;
    try {
      const line = await first.waitFor(/^Listening: /);
      expect(first.lines[0]).toMatch(/^No server runs on .*: started one in this process \(http:\/\/127\.0\.0\.1:\d+\) while listening$/);
      const [, url, id] = /^Listening: (http:\/\/127\.0\.0\.1:\d+\/) -> .* \(hook (buckethooks-listen-[0-9a-f]{8}) on second\/photos\)$/.exec(line)!;
      staleId = id;
      expect(hooks()).toEqual([[id, url]]);
      await first.waitFor(new RegExp(`hook ${id} now points at ${url}second`));
      expect(hooks()).toEqual([[id, `${url}second`]]);
      await remote.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'k.txt', Body: 'k' }));
      await first.waitFor(/s3:ObjectCreated:Put {2}k\.txt {2}-> 200/);
    } finally {
      await first.stop('SIGKILL');
      for (const pid of pids(join(dir, 'pids-a'))) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    expect(hooks().map(([id]) => id)).toEqual([staleId]);

    const second = spawnCli(['listen', 'photos', '--profile', 'second', '--forward-to', receiver.urlFor('/in'), '--data-dir', dir],
      { ...env, STANDIN_PIDS: join(dir, 'pids-b'), STANDIN_SECOND_MS: '' });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`${staleId} is a stale listen hook (left by a listen that could not clean up): --clean removes it.`);
    await until(() => pids(join(dir, 'pids-b')).every((pid) => !alive(pid)));
    expect(hooks().map(([id]) => id)).toEqual([staleId]);

    const third = spawnCli(['listen', 'photos', '--profile', 'second', '--forward-to', receiver.urlFor('/in'), '--clean', '--data-dir', dir],
      { ...env, STANDIN_PIDS: join(dir, 'pids-c'), STANDIN_SECOND_MS: '' });
    await third.waitFor(/^Listening: /);
    expect(third.lines).toContain(`Removed stale listen hooks from second/photos: ${staleId}`);
    const tunnelPid = pids(join(dir, 'pids-c'))[0];
    expect(alive(tunnelPid)).toBe(true);
    expect(hooks().map(([id]) => id)).toEqual([expect.stringMatching(/^buckethooks-listen-/)]);
    const code = await third.stop('SIGTERM');
    expect(code, `exit signal ${third.child.signalCode}; stdout:\n${third.lines.join('\n')}\nstderr:\n${third.stderr()}`).toBe(0);
    expect(third.lines.at(-1)).toMatch(/^Removed hook buckethooks-listen-[0-9a-f]{8} from second\/photos$/);
    await until(() => !alive(tunnelPid));
    expect(hooks()).toEqual([]);
  }, 180_000);

  it('says in one line how to start a tunnel when none is on the PATH', async () => {
    const before = hooks();
    const result = await runCli(['listen', 'photos', '--profile', 'second', '--forward-to', receiver.urlFor('/in'), '--port', '8788',
      '--data-dir', dir], { env: { ...process.env, PATH: '/nonexistent' } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').pop()).toBe('buckethooks listen: No public URL: install cloudflared or ngrok (listen starts it), or start a tunnel '
      + 'yourself — cloudflared tunnel --url http://127.0.0.1:8788 — and pass --port 8788 --public-url <its https URL>');
    expect(hooks()).toEqual(before);
  }, 60_000);
});
