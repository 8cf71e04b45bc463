// Delivery auth per hook against a real receiver: custom headers, a bearer token and basic auth arrive on the first
// attempt, on a retry, on a replay and on the test event; the attempt log and the app API never show their values;
// flavour and auth survive a restart and an export → import (auth only with includeSecrets).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { waitFor } from '../delivery/delivery-harness';
import { removeTempDir, tempDir } from '../helpers/temp-dir';

const dir = tempDir('bh-auth-');
let core: TestCore;
let rx: Receiver;
const basic = `Basic ${Buffer.from('ann:p:a ss').toString('base64')}`;

beforeAll(async () => {
  core = await startTestCore({ dataDir: dir });
  rx = await startReceiver();
  await core.s3.send(new CreateBucketCommand({ Bucket: 'auth' }));
});
afterAll(async () => { await rx.close(); await core?.stop(); removeTempDir(dir); });

const upsert = (id: string, prefix: string, auth: unknown, flavour = 'aws') => core.api['hooks.upsert']({ bucket: 'auth', hook: {
  id, events: ['s3:ObjectCreated:*'], url: `${rx.url}/${id}`, prefix, retrySchedule: [50], flavour, auth,
} as never });

describe('delivery auth', () => {
  it('sends headers and a bearer token on the first attempt, the retry, a replay and the test event; masks them', async () => {
    await upsert('bearer', 'b/', { headers: [{ name: 'X-Api-Key', value: 'k-123' }], bearerToken: 'tok-456' });
    let answered = 0;
    rx.behave(() => (answered++ === 0 ? { status: 503 } : { status: 200 }));
    await core.s3.send(new PutObjectCommand({ Bucket: 'auth', Key: 'b/one', Body: '1' }));
    const mine = () => rx.received.filter((r) => r.path === '/hook/bearer');
    await waitFor(() => mine().length >= 2, 10_000, 'first attempt and retry');
    const page = await core.api['deliveries.list']({ filter: { hookId: 'bearer' } });
    await core.api['deliveries.replay']({ id: page.items[0].id });
    await core.api['hooks.sendTest']({ bucket: 'auth', id: 'bearer' });
    expect(mine()).toHaveLength(4);
    for (const r of mine()) expect(r.headers).toMatchObject({ 'x-api-key': 'k-123', authorization: 'Bearer tok-456' });
    const detail = await core.api['deliveries.get']({ id: page.items[0].id });
    expect(detail.attempts.map((a) => a.trigger)).toEqual(['initial', 'retry', 'replay']);
    for (const a of detail.attempts) {
      expect(JSON.stringify(a.requestHeaders)).not.toMatch(/k-123|tok-456/);
      expect(a.requestHeaders.authorization).toBe('Bearer ••••••••');
    }
    const [view] = (await core.api['hooks.list']({ bucket: 'auth' })).filter((h) => h.id === 'bearer');
    expect(view.auth).toEqual({ headers: ['X-Api-Key'], bearer: true, basicUser: null });
    expect(JSON.stringify(view)).not.toMatch(/k-123|tok-456/);
  });

  it('sends basic auth', async () => {
    rx.behave({ status: 200 });
    await upsert('basic', 'c/', { basic: { user: 'ann', password: 'p:a ss' } }, 'b2');
    await core.s3.send(new PutObjectCommand({ Bucket: 'auth', Key: 'c/one', Body: '1' }));
    await waitFor(() => rx.received.some((r) => r.path === '/hook/basic'), 10_000, 'basic delivery');
    expect(rx.received.find((r) => r.path === '/hook/basic')?.headers.authorization).toBe(basic);
  });

  it('refuses bad auth with a specific error and changes nothing', async () => {
    await expect(upsert('bad', 'd/', { headers: [{ name: 'Bad Name', value: 'x' }] })).rejects.toMatchObject({ code: 'InvalidInput' });
    await expect(upsert('bad', 'd/', { headers: [{ name: 'Expect', value: '100-continue' }] })).rejects.toMatchObject({ message: expect.stringMatching(/Expect is about the connection/) });
    await expect(upsert('bad', 'd/', { headers: [{ name: 'keep-alive', value: 'timeout=5' }] })).rejects.toMatchObject({ message: expect.stringMatching(/keep-alive is about the connection/) });
    await expect(upsert('bad', 'd/', { bearerToken: 't', basic: { user: 'u', password: 'p' } })).rejects.toMatchObject({ message: expect.stringMatching(/not both/) });
    await expect(upsert('bad', 'd/', null, 'nope')).rejects.toMatchObject({ message: expect.stringMatching(/hook.flavour/) });
    expect((await core.api['hooks.list']({ bucket: 'auth' })).map((h) => h.id)).toEqual(['bearer', 'basic']);
  });

  it('keeps flavour and auth across a restart and an export → import; secrets only with includeSecrets', async () => {
    await core.stop();
    core = await startTestCore({ dataDir: dir });
    const hooks = await core.api['hooks.list']({ bucket: 'auth' });
    expect(hooks.map((h) => [h.id, h.flavour, h.auth.bearer, h.auth.basicUser])).toEqual([['bearer', 'aws', true, null], ['basic', 'b2', false, 'ann']]);
    const plain = (await core.api['hooks.exportXml']({ bucket: 'auth' })).xml;
    expect(plain).toContain('flavour="b2"');
    expect(plain).not.toMatch(/tok-456|k-123|p:a ss/);
    const full = (await core.api['hooks.exportXml']({ bucket: 'auth', includeSecrets: true })).xml;
    expect(full).toMatch(/tok-456/);
    await core.s3.send(new CreateBucketCommand({ Bucket: 'copy' }));
    const imported = await core.api['hooks.importXml']({ bucket: 'copy', xml: full });
    expect(imported.map((h) => [h.id, h.flavour, h.auth])).toEqual([
      ['bearer', 'aws', { headers: ['X-Api-Key'], bearer: true, basicUser: null }], ['basic', 'b2', { headers: [], bearer: false, basicUser: 'ann' }]]);
  });
});
