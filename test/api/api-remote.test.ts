// The app API over HTTP on a remote profile: a local core (the app) and a second core (the remote, strict VK
// handshake). Profiles are saved and tested without the secret ever coming back or reaching the log; the bucket
// browser, the Webhooks tab and "Apply these hooks to…" work on the remote; s3rver gives the unsupported state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, HookSetDiff, HookView, ProfileView, UploadPlan } from '../../src-shared/contract';
import { createLogger } from '../../src-main/core/kernel/logger';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startS3rver } from '../helpers/remote-targets';
import { signedRequest } from '../notifications/notifications-signed';
import { RELAY_PART_SIZE } from '../../src-main/core/remote/upload-relay';
import { request as httpRequest } from 'node:http';

const REMOTE_SECRET = 'remote-secret-key-do-not-leak-0123456789';
let app: TestCore;
let remote: TestCore;
let good: Receiver;
let bad: Receiver;
let s3rver: Awaited<ReturnType<typeof startS3rver>>;
const logLines: string[] = [];

beforeAll(async () => {
  app = await startTestCore({}, { logger: createLogger('debug', (line) => logLines.push(line)) });
  remote = await startTestCore({ confirmMode: 'strict', accessKey: 'AKIAREMOTE', secretKey: REMOTE_SECRET }, { paused: true });
  [good, bad, s3rver] = await Promise.all([startReceiver(), startReceiver({ handshake: 'wrong' }), startS3rver()]);
});
afterAll(async () => {
  await app?.stop(); await remote?.stop(); await good?.close(); await bad?.close(); await s3rver?.close();
});

async function call(method: string, input: unknown): Promise<ApiResult<unknown>> {
  const res = await fetch(`${app.appEndpoint}/_api/${method}`, {
    method: 'POST', body: JSON.stringify(input), headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` },
  });
  const text = await res.text();
  expect(text).not.toContain(REMOTE_SECRET);
  return JSON.parse(text) as ApiResult<unknown>;
}
async function ok<T>(method: string, input: unknown): Promise<T> {
  const reply = await call(method, input);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.result as T;
}
async function fails(method: string, input: unknown): Promise<{ code: string; message: string }> {
  const reply = await call(method, input);
  if (reply.ok) throw new Error(`${method} should have failed`);
  return reply.error;
}
const profile = { name: 'second', region: 'ru-msk', accessKey: 'AKIAREMOTE', secretKey: REMOTE_SECRET, pathStyle: true, verifyTls: true };
const onRemote = { profile: 'second' };

describe('profiles', () => {
  it('lists "This computer" first, saves a remote profile masked, and tests it', async () => {
    const saved = await ok<ProfileView>('profiles.save', { ...profile, endpoint: remote.endpoint });
    expect(saved).toMatchObject({ name: 'second', hasSecret: true, builtIn: false });
    const list = await ok<ProfileView[]>('profiles.list', {});
    expect(list.map((p) => [p.name, p.builtIn])).toEqual([['local', true], ['second', false]]);
    expect(await ok('profiles.test', { name: 'second' })).toMatchObject({ ok: true, bucketCount: 0 });
    expect(await ok('profiles.test', { profile: { ...profile, endpoint: remote.endpoint, secretKey: 'wrong' } }))
      .toMatchObject({ ok: false, kind: 'auth', code: 'SignatureDoesNotMatch' });
    expect(await ok('server.status', {})).toMatchObject({ secretsAtRest: 'owner-only-files' });
  });

  it('names an unknown profile in the error of any call on it', async () => {
    expect(await fails('buckets.list', { profile: 'nope' })).toEqual({ code: 'NoSuchProfile', message: 'No connection profile named "nope"' });
  });
});

describe('the bucket browser on a remote profile', () => {
  it('creates a bucket, uploads through the relay (one use per URL), lists, details, presigns and deletes', async () => {
    await ok('buckets.create', { ...onRemote, name: 'photos' });
    expect((await ok<{ name: string }[]>('buckets.list', onRemote)).map((b) => b.name)).toEqual(['photos']);
    expect(await ok<unknown[]>('buckets.list', {})).toEqual([]);
    const plan = await ok<UploadPlan>('objects.createUpload', { ...onRemote, bucket: 'photos', key: 'cats/a.txt', size: 5 });
    if (plan.mode !== 'single') throw new Error('a remote upload is one relayed PUT');
    expect(plan.url).toMatch(new RegExp(`^${app.endpoint}/_upload/[\\w-]{32}$`));
    expect((await fetch(plan.url, { method: 'PUT', body: 'hello' })).status).toBe(200);
    expect(await fetch(plan.url, { method: 'PUT', body: 'again' })).toMatchObject({ status: 404 });
    await ok('objects.createFolder', { ...onRemote, bucket: 'photos', key: 'dogs/' });
    const page = await ok<{ folders: string[] }>('objects.list', { ...onRemote, bucket: 'photos' });
    expect(page.folders).toEqual(['cats/', 'dogs/']);
    expect(await ok('objects.head', { ...onRemote, bucket: 'photos', key: 'cats/a.txt' })).toMatchObject({ size: 5 });
    const { url } = await ok<{ url: string }>('objects.presign', { ...onRemote, bucket: 'photos', key: 'cats/a.txt' });
    expect(await (await fetch(url)).text()).toBe('hello');
    expect(await ok('objects.delete', { ...onRemote, bucket: 'photos', keys: ['cats/a.txt'] })).toEqual({ deleted: ['cats/a.txt'], errors: [] });
  });
});

describe('uploads relayed to a remote profile', () => {
  const plan = async (key: string, size: number) => {
    const p = await ok<UploadPlan>('objects.createUpload', { ...onRemote, bucket: 'photos', key, size });
    if (p.mode !== 'single') throw new Error('expected one relayed PUT');
    return p.url;
  };

  it('streams a file larger than one part to the remote as a multipart upload', async () => {
    const big = Buffer.alloc(RELAY_PART_SIZE * 2 + 1234, 7);
    const res = await fetch(await plan('big.bin', big.length), { method: 'PUT', body: big });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/-3"?$/);
    const head = await ok<{ size: number; etag: string }>('objects.head', { ...onRemote, bucket: 'photos', key: 'big.bin' });
    expect([head.size, head.etag]).toEqual([big.length, expect.stringMatching(/-3$/)]);
  });

  it('refuses a body of another length, and stores nothing when the upload is cut short', async () => {
    const wrong = await fetch(await plan('wrong.bin', 10), { method: 'PUT', body: 'short' });
    expect([wrong.status, await wrong.text()]).toEqual([400, expect.stringContaining('<Code>IncompleteBody</Code>')]);
    const url = new URL(await plan('cut.bin', 1024 * 1024));
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'PUT', headers: { 'content-length': 1024 * 1024 } });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(1000), () => { req.destroy(); resolve(); });
    });
    const listed = async () => (await ok<{ objects: { key: string }[] }>('objects.list', { ...onRemote, bucket: 'photos' })).objects.map((o) => o.key);
    await expect.poll(() => logLines.some((l) => l.includes('relayed upload failed'))).toBe(true);
    expect(await listed()).not.toContain('cut.bin');
    expect(await listed()).not.toContain('wrong.bin');
  });
});

describe('the Webhooks tab on a remote profile', () => {
  const hook = (id: string, url: string) => ({ id, events: ['s3:ObjectCreated:*'], url, prefix: `${id}/` });

  it('adds a VK hook whose URL passes, and shows the refusal of one that fails with the remote code', async () => {
    const added = await ok<{ handshake: { status: string } }>('hooks.upsert', { ...onRemote, bucket: 'photos', hook: hook('ok', good.urlFor('/ok')) });
    expect(added.handshake.status).toBe('remote');
    const refusal = await fails('hooks.upsert', { ...onRemote, bucket: 'photos', hook: hook('bad', bad.urlFor('/bad')) });
    expect(refusal.code).toBe('InvalidArgument');
    expect(refusal.message).toMatch(/^InvalidArgument: .*signature/i);
    expect((await ok<HookView[]>('hooks.list', { ...onRemote, bucket: 'photos' })).map((h) => [h.id, h.dialect, h.prefix])).toEqual([['ok', 'vk', 'ok/']]);
  });

  it('edits, refuses BucketHooks-only settings, sends a test event from here, exports and imports', async () => {
    await ok('hooks.upsert', { ...onRemote, bucket: 'photos', hook: { ...hook('ok', good.urlFor('/ok2')), suffix: '.jpg' }, replaceId: 'ok' });
    expect((await fails('hooks.setState', { ...onRemote, bucket: 'photos', id: 'ok', state: 'paused' })).code).toBe('LocalOnly');
    expect((await fails('hooks.upsert', { ...onRemote, bucket: 'photos', hook: { ...hook('s', good.urlFor('/s')), secret: 'whsec_MDEyMzQ1Njc4OWFiY2RlZg==' } })).code).toBe('LocalOnly');
    const policy = await fails('hooks.upsert', { ...onRemote, bucket: 'photos', hook: { ...hook('h', good.urlFor('/h')), health: { suspendAfterFailures: 5 } } });
    expect(policy).toMatchObject({ code: 'LocalOnly', message: expect.stringMatching(/health policy is a BucketHooks feature/) });
    await ok('hooks.upsert', { ...onRemote, bucket: 'photos', hook: { ...hook('d', good.urlFor('/d')), health: {} } });
    await ok('hooks.delete', { ...onRemote, bucket: 'photos', ids: ['d'] });
    const test = await ok<{ deliveryId: null; answer: { ok: boolean; status: number } }>('hooks.sendTest', { ...onRemote, bucket: 'photos', id: 'ok' });
    expect(test).toMatchObject({ deliveryId: null, answer: { ok: true, status: 200 } });
    const { xml } = await ok<{ xml: string }>('hooks.exportXml', { ...onRemote, bucket: 'photos' });
    expect(xml).toContain(`<Url>${good.urlFor('/ok2')}</Url>`);
    await ok('hooks.importXml', { ...onRemote, bucket: 'photos', xml: '<NotificationConfiguration/>' });
    expect(await ok('hooks.list', { ...onRemote, bucket: 'photos' })).toEqual([]);
    expect(await ok('deliveries.list', {})).toMatchObject({ items: [] });
  });

  it('applies a local bucket\'s hooks to the remote bucket: preview, one PUT, stale previews refused', async () => {
    await ok('buckets.create', { name: 'design' });
    await ok('hooks.upsert', { bucket: 'design', hook: hook('a', good.urlFor('/a')) });
    await ok('hooks.upsert', { bucket: 'design', hook: { ...hook('b', good.urlFor('/b')), events: ['s3:ObjectRemoved:*'] } });
    const input = { source: { bucket: 'design' }, target: { ...onRemote, bucket: 'photos' } };
    const diff = await ok<HookSetDiff>('hooks.previewApply', input);
    expect([diff.added.map((h) => h.id), diff.changed, diff.removed]).toEqual([['a', 'b'], [], []]);
    expect(await fails('hooks.apply', { ...input, xml: '<NotificationConfiguration/>' })).toMatchObject({ code: 'PreviewOutdated' });
    const applied = await ok<HookView[]>('hooks.apply', { ...input, xml: diff.xml });
    expect(applied.map((h) => [h.id, h.dialect])).toEqual([['a', 'vk'], ['b', 'vk']]);
    expect((await signedRequest(remote.endpoint, 'GET', '/photos', { notification: '' }, '', {}, { accessKey: 'AKIAREMOTE', secretKey: REMOTE_SECRET })).body)
      .toBe(diff.xml);
    expect(await ok<HookSetDiff>('hooks.previewApply', input)).toMatchObject({ added: [], changed: [], removed: [] });
  });
});

describe('s3rver as a remote profile', () => {
  it('browses buckets and answers the Webhooks tab with the unsupported state', async () => {
    await ok('profiles.save', { name: 'plain', endpoint: s3rver.endpoint, region: 'us-east-1', accessKey: s3rver.accessKey,
      secretKey: s3rver.secretKey, pathStyle: true, verifyTls: true });
    await ok('buckets.create', { profile: 'plain', name: 'box' });
    expect((await ok<{ name: string }[]>('buckets.list', { profile: 'plain' })).map((b) => b.name)).toEqual(['box']);
    const error = await fails('hooks.list', { profile: 'plain', bucket: 'box' });
    expect(error).toEqual({ code: 'NotificationsUnsupported', message: expect.stringMatching(/^This service does not support bucket notifications/) });
  });
});

describe('secrets stay out of the log', () => {
  it('logs profile changes without the secret key', () => {
    expect(logLines.some((l) => l.includes('profile saved'))).toBe(true);
    expect(logLines.join('\n')).not.toContain(REMOTE_SECRET);
  });
});
