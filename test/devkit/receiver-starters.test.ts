// The receiver starter code of the hook dialog runs for real: each file under examples/receivers, filled with a
// hook's URL and secret exactly as the dialog fills it, runs as a child process on a free port against a real core
// in strict confirmation mode. The handshake confirms the hook, a PUT's signed delivery is accepted and its record
// logged, and deliveries the test signs itself (body changed, wrong secret, stale timestamp, no headers) get 401.
// Go runs only where a Go toolchain is installed; otherwise the Go cases are skipped and a NOT RUN line says why.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { spawnReceiver, type ReceiverProcess } from '../helpers/receiver-process';
import { GO, prepareStarter, STARTER_LANGUAGES as LANGUAGES } from '../helpers/starter-languages';
import { freePort } from '../helpers/ports';
import { tempDir } from '../helpers/temp-dir';

const ROOT = join(import.meta.dirname, '../..');
const VECTOR = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/vk-subscription-confirmation.json'), 'utf8'));
const VK_EVENT = readFileSync(join(ROOT, 'test/fixtures/vk-event.json'), 'utf8');
if (!GO) process.stdout.write('Go receiver NOT RUN: no Go toolchain on PATH (apt-get install golang-go to run it)\n');

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** A one-record VK body for `key` (form-URL-encoded as deliveries carry it). */
function recordBody(key: string): string {
  const body = JSON.parse(VK_EVENT) as { Records: { s3: { object: { key: string } } }[] };
  body.Records[0].s3.object.key = encodeURIComponent(key).replace(/%20/g, '+');
  return JSON.stringify(body);
}

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore({ confirmMode: 'strict' });
  await core.api['buckets.create']({ name: 'uploads' });
});
afterAll(async () => {
  await core?.stop();
});

describe.each(LANGUAGES)('the $name starter receiver', (lang) => {
  const secret = newSecret();
  let dir: string;
  let url: string;
  let command: [string, string[]];
  let receiver: ReceiverProcess;

  /** POST `body` to the receiver with Standard Webhooks headers; returns the status. */
  async function post(body: string, headers: Record<string, string>): Promise<number> {
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    await res.text();
    return res.status;
  }

  beforeAll(async () => {
    if (!lang.available) return;
    dir = tempDir(`bh-receiver-${lang.name}-`);
    url = `http://127.0.0.1:${await freePort()}/hooks/${lang.name}`;
    command = prepareStarter(lang, dir, { url, secret });
    receiver = await spawnReceiver(command[0], command[1], {});
  });
  afterAll(async () => {
    await receiver?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!lang.available)('answers the handshake: the hook is confirmed in strict mode', async () => {
    const { handshake } = await core.api['hooks.upsert']({
      bucket: 'uploads', hook: { id: `starter-${lang.name}`, events: ['s3:ObjectCreated:*'], url, prefix: `${lang.name}/`, secret },
    });
    expect(handshake.status).toBe('confirmed');
    expect(await receiver.waitForLine((l) => l.startsWith('handshake '))).toBe('handshake bh-owner|uploads|s3:ObjectCreated:*');
  });

  it.skipIf(!lang.available)("accepts a PUT's signed delivery and logs its event and key", async () => {
    const key = `${lang.name}/cat one+100%.jpg`;
    await core.s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: 'meow' }));
    expect(await receiver.waitForLine((l) => l.startsWith('record '))).toBe(`record s3:ObjectCreated:Put ${key}`);
    await expect.poll(async () => {
      const page = await core.api['deliveries.list']({ filter: { bucket: 'uploads', hookId: `starter-${lang.name}` } });
      return page.items.map((d) => [d.status, d.lastStatus]);
    }).toEqual([['delivered', 200]]);
  });

  it.skipIf(!lang.available)('rejects a tampered, wrongly signed, stale or unsigned delivery with 401', async () => {
    const signer = new Webhook(secret);
    const now = new Date();
    const signed = (id: string, body: string, at = now, by = signer) => ({
      'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': by.sign(id, at, body),
    });
    const valid = recordBody('control/ok.txt');
    expect(await post(valid, signed('msg-valid', valid))).toBe(200);
    const cases: [string, string, Record<string, string>][] = [
      ['msg-tampered', recordBody('tampered/body.txt'), signed('msg-tampered', recordBody('tampered/original.txt'))],
      ['msg-wrong-secret', recordBody('tampered/secret.txt'), signed('msg-wrong-secret', recordBody('tampered/secret.txt'), now, new Webhook(newSecret()))],
      ['msg-stale', recordBody('tampered/stale.txt'), signed('msg-stale', recordBody('tampered/stale.txt'), new Date(now.getTime() - 6 * 60_000))],
      ['msg-unsigned', recordBody('tampered/unsigned.txt'), { 'webhook-id': 'msg-unsigned' }],
    ];
    for (const [id, body, headers] of cases) {
      expect(await post(body, headers), id).toBe(401);
      await receiver.waitForLine((l) => l.startsWith(`rejected ${id}: `));
    }
    expect(receiver.lines.filter((l) => l.startsWith('record ') && l.includes('tampered/'))).toEqual([]);
    expect(receiver.lines).toContain('record s3:ObjectCreated:Put control/ok.txt');
    expect(receiver.lines.find((l) => l.startsWith('rejected msg-stale: '))).toBe('rejected msg-stale: timestamp too old');
  });

  it.skipIf(!lang.available)("answers VK's published test vector with HOOK_URL and PORT from the environment", async () => {
    const port = await freePort();
    const vector = await spawnReceiver(command[0], command[1], { HOOK_URL: VECTOR.url, PORT: String(port) });
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST', body: JSON.stringify(VECTOR.request),
        headers: { 'content-type': 'application/json', 'x-amz-sns-message-type': 'SubscriptionConfirmation' },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(VECTOR.expected_response);
    } finally {
      await vector.stop();
    }
  });
});
