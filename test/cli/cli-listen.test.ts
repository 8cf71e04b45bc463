// `buckethooks listen` end to end, as a developer runs it: the headless server on this computer, a second core acting
// as the remote bucket (strict URL confirmation: the relay must answer VK's handshake over the public URL), real
// receivers, real child processes and signals. The remote's document is merged into and restored exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { DeliveryDetails, DeliveryPage, HookView } from '../../src-shared/contract';
import { callServeApi, spawnServe, type ServeProcess } from '../helpers/serve-process';
import { runCli, spawnCli } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempDir } from '../helpers/temp-dir';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';

let dir: string;
let server: ServeProcess;
let remote: TestCore;
let local: Receiver;
let theirs: Receiver;

const cli = (...args: string[]) => runCli(args);
/** A port free right now (the relay binds it next). */
const remoteHooks = async () => (await remote.api['hooks.list']({ bucket: 'photos' })).map((h: HookView) => [h.id, h.url]);
const until = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};
const eventsFor = (r: Receiver) => r.received.filter((q: Receiver['received'][number]) => q.headers['x-amz-sns-message-type'] === 'Notification');

beforeAll(async () => {
  dir = tempDir('bh-cli-listen-');
  [server, remote, local, theirs] = await Promise.all([
    spawnServe(['--port', '0', '--data-dir', dir]), startTestCore({ confirmMode: 'strict' }),
    startReceiver(), startReceiver(),
  ]);
  await remote.s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
  await remote.api['hooks.upsert']({ bucket: 'photos', hook: { id: 'theirs', events: ['s3:ObjectCreated:*'], url: theirs.urlFor('/theirs'), prefix: 'docs/' } });
  const added = await cli('remote', 'add', 'second', '--endpoint', remote.endpoint, '--region', 'ru-msk', '--access-key', TEST_KEYS.accessKey,
    '--secret-key', TEST_KEYS.secretKey, '--path-style', '--data-dir', dir);
  expect(added.code).toBe(0);
}, 90_000);
afterAll(async () => {
  await server?.stop('SIGTERM');
  await Promise.all([remote?.stop(), local?.close(), theirs?.close()]);
});

describe('buckethooks listen', () => {
  it('adds its hook beside the remote\'s own, forwards and logs events, replays them, and restores the document on SIGINT', async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}/`;
    const listen = spawnCli(['listen', 'photos', '--profile', 'second', '--forward-to', local.urlFor('/local'), '--port', String(port),
      '--public-url', publicUrl, '--prefix', 'cats/', '--data-dir', dir]);
    try {
      const line = await listen.waitFor(/^Listening: /);
      const hookId = /\(hook (buckethooks-listen-[0-9a-f]{8}) on second\/photos\)$/.exec(line)?.[1];
      expect(line).toBe(`Listening: ${publicUrl} -> ${local.urlFor('/local')} (hook ${hookId} on second/photos)`);
      expect(await remoteHooks()).toEqual([['theirs', theirs.urlFor('/theirs')], [hookId, publicUrl]]);
      expect(eventsFor(local)).toHaveLength(0);

      await remote.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'cats/a b.jpg', Body: 'meow' }));
      await remote.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'docs/b.txt', Body: 'text' }));
      await until(() => eventsFor(local).length === 1 && eventsFor(theirs).length === 1);
      const forwarded = eventsFor(local)[0];
      expect(forwarded.path).toBe('/local');
      expect(JSON.parse(forwarded.body).Records[0].s3.configurationId).toBe(hookId);
      expect(forwarded.headers['webhook-id']).toMatch(/.+/);
      expect(forwarded.headers['user-agent']).toMatch(/^BucketHooks\//);
      const printed = await listen.waitFor(/s3:ObjectCreated:Put/);
      expect(printed).toMatch(/^\d\d:\d\d:\d\d {2}s3:ObjectCreated:Put {2}cats\/a b\.jpg {2}-> 200 {2}\d+ ms {2}\(delivery \d+\)$/);

      const page = await callServeApi<DeliveryPage>(dir, 'deliveries.list', { filter: { hookId } });
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({ bucket: 'photos', hookId, remoteProfile: 'second', key: 'cats/a b.jpg', status: 'delivered', lastStatus: 200 });
      const details = await callServeApi<DeliveryDetails>(dir, 'deliveries.get', { id: page.items[0].id });
      expect(details.attempts[0]).toMatchObject({ trigger: 'forward', url: local.urlFor('/local'), responseStatus: 200 });
      expect(details.attempts[0].requestHeaders['webhook-id']).toBe(forwarded.headers['webhook-id']);

      await callServeApi(dir, 'deliveries.replay', { id: page.items[0].id });
      expect(eventsFor(local)).toHaveLength(2);
      expect(eventsFor(local)[1].body).toBe(forwarded.body);
      expect(eventsFor(local)[1].headers['webhook-id']).toBe(forwarded.headers['webhook-id']);
      const replayed = await cli('replay', '--hook', hookId!, '--include-delivered', '--data-dir', dir);
      expect([replayed.code, replayed.stdout.trim().split('\n').pop()]).toEqual([0, 'Replayed 1 of 1: 1 delivered, 0 failed']);
      expect(eventsFor(local)).toHaveLength(3);

      await remote.api['hooks.upsert']({ bucket: 'photos', hook: { id: 'added-meanwhile', events: ['s3:ObjectRemoved:*'], url: theirs.urlFor('/new'), prefix: 'old/' } });
      expect(await listen.stop('SIGINT')).toBe(0);
      expect(listen.lines).toContain(`Removed hook ${hookId} from second/photos`);
      expect(await remoteHooks()).toEqual([['theirs', theirs.urlFor('/theirs')], ['added-meanwhile', theirs.urlFor('/new')]]);
    } finally {
      await listen.stop('SIGKILL');
    }
  }, 150_000);

  it('names the hook it would overlap when the remote refuses it, and leaves the document as it was', async () => {
    const result = await cli('listen', 'photos', '--profile', 'second', '--forward-to', local.urlFor('/local'),
      '--public-url', `http://127.0.0.1:${await freePort()}/`, '--prefix', 'docs/', '--data-dir', dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Configuration is ambiguously defined.*Hook "theirs" already receives ObjectCreated:\* events .*--prefix/);
    expect((await remoteHooks()).map(([id]) => id)).toEqual(['theirs', 'added-meanwhile']);
  }, 60_000);
});
