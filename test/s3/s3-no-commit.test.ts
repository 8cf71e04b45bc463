// "No commit" against the real core (storage on disk, notifications, outbox): a client abort mid-body, a body
// that does not match its signed SHA-256 and every rejected POST policy leave no object, no version and no
// event behind, and the endpoint goes on serving. The request's end is read from the core's own log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createHash, createHmac } from 'node:crypto';
import { HeadObjectCommand, ListObjectVersionsCommand, PutObjectCommand, CreateBucketCommand } from '@aws-sdk/client-s3';
import { createLogger } from '../../src-main/core/kernel/logger';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { waitFor } from '../delivery/delivery-harness';
import { deriveKey, encodeChunks, send, signHeaders } from './s3-protocol-helpers';

const BUCKET = 'no-commit';
const keys = { accessKey: TEST_KEYS.accessKey, secret: TEST_KEYS.secretKey };
let core: TestCore;
/** Resources of the requests the S3 layer has finished (answered or failed), from its log. */
const ended: string[] = [];

beforeAll(async () => {
  const logger = createLogger('debug', (line) => {
    const resource = (JSON.parse(line) as { resource?: unknown }).resource;
    if (typeof resource === 'string') ended.push(resource);
  });
  core = await startTestCore({}, { logger });
  await core.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await core.notifications.upsertHook(BUCKET, { id: 'all', url: `${core.endpoint}/_inbox/no-commit`, events: ['s3:ObjectCreated:*'] });
});
afterAll(async () => { await core.stop(); });

const eventsOf = (key: string) => core.delivery.list({ bucket: BUCKET, keyPrefix: key }).items;

/** Nothing of `key` exists: HEAD 404, no version or delete marker, no delivery queued for it. */
async function expectNothingOf(key: string): Promise<void> {
  const head = await core.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).then(() => 200, (err: { $metadata?: { httpStatusCode?: number } }) => err.$metadata?.httpStatusCode);
  expect(head).toBe(404);
  const versions = await core.s3.send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: key }));
  expect([...(versions.Versions ?? []), ...(versions.DeleteMarkers ?? [])]).toEqual([]);
  expect(eventsOf(key)).toEqual([]);
}

/**
 * Send the headers and the first bytes of a body, drop the connection once they are on the wire, and wait
 * until the server has ended the request (its log names it) or committed `key` (an event of it exists).
 */
async function abortMidBody(path: string, key: string, headers: Record<string, string>, partial: Buffer): Promise<void> {
  const req = http.request({ host: '127.0.0.1', port: core.port, method: path.includes('/') ? 'PUT' : 'POST', path: `/${path}`, headers, agent: false });
  req.on('error', () => undefined);
  await new Promise<void>((resolve) => req.write(partial, () => resolve()));
  req.destroy();
  await waitFor(() => ended.includes(`/${path}`) || eventsOf(key).length > 0, 10_000, `the server to end ${path}`);
}

describe('PUT bodies that must not commit', () => {
  it.each(['STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'UNSIGNED-PAYLOAD'])('a client abort mid-body (%s) commits nothing', async (mode) => {
    const key = `aborted-${mode}`;
    const body = Buffer.alloc(512 * 1024, 7);
    const signed = await signHeaders({ method: 'PUT', host: `127.0.0.1:${core.port}`, path: `/${BUCKET}/${key}`, accessKey: keys.accessKey,
      secret: keys.secret, headers: { 'x-amz-content-sha256': mode } });
    const partial = mode === 'UNSIGNED-PAYLOAD' ? body.subarray(0, 300_000) : encodeChunks([body]).subarray(0, 300_000);
    await abortMidBody(`${BUCKET}/${key}`, key, { ...signed, 'transfer-encoding': 'chunked' }, partial);
    await expectNothingOf(key);
  });

  it('a body that does not match its signed SHA-256 answers XAmzContentSHA256Mismatch and commits nothing', async () => {
    const body = Buffer.from('actual body');
    const headers = { 'x-amz-content-sha256': createHash('sha256').update('other body').digest('hex'), 'content-length': String(body.length) };
    const signed = await signHeaders({ method: 'PUT', host: `127.0.0.1:${core.port}`, path: `/${BUCKET}/mismatch`, accessKey: keys.accessKey, secret: keys.secret, headers });
    const res = await send(core.port, 'PUT', `/${BUCKET}/mismatch`, signed, [body]);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    await expectNothingOf('mismatch');
  });
});

const DATE = new Date().toISOString().slice(0, 10).replace(/-/g, '');
const CREDENTIAL = `${keys.accessKey}/${DATE}/ru-msk/s3/aws4_request`;

interface FormOptions { expiresInMs?: number; secret?: string; fields?: Record<string, string>; file?: string }

/** A browser form upload to `forms/<name>` whose policy allows 1–100 bytes under `forms/`. */
function form(name: string, opts: FormOptions = {}): FormData {
  const fields: Record<string, string> = {
    key: `forms/${name}`, 'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': CREDENTIAL, 'x-amz-date': `${DATE}T000000Z`, ...opts.fields,
  };
  const conditions = [{ bucket: BUCKET }, ['starts-with', '$key', 'forms/'], { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
    { 'x-amz-credential': CREDENTIAL }, { 'x-amz-date': `${DATE}T000000Z` }, ['content-length-range', 1, 100]];
  const policy = Buffer.from(JSON.stringify({ expiration: new Date(Date.now() + (opts.expiresInMs ?? 60_000)).toISOString(), conditions })).toString('base64');
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  data.append('policy', policy);
  data.append('x-amz-signature', createHmac('sha256', deriveKey(opts.secret ?? keys.secret, DATE, 'ru-msk')).update(policy).digest('hex'));
  data.append('file', new Blob([opts.file ?? 'form bytes']), 'f.txt');
  return data;
}

describe('POST form uploads that must not commit', () => {
  it.each([
    ['a wrong signature', { secret: 'wrong' }, 403, 'SignatureDoesNotMatch'],
    ['an expired policy', { expiresInMs: -1000 }, 403, 'AccessDenied'],
    ['a key outside the policy', { fields: { key: 'elsewhere/outside' } }, 403, 'AccessDenied'],
    ['a field the policy does not allow', { fields: { 'x-amz-meta-sneaky': '1' } }, 403, 'AccessDenied'],
    ['a file over the length range', { file: 'x'.repeat(101) }, 400, 'EntityTooLarge'],
  ] as [string, FormOptions, number, string][])('rejects %s and commits nothing', async (name, opts, status, code) => {
    const key = opts.fields?.key?.replace(/^forms\//, '') ?? name.replace(/ /g, '-');
    const res = await fetch(`${core.endpoint}/${BUCKET}`, { method: 'POST', body: form(key, opts) });
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(`<Code>${code}</Code>`);
    await expectNothingOf(opts.fields?.key ?? `forms/${key}`);
  });

  it('a client abort in the middle of the file part commits nothing', async () => {
    const encoded = new Response(form('aborted', { file: 'y'.repeat(100) }));
    const wire = Buffer.from(await encoded.arrayBuffer());
    await abortMidBody(BUCKET, 'forms/aborted', { 'content-type': encoded.headers.get('content-type') ?? '', 'content-length': String(wire.length) },
      wire.subarray(0, wire.indexOf('yyyy') + 10));
    await expectNothingOf('forms/aborted');
  });
});

it('the endpoint still commits good writes afterwards, each with its event', async () => {
  await core.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'good', Body: 'fine' }));
  expect((await fetch(`${core.endpoint}/${BUCKET}`, { method: 'POST', body: form('good') })).status).toBe(204);
  const keysWithEvents = core.delivery.list({ bucket: BUCKET }).items.map((d) => d.key).sort();
  expect(keysWithEvents).toEqual(['forms/good', 'good']);
});
