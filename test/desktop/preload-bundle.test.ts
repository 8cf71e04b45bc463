// The built preload (out/preload/index.cjs) loaded as Electron loads a sandboxed preload: a CommonJS script in
// its own context whose require() knows only 'electron', here a fake contextBridge and an ipcRenderer that
// clones arguments like Electron's. It must expose only bucketHooks.invoke/onEvent and never throw across.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_EVENTS, API_METHODS, type BucketHooksBridge } from '../../src-shared/contract';
import { assertDesktopBuilt, PRELOAD_BUNDLE } from './desktop-driver';

type Listener = (event: unknown, payload: unknown) => void;

/** Run the preload once; `answer` plays the main process behind ipcRenderer.invoke. */
function loadPreload(answer: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, result: null })) {
  const exposed: [string, unknown][] = [];
  const invoked: [string, unknown[]][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const context = vm.createContext({});
  // Rejections come from the preload's own realm in Electron, so they are Errors there.
  const ContextError = vm.runInContext('Error', context) as ErrorConstructor;
  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]) {
      structuredClone(args); // Electron serialises the arguments the same way and throws on what it cannot copy
      invoked.push([channel, args]);
      return Promise.resolve().then(() => answer(channel, ...args)).catch((err: Error) => { throw new ContextError(err.message); });
    },
    on(channel: string, listener: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => { exposed.push([key, api]); } };
  const requireInSandbox = (name: string) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`a sandboxed preload cannot require "${name}"`);
  };
  const file = PRELOAD_BUNDLE;
  const wrapper = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, context, { filename: file });
  const module = { exports: {} };
  wrapper(module.exports, requireInSandbox, module, file, dirname(file));
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: ipcRenderer }, payload);
  };
  const bridge = exposed[0]?.[1] as BucketHooksBridge;
  return { exposed, invoked, listeners, bridge, emit };
}

describe('the built preload bundle', () => {
  beforeAll(assertDesktopBuilt);

  it('is CommonJS needing only electron, and exposes only bucketHooks with invoke and onEvent', () => {
    const { exposed, bridge } = loadPreload();
    expect(exposed.map(([key]) => key)).toEqual(['bucketHooks']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect([typeof bridge.invoke, typeof bridge.onEvent]).toEqual(['function', 'function']);
  });

  it('forwards every contract method to api:<method> and returns the main process answer', async () => {
    const { bridge, invoked } = loadPreload((channel, input) => ({ ok: true, result: { channel, input } }));
    for (const method of API_METHODS) {
      expect(await bridge.invoke(method, { n: 1 })).toEqual({ ok: true, result: { channel: `api:${method}`, input: { n: 1 } } });
    }
    expect(invoked.map(([channel]) => channel)).toEqual(API_METHODS.map((m) => `api:${m}`));
  });

  it('refuses names outside the contract without touching IPC', async () => {
    const { bridge, invoked } = loadPreload();
    for (const name of ['fs.read', 'api:buckets.list', '', 'buckets.list ', 'BUCKETS.LIST', '__proto__', 'constructor', 'toString']) {
      expect(await bridge.invoke(name, {})).toMatchObject({ ok: false, error: { code: 'UnknownMethod' } });
    }
    expect(invoked).toEqual([]);
  });

  it('never throws or rejects across the bridge', async () => {
    const failing = loadPreload((channel) => {
      if (channel === 'api:buckets.list') throw new Error("Error invoking remote method 'api:buckets.list': boom");
      return undefined;
    });
    expect(await failing.bridge.invoke('buckets.list', {})).toEqual({ ok: false, error: { code: 'IpcError', message: "Error invoking remote method 'api:buckets.list': boom" } });
    expect(await failing.bridge.invoke('buckets.create', { name: 'x', cb: () => 1 })).toMatchObject({ ok: false, error: { code: 'IpcError' } });
    const hostile = { toString() { throw new Error('hostile name'); } };
    for (const name of [42, null, undefined, {}, [], hostile]) {
      await expect(failing.bridge.invoke(name as unknown as string, {})).resolves.toMatchObject({ ok: false, error: { code: 'UnknownMethod' } });
      expect(typeof failing.bridge.onEvent(name as unknown as string, () => {})).toBe('function');
    }
    expect(failing.listeners.size).toBe(0);
  });

  it('passes only the payload of contract events, and unsubscribes', () => {
    const { bridge, listeners, emit } = loadPreload();
    for (const name of API_EVENTS) {
      const got: unknown[][] = [];
      const off = bridge.onEvent(name, (...args: unknown[]) => { got.push(args); });
      emit(`api-event:${name}`, { name });
      off();
      emit(`api-event:${name}`, { name, late: true });
      expect(got).toEqual([[{ name }]]);
      expect(listeners.get(`api-event:${name}`)?.size).toBe(0);
    }
  });

  it('ignores unknown event names and callbacks that are not functions', () => {
    const { bridge, listeners } = loadPreload();
    for (const name of ['ready', 'api-event:hooks.changed', 'hooks.changed ', '__proto__']) {
      expect(typeof bridge.onEvent(name, () => {})).toBe('function');
    }
    expect(typeof bridge.onEvent('hooks.changed', 'not a function' as unknown as () => void)).toBe('function');
    expect(listeners.size).toBe(0);
  });
});
