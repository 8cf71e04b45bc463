// IPC registration from the contract: every method gets its channel, unknown names and untrusted senders are refused.
import { describe, expect, it } from 'vitest';
import { API_METHODS, type ApiEventMessage, type AppApi } from '../../src-shared/contract';
import { AppError } from '../../src-main/core/kernel/app-error';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { createIpcDispatcher, forwardApiEvents, registerIpcApi, type InvokeEventLike, type IpcMainLike } from '../../src-main/shell/ipc-api';
import { createSenderCheck } from '../../src-main/shell/sender-check';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

/** A stand-in for ipcMain that behaves like it: one handler per channel, invoke fails on unknown channels. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) { handlers.delete(channel); },
  };
  const invoke = async (channel: string, event: InvokeEventLike, input?: unknown) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, input);
  };
  return { ipc, handlers, invoke };
}

const listeners: ((e: ApiEventMessage) => void)[] = [];
const api = {
  'server.status': async () => ({ endpoint: 'http://127.0.0.1:9000' }),
  'buckets.create': async (input: { name: string }) => {
    if (input.name === 'Bad') throw new AppError('InvalidBucketName', 'Bucket names are lower case');
    if (input.name === 'boom') throw new TypeError('db is closed');
    return { name: input.name, createdAt: null };
  },
  subscribe(listener: (e: ApiEventMessage) => void) {
    listeners.push(listener);
    return () => { listeners.splice(listeners.indexOf(listener), 1); };
  },
} as unknown as AppApi;

const WINDOW_ID = 7;
const trusted: InvokeEventLike = { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://bucket-hooks/index.html', parent: null } };
const isTrusted = createSenderCheck({ mainWebContentsId: () => WINDOW_ID, appOrigin: 'app://bucket-hooks' });

describe('registerIpcApi', () => {
  it('registers exactly one api:<method> channel per contract method and removes them again', () => {
    const { ipc, handlers } = fakeIpcMain();
    const unregister = registerIpcApi(ipc, { api, isTrusted, logger: silentLogger });
    expect([...handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `api:${m}`).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('refuses to register a name that is not in the contract', () => {
    const { ipc, handlers } = fakeIpcMain();
    expect(() => registerIpcApi(ipc, { api, isTrusted, logger: silentLogger, methods: ['server.status', 'fs.readFile'] }))
      .toThrow(/fs\.readFile/);
    expect(handlers.size).toBe(0);
  });

  it('answers trusted calls with {ok,result}, AppErrors with their code, anything else without its message', async () => {
    const { ipc, invoke } = fakeIpcMain();
    registerIpcApi(ipc, { api, isTrusted, logger: silentLogger });
    expect(await invoke('api:buckets.create', trusted, { name: 'photos' })).toEqual({ ok: true, result: { name: 'photos', createdAt: null } });
    expect(await invoke('api:buckets.create', trusted, { name: 'Bad' }))
      .toEqual({ ok: false, error: { code: 'InvalidBucketName', message: 'Bucket names are lower case' } });
    const internal = await invoke('api:buckets.create', trusted, { name: 'boom' });
    expect(internal).toEqual({ ok: false, error: { code: 'InternalError', message: 'Internal error (the details are in the log)' } });
    expect(JSON.stringify(internal)).not.toContain('db is closed');
    expect(await invoke('api:buckets.create', trusted, ['x'])).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    await expect(invoke('api:shell.exec', trusted, {})).rejects.toThrow(/No handler/);
  });

  it('refuses calls from other windows, subframes and foreign origins without calling the API', async () => {
    const { ipc, invoke } = fakeIpcMain();
    registerIpcApi(ipc, { api, isTrusted, logger: silentLogger });
    const cases: InvokeEventLike[] = [
      { sender: { id: 99 }, senderFrame: trusted.senderFrame },
      { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://bucket-hooks/index.html', parent: {} } },
      { sender: { id: WINDOW_ID }, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: { id: WINDOW_ID }, senderFrame: { url: 'file:///etc/passwd', parent: null } },
      { sender: { id: WINDOW_ID }, senderFrame: null },
    ];
    for (const event of cases) {
      expect(await invoke('api:buckets.create', event, { name: 'boom' })).toEqual({
        ok: false, error: { code: 'Forbidden', message: 'This sender may not call the app API' },
      });
    }
  });

  it('refuses everything while there is no main window', () => {
    const check = createSenderCheck({ mainWebContentsId: () => undefined, appOrigin: 'app://bucket-hooks' });
    expect(check(trusted)).toBe(false);
  });

  it('the dispatcher rejects names outside the contract', async () => {
    const dispatch = createIpcDispatcher({ api, isTrusted, logger: silentLogger });
    expect(await dispatch('constructor', trusted, {})).toMatchObject({ ok: false, error: { code: 'UnknownMethod' } });
    expect(await dispatch('server.status', trusted, undefined)).toEqual({ ok: true, result: { endpoint: 'http://127.0.0.1:9000' } });
  });
});

describe('forwardApiEvents', () => {
  it('sends contract events on api-event:<name> and stops after unsubscribe', () => {
    const sent: [string, unknown][] = [];
    const stop = forwardApiEvents(api, (channel, payload) => sent.push([channel, payload]));
    listeners.forEach((l) => l({ name: 'hooks.changed', payload: { bucket: 'photos' } }));
    listeners.forEach((l) => l({ name: 'not.an.event', payload: 1 } as unknown as ApiEventMessage));
    stop();
    listeners.forEach((l) => l({ name: 'hooks.changed', payload: { bucket: 'late' } }));
    expect(sent).toEqual([['api-event:hooks.changed', { bucket: 'photos' }]]);
  });
});
