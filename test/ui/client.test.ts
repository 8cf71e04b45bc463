// @vitest-environment happy-dom
// The typed renderer client: built from the contract's method list, unwraps ApiResult, throws ApiCallError,
// delivers live events; the HTTP transport sends the bearer token and reads the page token.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../src-shared/contract';
import { ApiCallError, createClient } from '../../src-renderer/src/api/client';
import { httpTransport, pageToken } from '../../src-renderer/src/api/transport';
import { fakeMain } from './fake-transport';

afterEach(() => { vi.unstubAllGlobals(); });

describe('renderer API client', () => {
  it('has a function for every contract method', () => {
    const main = fakeMain({});
    for (const m of API_METHODS) expect(typeof main.client[m]).toBe('function');
  });

  it('returns results and throws ApiCallError with the code and message of a failure', async () => {
    const main = fakeMain({
      'buckets.list': () => [{ name: 'a', createdAt: null }],
      'buckets.create': () => { throw Object.assign(new Error('The bucket name is not valid'), { code: 'InvalidBucketName' }); },
    });
    expect(await main.client['buckets.list']({})).toEqual([{ name: 'a', createdAt: null }]);
    const err = await main.client['buckets.create']({ name: 'B' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({ code: 'InvalidBucketName', message: 'The bucket name is not valid' });
    expect(main.calls.map((c) => c.method)).toEqual(['buckets.list', 'buckets.create']);
  });

  it('delivers live events until unsubscribed', () => {
    const main = fakeMain({});
    const seen: string[] = [];
    const off = main.client.on('hooks.changed', (p) => seen.push(p.bucket));
    main.emit('hooks.changed', { bucket: 'one' });
    off();
    main.emit('hooks.changed', { bucket: 'two' });
    expect(seen).toEqual(['one']);
  });

  it('HTTP transport posts JSON with the bearer token and maps network errors', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, result: { x: 1 } })));
    vi.stubGlobal('fetch', fetchMock);
    const client = createClient(httpTransport('http://127.0.0.1:9', 'tok'));
    expect(await client['settings.get']({})).toEqual({ x: 1 });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:9/_api/settings.get');
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok' });
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(client['settings.get']({})).rejects.toMatchObject({ code: 'NetworkError' });
  });

  it('HTTP transport is live only once the event stream has opened, and not after it errs or closes', () => {
    const opened: FakeEventSource[] = [];
    class FakeEventSource extends EventTarget {
      constructor(public readonly url: string) { super(); opened.push(this); }
      close(): void {}
    }
    vi.stubGlobal('EventSource', FakeEventSource);
    const transport = httpTransport('http://127.0.0.1:9', 'tok');
    const seen: boolean[] = [];
    transport.onConnection((live) => seen.push(live));
    const off = transport.onEvent('hooks.changed', () => {});
    expect(opened.map((s) => s.url)).toEqual(['http://127.0.0.1:9/_events?token=tok']);
    opened[0].dispatchEvent(new Event('open'));
    opened[0].dispatchEvent(new Event('error'));
    opened[0].dispatchEvent(new Event('open'));
    off();
    expect(seen).toEqual([false, true, false, true, false]);
  });

  it('reads the token from the page URL and keeps it for the session', () => {
    const storage = window.sessionStorage;
    storage.clear();
    expect(pageToken({ search: '?token=abc' } as Location, storage)).toBe('abc');
    expect(pageToken({ search: '' } as Location, storage)).toBe('abc');
  });
});
