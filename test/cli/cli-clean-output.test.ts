// The CLI as a user on Node 20 or 22 runs it against a running local server and remote profiles (a second core in
// strict mode, and a stand-in that refuses with EMPTY messages as Ceph RGW does): stderr holds no `Warning:` line
// of any dependency, and every refusal is one specific line — code, message or what was asked, and the hint. The
// UI's HTTP API gives the same message.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { callServeApi, spawnServe, type ServeProcess } from '../helpers/serve-process';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/temp-dir';
import { startSilentRefuser } from '../helpers/silent-refuser';
import { runCli } from '../helpers/cli-process';

let dir: string;
let server: ServeProcess;
let remote: TestCore;
let good: Receiver;
let bad: Receiver;
let standin: Awaited<ReturnType<typeof startSilentRefuser>>;
const stderrs: string[] = [];
// vitest.config.ts switches the SDK's notice off for the test processes; the CLI and server must do it themselves.
const plainEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined };

const cli = async (...args: string[]) => {
  const out = await runCli([...args, '--data-dir', dir], { env: plainEnv });
  stderrs.push(out.stderr);
  return out;
};
const vkXml = (id: string, url: string) => `<NotificationConfiguration><SimpleTopicConfiguration><Id>${id}</Id>`
  + `<Event>s3:ObjectCreated:Put</Event><Url>${url}</Url></SimpleTopicConfiguration></NotificationConfiguration>`;
const awsXml = (id: string, url: string) => `<NotificationConfiguration><TopicConfiguration><Id>${id}</Id>`
  + `<Topic>${url}</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration></NotificationConfiguration>`;
const file = (name: string, text: string) => { const path = join(dir, name); writeFileSync(path, text); return path; };
const keys = ['--access-key', TEST_KEYS.accessKey, '--secret-key', TEST_KEYS.secretKey, '--path-style'];

beforeAll(async () => {
  dir = tempDir('bh-cli-clean-');
  [server, remote, good, bad, standin] = await Promise.all([
    spawnServe(['--port', '0', '--data-dir', dir], plainEnv), startTestCore({ confirmMode: 'strict' }, { paused: true }),
    startReceiver(), startReceiver({ handshake: 'wrong' }), startSilentRefuser(),
  ]);
  await remote.s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
  expect((await cli('remote', 'add', 'second', '--endpoint', remote.endpoint, '--region', 'ru-msk', ...keys)).code).toBe(0);
  expect((await cli('remote', 'add', 'ceph', '--endpoint', standin.endpoint, '--region', 'default', ...keys)).code).toBe(0);
}, 180_000);
afterAll(async () => {
  await server?.stop('SIGTERM');
  await Promise.all([remote?.stop(), good?.close(), bad?.close(), standin?.close()]);
});

describe('clean output', () => {
  it('prints no dependency warning on commands that talk to a remote and to the local server', async () => {
    expect(await cli('remote', 'test', 'second')).toMatchObject({ code: 0, stderr: '' });
    expect(await cli('import-config', 'photos', file('ok.xml', vkXml('ok', good.urlFor('/ok'))), '--profile', 'second')).toMatchObject({ code: 0, stderr: '' });
    expect(await cli('hooks', 'list', 'photos', '--profile', 'second')).toMatchObject({ code: 0, stderr: '' });
    expect(await cli('export-config', 'photos', '--profile', 'second')).toMatchObject({ code: 0, stderr: '' });
    expect(await cli('status')).toMatchObject({ code: 0, stderr: '' });
    expect(await cli('remote', 'test', 'ceph')).toMatchObject({ code: 0, stderr: '' });
  }, 180_000);

  it("the server's own stderr holds no Warning: line after serving remote calls", async () => {
    await callServeApi(dir, 'buckets.list', { profile: 'second' });
    await callServeApi(dir, 'objects.list', { bucket: 'photos', profile: 'second' });
    await callServeApi(dir, 'objects.list', { bucket: 'box', profile: 'ceph' }).catch(() => undefined);
    expect(server.stderr()).not.toMatch(/Warning:/);
  });
});

describe('refusals that say what to do', () => {
  it('a failed handshake on the second server: its message and the handshake hint', async () => {
    const refused = await cli('import-config', 'photos', file('bad.xml', vkXml('bad', bad.urlFor('/bad'))), '--profile', 'second');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^buckethooks import-config: InvalidArgument: .*signature.*\. Hint: the service could not complete the URL handshake/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an empty MalformedXML to a VK document: what was sent and the dialect hint', async () => {
    const refused = await cli('import-config', 'box', file('vk.xml', vkXml('v', good.urlFor('/v'))), '--profile', 'ceph');
    expect([refused.code, refused.stderr.trim()]).toEqual([1, 'buckethooks import-config: MalformedXML: the service sent no message; '
      + 'the request was PUT ?notification with 1 VK SimpleTopicConfiguration hook. Hint: this service does not take VK\'s '
      + 'SimpleTopicConfiguration: write the hooks in the AWS dialect (TopicConfiguration) — Ceph RGW, MinIO and AWS accept only that']);
  });

  it('an empty InvalidArgument to a URL topic: the topic ARN hint, in the CLI and through the UI API', async () => {
    const refused = await cli('import-config', 'box', file('aws.xml', awsXml('a', good.urlFor('/a'))), '--profile', 'ceph');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('InvalidArgument: the service sent no message; the request was PUT ?notification with 1 AWS TopicConfiguration hook. '
      + 'Hint: this service needs a topic ARN');
    const viaUi = callServeApi(dir, 'hooks.importXml', { bucket: 'box', xml: awsXml('a', good.urlFor('/a')), profile: 'ceph' });
    await expect(viaUi).rejects.toThrow(/^InvalidArgument: the service sent no message; .*Hint: this service needs a topic ARN/);
    expect(standin.puts.length).toBe(3);
  });

  it('no stderr of any command held a Warning: line', () => {
    expect(stderrs.length).toBeGreaterThan(8);
    expect(stderrs.join('\n')).not.toMatch(/Warning:/);
  });
});
