// The app API over HTTP against a real core: token and Origin guards, unknown methods, input validation,
// AppError mapping, live events over SSE, the static UI (SPA fallback, CSP, no traversal), and the
// bucket browser's S3-client methods including a multipart upload through presigned part URLs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { isLoopback } from '../../src-main/core/http/http-transport';
import type { ApiResult, UploadPlan } from '../../src-shared/contract';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp-dir';

let core: TestCore;
let uiDir: string;

async function call(method: string, input: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: ApiResult<unknown> }> {
  const res = await fetch(`${core.endpoint}/_api/${method}`, {
    method: 'POST', body: JSON.stringify(input),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${core.token}`, ...headers },
  });
  return { status: res.status, body: (await res.json()) as ApiResult<unknown> };
}
async function ok<T>(method: string, input: unknown): Promise<T> {
  const { body } = await call(method, input);
  if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
  return body.result as T;
}

beforeAll(async () => {
  uiDir = tempDir('bh-ui-');
  mkdirSync(join(uiDir, 'assets'));
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(uiDir, 'assets/app.js'), 'export {};');
  core = await startTestCore({}, { uiDir });
});
afterAll(async () => {
  await core?.stop();
  rmSync(uiDir, { recursive: true, force: true });
});

describe('HTTP API guards', () => {
  it('needs the token (header or query) and refuses foreign origins', async () => {
    expect((await call('server.status', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    const viaQuery = await fetch(`${core.endpoint}/_api/server.status?token=${core.token}`, { method: 'POST', body: '{}' });
    expect(viaQuery.status).toBe(200);
    const foreign = await call('server.status', {}, { origin: 'http://evil.example' });
    expect([foreign.status, foreign.body]).toEqual([403, { ok: false, error: { code: 'Forbidden', message: 'Origin not allowed' } }]);
    expect((await call('server.status', {}, { origin: core.endpoint })).status).toBe(200);
    expect((await fetch(`${core.endpoint}/_api/server.status?token=${core.token}`)).status).toBe(405);
  });

  it('answers 404 for unknown methods and validates inputs', async () => {
    expect((await call('nope.list', {})).status).toBe(404);
    const bad = await call('objects.list', { bucket: 42 });
    expect([bad.status, bad.body]).toEqual([400, { ok: false, error: { code: 'InvalidInput', message: 'bucket: must be a string' } }]);
    const notJson = await fetch(`${core.endpoint}/_api/buckets.list`, { method: 'POST', body: '{', headers: { authorization: `Bearer ${core.token}` } });
    expect(((await notJson.json()) as ApiResult<unknown>)).toMatchObject({ ok: false, error: { code: 'InvalidJson' } });
    expect((await call('hooks.upsert', { bucket: 'b', hook: { id: 'x', events: ['s3:Nope'], url: 'http://a' } })).body)
      .toMatchObject({ ok: false, error: { code: 'InvalidInput', message: 'hook.events: s3:Nope is not supported' } });
  });

  it('answers a method path that is no valid percent-encoding (%E0) as an unknown method, and keeps serving', async () => {
    for (const path of ['%E0', '%', 'buckets%2Elist', '%F0%9F']) {
      const res = await fetch(`${core.endpoint}/_api/${path}`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${core.token}` } });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UnknownMethod' } });
    }
    expect((await call('server.status', {})).status).toBe(200);
  });

  it('maps S3 refusals to readable errors', async () => {
    const res = await call('buckets.create', { name: 'Bad_Name' });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'InvalidBucketName' } });
  });

  it('recognises loopback peers only', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.1.2.3'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:192.168.1.2', undefined].some((a) => isLoopback(a))).toBe(false);
  });
});

describe('live events over SSE', () => {
  it('streams deliveries as they happen, and only with the token', async () => {
    expect((await fetch(`${core.endpoint}/_events`)).status).toBe(401);
    await ok('buckets.create', { name: 'live' });
    const { url } = await ok<{ url: string }>('inbox.url', { name: 'live' });
    await ok('hooks.upsert', { bucket: 'live', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url } });
    const ac = new AbortController();
    const res = await fetch(`${core.endpoint}/_events?token=${core.token}`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const plan = await ok<UploadPlan>('objects.createUpload', { bucket: 'live', key: 'k.txt', size: 2 });
    if (plan.mode !== 'single') throw new Error('expected a single PUT');
    expect((await fetch(plan.url, { method: 'PUT', body: 'hi' })).status).toBe(200);
    while (!/"status":"delivered"/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    expect(text).toMatch(/event: deliveries.changed\ndata: \{.*"key":"k.txt"/);
  });
});

describe('bucket browser methods', () => {
  it('lists folders, uploads in parts through presigned URLs, presigns downloads, deletes', async () => {
    await ok('buckets.create', { name: 'files' });
    const size = 17 * 1024 * 1024;
    const plan = await ok<UploadPlan>('objects.createUpload', { bucket: 'files', key: 'dir/big.bin', size, contentType: 'application/octet-stream' });
    if (plan.mode !== 'multipart') throw new Error('expected multipart');
    const data = Buffer.alloc(size, 7);
    const parts = [];
    for (const [i, url] of plan.partUrls.entries()) {
      const res = await fetch(url, { method: 'PUT', body: data.subarray(i * plan.partSize, (i + 1) * plan.partSize) });
      expect(res.status).toBe(200);
      parts.push({ partNumber: i + 1, etag: res.headers.get('etag')!.replace(/"/g, '') });
    }
    const done = await ok<{ etag: string }>('objects.completeUpload', { bucket: 'files', key: 'dir/big.bin', uploadId: plan.uploadId, parts });
    expect(done.etag).toMatch(/-3$/);
    expect(await ok('objects.list', { bucket: 'files' })).toMatchObject({ folders: ['dir/'], objects: [] });
    const inDir = await ok<{ objects: { key: string; size: number }[] }>('objects.list', { bucket: 'files', prefix: 'dir/', search: 'b' });
    expect(inDir.objects.map((o) => [o.key, o.size])).toEqual([['dir/big.bin', size]]);
    const head = await ok<{ contentType: string; etag: string }>('objects.head', { bucket: 'files', key: 'dir/big.bin' });
    expect(head).toMatchObject({ contentType: 'application/octet-stream', etag: done.etag });
    const { url } = await ok<{ url: string }>('objects.presign', { bucket: 'files', key: 'dir/big.bin', download: true });
    const got = await fetch(url);
    expect([got.status, got.headers.get('content-disposition'), (await got.arrayBuffer()).byteLength]).toEqual([200, "attachment; filename*=UTF-8''big.bin", size]);
    expect(await ok('objects.delete', { bucket: 'files', keys: ['dir/big.bin'] })).toEqual({ deleted: ['dir/big.bin'], errors: [] });
    expect(await ok('buckets.stats', { name: 'files' })).toEqual({ name: 'files', objectCount: 0, totalSize: 0, truncated: false });
  });
});

describe('hooks methods', () => {
  it('adds, edits, pauses, tests, exports, imports and deletes hooks', async () => {
    await ok('buckets.create', { name: 'hooked' });
    const { url } = await ok<{ url: string }>('inbox.url', { name: 'hooked' });
    const added = await ok<{ hook: { id: string; events: string[]; hasSecret: boolean } }>('hooks.upsert', {
      bucket: 'hooked', hook: { id: 'a', events: ['s3:ObjectRemoved:*'], url, prefix: 'x/', secret: 'whsec_MDEyMzQ1Njc4OWFiY2RlZg==', retrySchedule: [500] },
    });
    expect(added.hook).toMatchObject({ id: 'a', events: ['s3:ObjectRemoved:*'], hasSecret: true });
    await ok('hooks.upsert', { bucket: 'hooked', replaceId: 'a', hook: { id: 'b', events: ['s3:ObjectCreated:Put'], url, suffix: '.jpg' } });
    const paused = await ok<{ id: string; state: string; suffix: string; hasSecret: boolean }>('hooks.setState', { bucket: 'hooked', id: 'b', state: 'paused' });
    expect(paused).toMatchObject({ id: 'b', state: 'paused', suffix: '.jpg', hasSecret: true });
    await ok('hooks.setState', { bucket: 'hooked', id: 'b', state: 'active' });
    const { deliveryId } = await ok<{ deliveryId: number }>('hooks.sendTest', { bucket: 'hooked', id: 'b' });
    expect(deliveryId).toBeGreaterThan(0);
    const { xml } = await ok<{ xml: string }>('hooks.exportXml', { bucket: 'hooked' });
    expect(xml).toContain('<SimpleTopicConfiguration><Id>b</Id>');
    expect(await ok('hooks.delete', { bucket: 'hooked', ids: ['b'] })).toEqual({ deleted: 1 });
    const imported = await ok<{ id: string }[]>('hooks.importXml', { bucket: 'hooked', xml });
    expect(imported.map((h) => h.id)).toEqual(['b']);
    const refused = await call('hooks.importXml', { bucket: 'hooked', xml: '<nope' });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'MalformedXML' } });
  });
});

describe('settings', () => {
  it('switches the confirm mode of the running core and the default retry schedule', async () => {
    expect(await ok('settings.get', {})).toMatchObject({ confirmMode: 'off', retrySchedule: [1000, 5000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000] });
    await ok('buckets.create', { name: 'strict' });
    expect(await ok('settings.update', { confirmMode: 'strict', retrySchedule: [100] })).toEqual({ confirmMode: 'strict', retrySchedule: [100] });
    const refused = await call('hooks.upsert', { bucket: 'strict', hook: { id: 'x', events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:1/never' } });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'HandshakeFailed', message: expect.stringContaining('http://127.0.0.1:1/never') } });
    expect((await ok<{ confirmMode: string }>('server.status', {})).confirmMode).toBe('strict');
    expect((await call('settings.update', { confirmMode: 'sometimes' })).body).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    await ok('settings.update', { confirmMode: 'off' });
  });
});

describe('static UI', () => {
  it('serves the renderer with a CSP, falls back to index.html for routes, never leaves its folder', async () => {
    const index = await fetch(`${core.endpoint}/_ui/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('<div id="app">');
    const route = await fetch(`${core.endpoint}/_ui/buckets/x`);
    expect([route.status, route.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const asset = await fetch(`${core.endpoint}/_ui/assets/app.js`);
    expect([asset.status, asset.headers.get('content-type'), asset.headers.get('cache-control')])
      .toEqual([200, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable']);
    expect((await fetch(`${core.endpoint}/_ui/missing.js`)).status).toBe(404);
    // A path that climbs out of the UI folder is answered by the SPA fallback (index.html), never by the file.
    const indexHtml = await (await fetch(`${core.endpoint}/_ui/`)).text();
    for (const escape of ['..%2f..%2fpackage.json', '..%2F..%2Fsrc-main%2Fcli.ts']) {
      const traversal = await fetch(`${core.endpoint}/_ui/${escape}`);
      expect([traversal.status, traversal.headers.get('content-type'), await traversal.text()], escape)
        .toEqual([200, 'text/html; charset=utf-8', indexHtml]);
    }
  });
});
