// The CLI on connection profiles, as a user runs it while the headless server runs: `remote add|list|test|remove`,
// `--profile` on export-config/import-config (a failed VK handshake exits 1 with the remote's error) and
// `hooks list` (exit 1 "does not support" on s3rver). Real child processes against a second core and s3rver.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { ApiResult, ProfileView } from '../../src-shared/contract';
import { spawnServe, type ServeProcess } from '../helpers/serve-process';
import { s3ClientFor, startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startS3rver } from '../helpers/remote-targets';
import { readUiToken } from '../../src-main/core/http/ui-token';
import { tempDir } from '../helpers/temp-dir';
import { runCli } from '../helpers/cli-process';

let dir: string;
let server: ServeProcess;
let remote: TestCore;
let good: Receiver;
let bad: Receiver;
let s3rver: Awaited<ReturnType<typeof startS3rver>>;

const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
const vkXml = (id: string, url: string) => `<NotificationConfiguration><SimpleTopicConfiguration><Id>${id}</Id>`
  + `<Event>s3:ObjectCreated:Put</Event><Url>${url}</Url></SimpleTopicConfiguration></NotificationConfiguration>`;

beforeAll(async () => {
  dir = tempDir('bh-cli-remote-');
  [server, remote, good, bad, s3rver] = await Promise.all([
    spawnServe(['--port', '0', '--data-dir', dir]), startTestCore({ confirmMode: 'strict' }, { paused: true }),
    startReceiver(), startReceiver({ handshake: 'wrong' }), startS3rver(),
  ]);
  await remote.s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
});
afterAll(async () => {
  await server?.stop('SIGTERM');
  await Promise.all([remote?.stop(), good?.close(), bad?.close(), s3rver?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('buckethooks remote', () => {
  it('adds profiles while the server runs, lists them without secrets, and the server sees them', async () => {
    const added = await cli('remote', 'add', 'second', '--endpoint', remote.endpoint, '--region', 'ru-msk',
      '--access-key', TEST_KEYS.accessKey, '--secret-key', TEST_KEYS.secretKey, '--path-style');
    expect([added.code, added.stderr]).toEqual([0, '']);
    expect(added.stdout).toContain('Saved profile second');
    expect((await cli('remote', 'add', 'plain', '--endpoint', s3rver.endpoint, '--region', 'us-east-1',
      '--access-key', s3rver.accessKey, '--secret-key', s3rver.secretKey, '--path-style')).code).toBe(0);
    const listed = await cli('remote', 'list');
    expect(listed.stdout.trim().split('\n')).toEqual([
      `plain\t${s3rver.endpoint}\tus-east-1\tS3RVER\tpath-style\tverify-tls\tsecret: saved`,
      `second\t${remote.endpoint}\tru-msk\t${TEST_KEYS.accessKey}\tpath-style\tverify-tls\tsecret: saved`,
    ]);
    expect(listed.stdout).not.toContain(TEST_KEYS.secretKey);
    expect(statSync(join(dir, 'remotes.json')).mode & 0o777).toBe(0o600);
    const res = await fetch(`${server.appEndpoint}/_api/profiles.list`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${tokenOf()}` } });
    const reply = (await res.json()) as ApiResult<ProfileView[]>;
    expect(reply.ok && reply.result.map((p) => p.name)).toEqual(['local', 'plain', 'second']);
  });

  it('tests a profile: exit 0 when it lists buckets, 1 with the reason otherwise', async () => {
    const passed = await cli('remote', 'test', 'second');
    expect([passed.code, passed.stdout.trim()]).toEqual([0, `OK: Connected to ${new URL(remote.endpoint).host}: 1 bucket`]);
    await cli('remote', 'add', 'wrong', '--endpoint', remote.endpoint, '--region', 'ru-msk', '--access-key', TEST_KEYS.accessKey,
      '--secret-key', 'not-the-secret', '--path-style');
    const failed = await cli('remote', 'test', 'wrong');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^buckethooks remote: auth error: SignatureDoesNotMatch: /);
  });

  it('refuses a bad flag with exit 2 and removes profiles', async () => {
    expect((await cli('remote', 'add', 'x', '--endpoint', 'ftp://h', '--region', 'r', '--access-key', 'a', '--secret-key', 's')).code).toBe(2);
    expect((await cli('remote', 'remove', 'wrong')).code).toBe(0);
    const again = await cli('remote', 'remove', 'wrong');
    expect([again.code, again.stderr.trim()]).toEqual([1, 'buckethooks remote: No connection profile named "wrong"']);
  });
});

describe('--profile on export-config, import-config and hooks list', () => {
  it('imports to the remote, exits 1 with the remote refusal of a failed handshake, exports and lists', async () => {
    const goodFile = join(dir, 'good.xml');
    writeFileSync(goodFile, vkXml('ok', good.urlFor('/ok')));
    expect(await cli('import-config', 'photos', goodFile, '--profile', 'second')).toMatchObject({ code: 0, stderr: '' });
    const badFile = join(dir, 'bad.xml');
    writeFileSync(badFile, vkXml('bad', bad.urlFor('/bad')));
    const refused = await cli('import-config', 'photos', badFile, '--profile', 'second');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^buckethooks import-config: InvalidArgument: .*signature/i);
    const exported = await cli('export-config', 'photos', '--profile', 'second');
    expect(exported.stdout).toContain(`<SimpleTopicConfiguration><Id>ok</Id><Event>s3:ObjectCreated:Put</Event><Url>${good.urlFor('/ok')}</Url>`);
    const listed = await cli('hooks', 'list', 'photos', '--profile', 'second');
    expect([listed.code, listed.stdout]).toEqual([0, `ok\ts3:ObjectCreated:Put\t${good.urlFor('/ok')}\n`]);
    expect(readFileSync(goodFile, 'utf8')).toContain('<Id>ok</Id>');
  });

  it('lists hooks of this computer through the running server', async () => {
    const created = await fetch(`${server.appEndpoint}/_api/buckets.create`, { method: 'POST', body: '{"name":"here"}', headers: { authorization: `Bearer ${tokenOf()}` } });
    expect(created.status).toBe(200);
    expect(await cli('hooks', 'list', 'here')).toMatchObject({ code: 0, stdout: 'No hooks on here\n' });
  });

  it('says the service does not support bucket notifications, exit 1', async () => {
    const plain = s3ClientFor(s3rver.endpoint, s3rver);
    await plain.send(new CreateBucketCommand({ Bucket: 'box' }));
    plain.destroy();
    const listed = await cli('hooks', 'list', 'box', '--profile', 'plain');
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain('does not support bucket notifications');
  });
});

function tokenOf(): string {
  return readUiToken(dir)!;
}
