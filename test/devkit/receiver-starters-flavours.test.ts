// The receiver starters (examples/receivers) against a real core's `sns` and `b2` hooks: each starter verifies the
// SNS signature with the certificate fetched from SigningCertURL (SignatureVersion 1 and 2, AWS's canonical strings,
// built here independently of the core), visits SubscribeURL only for a genuine SubscriptionConfirmation, checks B2's
// `v1=` HMAC, prints the records of real PUTs, and answers 403 to tampered SNS bodies and wrong B2 signatures.
// The Python one without an `openssl` command refuses SNS messages instead of accepting them unchecked.
import { execFileSync } from 'node:child_process';
import { createHmac, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { spawnReceiver, type ReceiverProcess } from '../helpers/receiver-process';
import { freePort } from '../helpers/ports';
import { prepareStarter, STARTER_LANGUAGES } from '../helpers/starter-languages';
import { tempDir } from '../helpers/temp-dir';

const BUCKET = 'flavoured';
const CERT_PATH = '/_sns/SimpleNotificationService.pem';
/** AWS's documented string-to-sign fields: a Notification's, and a (Un)SubscriptionConfirmation's. */
const SIGNED = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  Confirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

let core: TestCore;
let certUrl: string;
/** The SubscribeURL host: records the Tokens visited. */
let subscribeServer: http.Server;
let subscribeBase: string;
const visited = new Set<string>();

beforeAll(async () => {
  core = await startTestCore();
  await core.api['buckets.create']({ name: BUCKET });
  certUrl = `${core.endpoint}${CERT_PATH}`;
  subscribeServer = http.createServer((req, res) => {
    visited.add(new URL(req.url ?? '/', 'http://x').searchParams.get('Token') ?? '');
    res.writeHead(200, { 'content-type': 'text/xml' }).end('<ConfirmSubscriptionResponse/>');
  });
  await new Promise<void>((resolve) => subscribeServer.listen(0, '127.0.0.1', resolve));
  subscribeBase = `http://127.0.0.1:${(subscribeServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  subscribeServer?.closeAllConnections();
  await new Promise((resolve) => subscribeServer?.close(resolve));
  await core?.stop();
});

/** Sign `message` the way AWS documents: its type's fields in order, "Name\nvalue\n" each, RSA with SHA1 (v1) or SHA256 (v2). */
function snsSigned(message: Record<string, string>, version: '1' | '2', privateKey: string | KeyObject): Record<string, string> {
  const fields = message.Type === 'Notification' ? SIGNED.Notification : SIGNED.Confirmation;
  const canonical = fields.filter((f) => message[f] !== undefined).map((f) => `${f}\n${message[f]}\n`).join('');
  const signature = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256').update(canonical, 'utf8').sign(privateKey, 'base64');
  return { ...message, SignatureVersion: version, Signature: signature, SigningCertURL: certUrl };
}

/** A SubscriptionConfirmation (or UnsubscribeConfirmation) for a new Token whose SubscribeURL is the test's server. */
function confirmation(type: string, topicArn: string): Record<string, string> {
  const token = randomBytes(16).toString('hex');
  return {
    Type: type, MessageId: randomBytes(8).toString('hex'), Token: token, TopicArn: topicArn,
    Message: `You have chosen to subscribe to the topic ${topicArn}.`, Timestamp: new Date().toISOString(),
    SubscribeURL: `${subscribeBase}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`,
  };
}

describe.each(STARTER_LANGUAGES)('the $name starter with sns and b2 hooks', (lang) => {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  let dir: string;
  let url: string;
  let command: [string, string[]];
  let receiver: ReceiverProcess;

  async function post(body: string, headers: Record<string, string>, to = url): Promise<number> {
    const res = await fetch(to, { method: 'POST', body, headers });
    await res.text();
    return res.status;
  }
  const postSns = (message: Record<string, string>) => post(JSON.stringify(message), {
    'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': message.Type,
  });
  /** The body the core posted for the only delivery of `hookId`. */
  async function deliveredBody(hookId: string): Promise<string> {
    let id = 0;
    await expect.poll(async () => {
      const page = await core.api['deliveries.list']({ filter: { bucket: BUCKET, hookId } });
      id = page.items[0]?.id ?? 0;
      return page.items.map((d) => [d.status, d.lastStatus]);
    }).toEqual([['delivered', 200]]);
    return (await core.api['deliveries.get']({ id })).attempts[0].requestBody;
  }

  beforeAll(async () => {
    if (!lang.available) return;
    dir = tempDir(`bh-starter-flavours-${lang.name}-`);
    url = `http://127.0.0.1:${await freePort()}/hooks/${lang.name}`;
    command = prepareStarter(lang, dir, { url, secret });
    receiver = await spawnReceiver(command[0], command[1], { SNS_CERT_URL_PREFIXES: `${core.endpoint}/_sns/` });
    for (const flavour of ['sns', 'b2'] as const) {
      await core.api['hooks.upsert']({
        bucket: BUCKET, hook: { id: `${flavour}-${lang.name}`, events: ['s3:ObjectCreated:*'], url, prefix: `${flavour}/${lang.name}/`, flavour, secret },
      });
    }
  });
  afterAll(async () => {
    await receiver?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!lang.available)("verifies a real SNS Notification with the served certificate and prints the S3 record in its Message", async () => {
    const key = `sns/${lang.name}/cat one+100%.jpg`;
    await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'meow' }));
    expect(await receiver.waitForLine((l) => l.startsWith('record ') && l.includes('sns/'))).toBe(`record ObjectCreated:Put ${key}`); // AWS's eventName has no s3: prefix
    const body = await deliveredBody(`sns-${lang.name}`);
    expect(JSON.parse(body)).toMatchObject({ Type: 'Notification', SignatureVersion: '2', SigningCertURL: certUrl });
  });

  it.skipIf(!lang.available)('refuses a tampered SNS body, an untrusted SigningCertURL and a forged key with 403', async () => {
    const real = JSON.parse(await deliveredBody(`sns-${lang.name}`)) as Record<string, string>;
    expect(await postSns(real)).toBe(200); // the genuine body again: the control
    const tampered = { ...real, Message: real.Message.replace('ObjectCreated:Put', 'ObjectCreated:Pux') };
    expect(tampered.Message).not.toBe(real.Message);
    expect(await postSns(tampered)).toBe(403);
    expect(await postSns({ ...real, SigningCertURL: 'http://127.0.0.1:1/_sns/evil.pem' })).toBe(403);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(await postSns(snsSigned({ ...real, MessageId: 'forged' }, '2', other))).toBe(403);
    await receiver.waitForLine((l) => l.startsWith('rejected sns forged: '));
    expect(receiver.lines.filter((l) => l.startsWith('rejected sns '))).toEqual([
      `rejected sns ${real.MessageId}: the signature does not verify`,
      `rejected sns ${real.MessageId}: SigningCertURL http://127.0.0.1:1/_sns/evil.pem is not trusted (see SNS_CERT_URL_PREFIXES)`,
      'rejected sns forged: the signature does not verify',
    ]);
    expect(receiver.lines.filter((l) => l.includes('Pux'))).toEqual([]);
  });

  it.skipIf(!lang.available)('visits SubscribeURL for a genuine SubscriptionConfirmation (SignatureVersion 1 and 2), never for a forged one', async () => {
    const privateKey = readFileSync(join(core.dir, 'sns-signing-key.pem'), 'utf8');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const topic = `arn:aws:sns:us-east-1:123456789012:${lang.name}`;
    const forged = confirmation('SubscriptionConfirmation', topic);
    expect(await postSns(snsSigned(forged, '2', other))).toBe(403);
    for (const version of ['1', '2'] as const) {
      const genuine = confirmation('SubscriptionConfirmation', `${topic}-v${version}`);
      expect(await postSns(snsSigned(genuine, version, privateKey))).toBe(200);
      expect(visited.has(genuine.Token), `v${version}`).toBe(true);
      expect(await receiver.waitForLine((l) => l === `subscribed ${topic}-v${version}`)).toBeTruthy();
    }
    expect(visited.has(forged.Token)).toBe(false);
    const bye = confirmation('UnsubscribeConfirmation', topic);
    expect(await postSns(snsSigned(bye, '2', privateKey))).toBe(200);
    expect(visited.has(bye.Token)).toBe(false);
    await receiver.waitForLine((l) => l === `unsubscribed ${topic}`);
  });

  it.skipIf(!lang.available)('checks B2\'s v1= signature on a real batch and prints each event; a wrong signature or changed body gets 403', async () => {
    const key = `b2/${lang.name}/x y+z.txt`;
    await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'b2' }));
    expect(await receiver.waitForLine((l) => l.startsWith('record b2:'))).toBe(`record b2:ObjectCreated:Upload ${key}`);
    const body = await deliveredBody(`b2-${lang.name}`);
    const sign = (text: string, by = secret) => `v1=${createHmac('sha256', by).update(text).digest('hex')}`;
    const b2 = (text: string, signature: string) => post(text, { 'content-type': 'application/json', 'x-bz-event-notification-signature': signature });
    expect(await b2(body, sign(body))).toBe(200);
    expect(await b2(body, sign(body, 'whsec_another'))).toBe(403);
    expect(await b2(body.replace('x y+z', 'x y+Z'), sign(body))).toBe(403);
    // The answer can arrive before the printed line is read from the pipe: poll.
    await expect.poll(() => receiver.lines.filter((l) => l.startsWith('rejected b2: '))).toEqual(['rejected b2: no matching v1 signature', 'rejected b2: no matching v1 signature']);
    expect(receiver.lines.filter((l) => l.includes('x y+Z'))).toEqual([]);
  });

  it.skipIf(!lang.available)('takes a B2-style secret (no whsec_): B2 deliveries verify, Standard Webhooks ones get 401', async () => {
    const b2Secret = randomBytes(16).toString('hex');
    const port = await freePort();
    const other = await spawnReceiver(command[0], command[1], { HOOK_URL: url, PORT: String(port), HOOK_SECRET: b2Secret });
    try {
      const at = new URL(url);
      at.port = String(port);
      const body = JSON.stringify({ events: [{ eventType: 'b2:ObjectCreated:Upload', objectName: 'plain key.txt' }] });
      const signature = `v1=${createHmac('sha256', b2Secret).update(body).digest('hex')}`;
      expect(await post(body, { 'x-bz-event-notification-signature': signature }, at.href)).toBe(200);
      await other.waitForLine((l) => l === 'record b2:ObjectCreated:Upload plain key.txt');
      expect(await post('{"Records":[]}', { 'webhook-id': 'x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' }, at.href)).toBe(401);
      await other.waitForLine((l) => l === 'rejected x: HOOK_SECRET is not a whsec_ secret');
    } finally {
      await other.stop();
    }
  });
});

describe('the python starter without an openssl command', () => {
  it('says so at start and refuses a genuine SNS message with 403 rather than accept it unchecked', async () => {
    const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
    const dir = tempDir('bh-starter-no-openssl-');
    const url = `http://127.0.0.1:${await freePort()}/hooks/no-openssl`;
    const [, args] = prepareStarter(STARTER_LANGUAGES[1], dir, { url, secret: `whsec_${randomBytes(24).toString('base64')}` });
    const receiver = await spawnReceiver(python, args, { PATH: join(dir, 'empty'), SNS_CERT_URL_PREFIXES: `${core.endpoint}/_sns/` });
    try {
      expect(receiver.lines[0]).toBe('no openssl command on PATH: SNS messages will be refused (403), their signatures cannot be checked');
      const message = snsSigned(confirmation('SubscriptionConfirmation', 'arn:aws:sns:us-east-1:123456789012:no-openssl'), '2',
        readFileSync(join(core.dir, 'sns-signing-key.pem'), 'utf8'));
      const res = await fetch(url, { method: 'POST', body: JSON.stringify(message), headers: { 'x-amz-sns-message-type': message.Type } });
      expect(res.status).toBe(403);
      await receiver.waitForLine((l) => l === `rejected sns ${message.MessageId}: no openssl command to check the signature with`);
      expect(visited.has(message.Token)).toBe(false);
    } finally {
      await receiver.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
