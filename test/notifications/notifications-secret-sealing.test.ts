// Hook signing secrets at rest through the SecretStore: with the desktop's safeStorage store (a fake safeStorage
// that really encrypts) the hooks table never holds a secret in clear, deliveries are still signed with it, export
// still carries it, plain secrets of an older run are sealed at start; a headless run on that data dir says so.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Webhook } from 'standardwebhooks';
import { createSafeStorageSecrets, type SafeStorageLike } from '../../src-main/shell/safe-storage-secrets';
import { KEYCHAIN_PREFIX } from '../../src-main/core/kernel/secret-store';
import { createLogger } from '../../src-main/core/kernel/logger';
import type { SecretStore } from '../../src-main/core/kernel/secret-store';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/temp-dir';

const KEY = createHash('sha256').update('test keychain').digest();
/** AES-GCM under a fixed key: output unrelated to the input, decryptable by the next run. */
const fakeSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString(text) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', KEY, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  decryptString(data) {
    const decipher = createDecipheriv('aes-256-gcm', KEY, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
  },
};
const keychain = createSafeStorageSecrets(fakeSafeStorage);
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

let receiver: Receiver;
let dir: string;
let core: TestCore | undefined;
const lines: string[] = [];
beforeAll(async () => { receiver = await startReceiver({ handshake: 'none', behaviour: { status: 204 } }); });
afterAll(async () => { await receiver?.close(); });
afterEach(async () => { await core?.stop(); core = undefined; });

const start = async (secrets?: SecretStore) => {
  core = await startTestCore({ dataDir: dir }, { secrets, logger: createLogger('info', (l) => lines.push(l)) });
  return core;
};
const storedSecrets = (c: TestCore) => (c.db.prepare('SELECT secret FROM hooks WHERE secret IS NOT NULL').all() as { secret: string }[]).map((r) => r.secret);
async function deliveredHeaders(c: TestCore, key: string) {
  await c.s3.send(new PutObjectCommand({ Bucket: 'signed', Key: key, Body: 'x' }));
  await expect.poll(() => receiver.received.some((r) => r.body.includes(`"${key}"`)), { timeout: 20_000 }).toBe(true);
  return receiver.received.find((r) => r.body.includes(`"${key}"`))!;
}

describe('hook secrets sealed with the OS keychain', () => {
  beforeAll(() => { dir = tempDir('bh-sealed-'); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seals plain secrets of an earlier headless run at start, and signs deliveries with the secret', async () => {
    const first = await start();
    await first.api['buckets.create']({ name: 'signed' });
    await first.api['hooks.upsert']({ bucket: 'signed', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url: receiver.urlFor('/h'), secret: SECRET } });
    expect(storedSecrets(first)).toEqual([SECRET]);
    await first.stop();
    core = undefined;

    const desktop = await start(keychain);
    const [stored] = storedSecrets(desktop);
    expect(stored.startsWith(KEYCHAIN_PREFIX)).toBe(true);
    expect(stored).not.toContain(SECRET.slice(6));
    expect(lines.some((l) => l.includes('hook secrets sealed with the OS keychain'))).toBe(true);
    const got = await deliveredHeaders(desktop, 'one.txt');
    expect(() => new Webhook(SECRET).verify(got.body, got.headers as Record<string, string>)).not.toThrow();
  });

  it('seals a secret set through the API, keeps it out of the table and in an export that asks for it', async () => {
    const desktop = await start(keychain);
    const other = 'whsec_QWxhZGRpbjpvcGVuIHNlc2FtZQ==';
    await desktop.api['hooks.upsert']({ bucket: 'signed', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url: receiver.urlFor('/h'), secret: other }, replaceId: 'h' });
    expect(storedSecrets(desktop).join()).not.toContain(other.slice(6));
    expect((await desktop.api['hooks.exportXml']({ bucket: 'signed', includeSecrets: true })).xml).toContain(other);
    const got = await deliveredHeaders(desktop, 'two.txt');
    expect(() => new Webhook(other).verify(got.body, got.headers as Record<string, string>)).not.toThrow();
  });

  it('a headless run on the same data dir says it cannot open them, and delivers unsigned', async () => {
    lines.length = 0;
    const headless = await start();
    expect(lines.some((l) => l.includes('cannot be opened here'))).toBe(true);
    const got = await deliveredHeaders(headless, 'three.txt');
    expect(got.headers['webhook-signature']).toBeUndefined();
  });
});
