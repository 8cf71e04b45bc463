// The last-resort guard of the HTTP listener on a real server: a handler's throw or rejection is one 500 with a
// logged stack and the listener keeps serving; a late write on an ended response is logged, not fatal. Plus the
// security review's `POST /_api/%E0` against a real core: the server still answers afterwards.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src-main/core/kernel/logger';
import { guardListener, UNHANDLED_HEADER, type HttpHandler } from '../../src-main/core/http/http-guard';
import { startTestCore, type TestCore } from '../helpers/core';

const lines: Record<string, unknown>[] = [];
const logger = createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));

const handlers: Record<string, HttpHandler> = {
  '/throw': () => { throw new TypeError('sync boom'); },
  '/reject': async () => { await Promise.resolve(); throw new RangeError('async boom'); },
  '/late-write': (_req, res) => {
    res.end('done');
    res.write('too late');
  },
  '/ok': (_req, res) => { res.end('fine'); },
};

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer(guardListener((req, res) => handlers[req.url ?? '']?.(req, res), logger));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('guardListener', () => {
  it.each([
    ['/throw', 'TypeError: sync boom'],
    ['/reject', 'RangeError: async boom'],
  ])('answers %s with one 500 and logs the stack', async (path, first) => {
    lines.length = 0;
    const res = await fetch(base + path, { method: 'POST', body: 'x'.repeat(100_000) });
    expect([res.status, res.headers.get(UNHANDLED_HEADER), await res.text()]).toEqual([500, '1', 'Internal error\n']);
    const [line] = lines.filter((l) => l.msg === 'unhandled error in request handler');
    expect(String(line.error).split('\n')[0]).toBe(first);
    expect(String(line.error)).toContain('http-guard.test.ts');
    expect(await (await fetch(base + '/ok')).text()).toBe('fine');
  });

  it('logs a write after the end of a response instead of dying', async () => {
    lines.length = 0;
    expect(await (await fetch(base + '/late-write')).text()).toBe('done');
    await expect.poll(() => lines.find((l) => l.msg === 'response stream error')?.error).toMatch(/write after end/);
    expect(await (await fetch(base + '/ok')).text()).toBe('fine');
  });
});

describe('a real core after requests that once crashed it', () => {
  let core: TestCore;
  beforeAll(async () => { core = await startTestCore(); });
  afterAll(async () => { await core?.stop(); });

  it('keeps answering after POST /_api/%E0 with a valid token', async () => {
    const bad = await fetch(`${core.endpoint}/_api/%E0`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${core.token}` } });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    const status = await fetch(`${core.endpoint}/_api/server.status`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${core.token}` } });
    expect(status.status).toBe(200);
  });
});
