// The inbox is for servers, within bounds, on a real HTTP listener and real SQLite: web pages (an Origin or
// Sec-Fetch-Site of another site) are refused and nothing is kept, server POSTs and the VK handshake are
// answered; past the inbox count a new name is refused; past the byte budget the oldest captures go first.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { createInbox, FAILING_HEADER, type Inbox, type InboxLimits } from '../../src-main/core/inbox/create-inbox';
import { launchCore } from '../../src-main/launch/launch-core';
import { parseServeOptions } from '../../src-main/launch/options';
import { tempDb, type TempDb } from '../delivery/delivery-harness';
import { tempDir } from '../helpers/temp-dir';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/vk-subscription-confirmation.json', import.meta.url), 'utf8')) as {
  request: Record<string, string>;
};

let t: TempDb | undefined;
let inbox: Inbox;
let server: http.Server;
let base: string;

async function start(limits: Partial<InboxLimits> = {}, db?: TempDb): Promise<void> {
  t = db ?? tempDb();
  inbox = createInbox({ db: t.db, clock: new FakeClock(), logger: silentLogger, limits });
  server = http.createServer((req, res) => inbox.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
async function stopServer(): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}
afterEach(async () => {
  if (!t) return;
  await stopServer();
  t.cleanup();
  t = undefined;
});

const post = (name: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/_inbox/${name}`, { method: 'POST', body, headers: { 'content-type': 'text/plain', ...headers } });

describe('inbox senders', () => {
  it('refuses a cross-origin POST and keeps nothing, while a server POST is captured', async () => {
    await start();
    const page = await post('demo', 'x'.repeat(1024), { origin: 'http://evil.example' });
    expect(page.status).toBe(403);
    expect(await page.json()).toEqual({ error: expect.stringContaining('Origin http://evil.example') });
    const sibling = await post('demo', 'y', { 'sec-fetch-site': 'same-site' });
    expect(sibling.status).toBe(403);
    expect([inbox.list(), inbox.usage().bytes]).toEqual([[], 0]);
    expect((await post('demo', '{"Records":[]}')).status).toBe(200);
    expect((await post('demo', '{}', { origin: base, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect(inbox.captures('demo').map((c) => c.body)).toEqual(['{}', '{"Records":[]}']);
  });

  it('marks an answer it gives because it was told to fail, HEAD included', async () => {
    await start();
    inbox.setFailure('f', 503);
    const failing = await fetch(`${base}/_inbox/f`, { method: 'HEAD' });
    expect([failing.status, failing.headers.get(FAILING_HEADER)]).toEqual([503, 'set in the Inbox screen']);
    inbox.reset('f');
    expect((await post('f', '{}')).headers.get(FAILING_HEADER)).toBeNull();
  });

  it('still answers the VK handshake', async () => {
    await start();
    const res = await post('vk', JSON.stringify(fixture.request), { 'x-amz-sns-message-type': 'SubscriptionConfirmation' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});

describe('inbox bounds', () => {
  it('refuses a new inbox past the count, and a deleted one frees its place', async () => {
    await start({ maxInboxes: 3 });
    for (const name of ['a', 'b', 'c']) expect((await post(name, '{}')).status).toBe(200);
    const refused = await post('d', '{}');
    expect([refused.status, await refused.json()]).toEqual([429, { error: 'at most 3 inboxes: delete one in the Inbox screen first' }]);
    expect(() => inbox.setFailure('d', 500)).toThrow(expect.objectContaining({ code: 'LimitExceeded' }));
    expect((await post('a', '{}')).status).toBe(200);
    expect(inbox.remove('b')).toBe(true);
    expect(inbox.remove('b')).toBe(false);
    expect((await post('d', '{}')).status).toBe(200);
    expect(inbox.list().map((i) => i.name)).toEqual(['a', 'c', 'd']);
  });

  it('evicts the oldest captures of any inbox past the byte budget and counts bytes the same after a restart', async () => {
    const body = 'z'.repeat(1000);
    await start({ maxBytes: 10_000 });
    for (let i = 0; i < 12; i++) expect((await post(i % 2 ? 'odd' : 'even', `${i}:${body}`)).status).toBe(200);
    const kept = [...inbox.captures('even'), ...inbox.captures('odd')].map((c) => Number(c.body.split(':')[0])).sort((a, b) => a - b);
    expect(kept[kept.length - 1]).toBe(11);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 12 - kept.length + i));
    const { bytes, maxBytes } = inbox.usage();
    expect(bytes).toBeLessThanOrEqual(maxBytes);
    expect(bytes).toBeGreaterThan(maxBytes - 2 * 1200);
    expect(inbox.clear('odd')).toBeGreaterThan(0);
    const afterClear = inbox.usage().bytes;
    await stopServer();
    await start({ maxBytes: 10_000 }, t);
    expect(inbox.usage().bytes).toBe(afterClear);
  });
});

describe('inbox budget from the launch options', () => {
  it('takes --inbox-max-mb to the running core', async () => {
    const dir = tempDir('bh-inbox-launch-');
    const core = await launchCore(parseServeOptions(['--port', '0', '--data-dir', dir, '--inbox-max-mb', '2'], {}), { logger: silentLogger });
    try {
      expect(core.inbox.usage()).toMatchObject({ maxBytes: 2 * 1024 * 1024, maxInboxes: 100 });
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
