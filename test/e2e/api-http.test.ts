// The app API over HTTP against a real core: token and Origin guards, unknown methods, input validation,
// AppError mapping, live events over SSE, the static UI (SPA fallback, CSP, no traversal), and the
// bucket browser's S3-client methods including a multipart upload through presigned part URLs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { isLoopback } from '../../src-main/core/api/http-transport';
import type { ApiResult, UploadPlan } from '../../src-preload/contract';
import { ensureRendererBuilt, UI_DIR } from './ui-harness';

let core: TestCore;

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
  ensureRendererBuilt();
  core = await startTestCore({}, { uiDir: UI_DIR });
});
afterAll(async () => { await core?.stop(); });

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

describe('static UI', () => {
  it('serves the renderer with a CSP, falls back to index.html for routes, never leaves its folder', async () => {
    const index = await fetch(`${core.endpoint}/_ui/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('<div id="app">');
    const route = await fetch(`${core.endpoint}/_ui/buckets/x`);
    expect([route.status, route.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect((await fetch(`${core.endpoint}/_ui/missing.js`)).status).toBe(404);
    const traversal = await fetch(`${core.endpoint}/_ui/..%2f..%2fpackage.json`);
    expect(await traversal.text()).not.toContain('"name": "buckethooks"');
  });
});
