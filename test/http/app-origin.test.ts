// The app listener against a real core: the UI and app API answer on their own port, never on the S3 endpoint's
// origin; the UI link's ?token= becomes an HttpOnly SameSite=Strict cookie, accepted from the app's own pages only;
// a same-length wrong token is refused everywhere; rotating the token ends old sessions and streams; oversized and
// non-UTF-8 bodies get their own answers; foreign Host names are refused.
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { tempDir } from '../helpers/temp-dir';
import { sessionCookieName, sessionValue } from '../../src-main/core/http/ui-session';

let core: TestCore;

beforeAll(async () => {
  const uiDir = tempDir('bh-ui-');
  mkdirSync(join(uiDir, 'assets'));
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><div id="app"></div>');
  core = await startTestCore({}, { uiDir });
});
afterAll(async () => { await core?.stop(); });

const api = (path: string, headers: Record<string, string> = {}, body = '{}') =>
  fetch(`${core.appEndpoint}${path}`, { method: 'POST', body, headers });

/** A token of the right length and alphabet that is not the token (the first character changed). */
const sameLengthWrong = () => (core.token[0] === 'A' ? 'B' : 'A') + core.token.slice(1);

/** The session cookie header a browser sends after the exchange. */
const cookie = () => `${sessionCookieName(Number(new URL(core.appEndpoint).port))}=${sessionValue(core.token)}`;

describe('two origins', () => {
  it('serves the UI and the app API on a port of their own; the S3 port answers neither', async () => {
    expect(new URL(core.appEndpoint).port).not.toBe(new URL(core.endpoint).port);
    expect(core.uiUrl.startsWith(`${core.appEndpoint}/_ui/?token=`)).toBe(true);
    expect((await api('/_api/server.status', { authorization: `Bearer ${core.token}` })).status).toBe(200);
    const onS3 = await fetch(`${core.endpoint}/_api/server.status`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${core.token}` } });
    const text = await onS3.text();
    expect(onS3.status).toBeGreaterThanOrEqual(400);
    expect(text).toContain('<Error>');
    expect(text).not.toContain(core.config.secretKey);
    const oldLink = await fetch(`${core.endpoint}/_ui/?token=x`, { redirect: 'manual' });
    expect([oldLink.status, oldLink.headers.get('location')]).toEqual([308, `${core.appEndpoint}/_ui/?token=x`]);
  });

  it('refuses Host names other than an IP or localhost (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${core.appEndpoint}/_api/server.status`, {
        method: 'POST', headers: { host: `evil.example:${new URL(core.appEndpoint).port}`, authorization: `Bearer ${core.token}` },
      }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });
});

describe('the UI session', () => {
  it('exchanges the link token once for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const res = await fetch(`${core.uiUrl.replace('/_ui/?', '/_ui/buckets?')}&x=1`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/_ui/buckets?x=1');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^bh_ui_\d+=[\w-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain(core.token);
    const session = setCookie.split(';')[0];
    expect(session).toBe(cookie());
    expect((await api('/_api/server.status', { cookie: session })).status).toBe(200);
    const page = await fetch(`${core.appEndpoint}/_ui/buckets`, { headers: { cookie: session } });
    expect([page.status, page.headers.get('set-cookie')]).toEqual([200, null]);
  });

  it('takes the cookie only from the app\'s own pages, never from a same-site page on another port', async () => {
    expect((await api('/_api/server.status', { cookie: cookie(), 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    for (const site of ['same-site', 'cross-site']) {
      expect((await api('/_api/server.status', { cookie: cookie(), 'sec-fetch-site': site })).status, site).toBe(401);
    }
    expect((await api('/_api/server.status', { cookie: cookie(), origin: core.endpoint })).status).toBe(403);
    expect((await api('/_api/server.status', { cookie: cookie(), origin: 'null' })).status).toBe(403);
  });

  it('ends the session of a browser that opens a link with a stale token', async () => {
    const res = await fetch(`${core.appEndpoint}/_ui/?token=${sameLengthWrong()}`, { headers: { cookie: cookie() } });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^bh_ui_\d+=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/);
  });
});

describe('a wrong token of the right length', () => {
  it('is refused as a bearer token, a query token, a cookie and a link token', async () => {
    const wrong = sameLengthWrong();
    expect(wrong).toHaveLength(core.token.length);
    expect(wrong).not.toBe(core.token);
    expect((await api('/_api/server.status', { authorization: `Bearer ${wrong}` })).status).toBe(401);
    expect((await api(`/_api/server.status?token=${wrong}`)).status).toBe(401);
    expect((await fetch(`${core.appEndpoint}/_events?token=${wrong}`)).status).toBe(401);
    const name = sessionCookieName(Number(new URL(core.appEndpoint).port));
    expect((await api('/_api/server.status', { cookie: `${name}=${sessionValue(wrong)}` })).status).toBe(401);
    const link = await fetch(`${core.appEndpoint}/_ui/?token=${wrong}`, { redirect: 'manual' });
    expect(link.status).toBe(200);
    expect(link.headers.get('set-cookie')).toMatch(/^bh_ui_\d+=; .*Max-Age=0/);
    // A correct bearer token with a wrong cookie beside it still works: the explicit token decides.
    expect((await api('/_api/server.status', { authorization: `Bearer ${core.token}`, cookie: `${name}=nope` })).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('answers a body over 4 MiB with 413 and a message, and keeps serving', async () => {
    const res = await api('/_api/buckets.create', { authorization: `Bearer ${core.token}` }, 'x'.repeat(4 * 1024 * 1024 + 1));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'PayloadTooLarge', message: expect.stringContaining('4 MiB') } });
    expect((await api('/_api/server.status', { authorization: `Bearer ${core.token}` })).status).toBe(200);
  });

  it('refuses a body that is not UTF-8 and changes nothing', async () => {
    const body = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const res = await fetch(`${core.appEndpoint}/_api/buckets.create`, { method: 'POST', body, headers: { authorization: `Bearer ${core.token}` } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'InvalidJson', message: 'Body is not valid UTF-8' } });
    expect(await core.api['buckets.list']({})).toEqual([]);
  });
});

describe('token rotation', () => {
  it('ends the event streams and the sessions opened with the old token', async () => {
    const oldCookie = cookie();
    const stream = await fetch(`${core.appEndpoint}/_events`, { headers: { cookie: oldCookie } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    await reader.read();
    const viaBearer = await fetch(`${core.appEndpoint}/_events`, { headers: { authorization: `Bearer ${core.token}` } });
    const bearerReader = viaBearer.body!.getReader();
    await bearerReader.read();
    await core.api['server.rotateToken']({});
    const ended = async (r: ReadableStreamDefaultReader<Uint8Array>) => { for (;;) if ((await r.read()).done) return true; };
    expect(await ended(reader)).toBe(true);
    expect(await ended(bearerReader)).toBe(true);
    expect((await api('/_api/server.status', { cookie: oldCookie })).status).toBe(401);
    expect((await api('/_api/server.status', { cookie: cookie() })).status).toBe(200);
  });
});
