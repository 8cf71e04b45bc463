// The Electron preload: exposes only `invoke(method, input)` and `onEvent(name, cb)` for names of the contract.
// It never exposes ipcRenderer itself, and it never throws across the bridge: results come back as ApiResult.
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_EVENT_PREFIX, IPC_METHOD_PREFIX, isApiEvent, isApiMethod,
  type ApiResult, type BucketHooksBridge,
} from '../src-shared/contract';

const bridge: BucketHooksBridge = {
  async invoke(method: string, input: unknown): Promise<ApiResult<unknown>> {
    // Whatever the page passes (a number, an object with a throwing toString…) is refused, never stringified.
    if (typeof method !== 'string' || !isApiMethod(method)) {
      return { ok: false, error: { code: 'UnknownMethod', message: `Unknown method ${typeof method === 'string' ? method : typeof method}` } };
    }
    try {
      return (await ipcRenderer.invoke(IPC_METHOD_PREFIX + method, input)) as ApiResult<unknown>;
    } catch (err) {
      return { ok: false, error: { code: 'IpcError', message: err instanceof Error ? err.message : String(err) } };
    }
  },
  onEvent(name: string, cb: (payload: unknown) => void): () => void {
    if (typeof name !== 'string' || !isApiEvent(name) || typeof cb !== 'function') return () => {};
    const channel = IPC_EVENT_PREFIX + name;
    const listener = (_event: unknown, payload: unknown) => cb(payload);
    ipcRenderer.on(channel, listener);
    return () => { ipcRenderer.removeListener(channel, listener); };
  },
};

contextBridge.exposeInMainWorld('bucketHooks', bridge);
