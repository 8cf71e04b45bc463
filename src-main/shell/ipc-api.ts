// The app API over Electron IPC: one `api:<method>` handler per contract method, every call checked for its
// sender, then answered by the core's shared dispatcher. Pure: it takes an ipcMain-like object, so tests use a plain one.
import {
  API_METHODS, IPC_EVENT_PREFIX, IPC_METHOD_PREFIX, isApiEvent, isApiMethod, type ApiResult, type AppApi,
} from '../../src-shared/contract';
import { createApiDispatcher } from '../core/api/dispatch';
import type { Logger } from '../core/kernel/logger';

/** The part of an IpcMainInvokeEvent the shell looks at. */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of Electron's ipcMain the shell uses. */
export interface IpcMainLike<E extends InvokeEventLike = InvokeEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown> | unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcApiOptions<E extends InvokeEventLike> {
  api: AppApi;
  /** True when the call comes from our own window and origin (see sender-check.ts). */
  isTrusted: (event: E) => boolean;
  logger: Logger;
  /** Methods to register; defaults to the contract's list. Names outside the contract are refused. */
  methods?: readonly string[];
}

/** Build the handler the channels share: the sender check, then the core's dispatcher (method, input, errors). */
export function createIpcDispatcher<E extends InvokeEventLike>(options: IpcApiOptions<E>) {
  const { api, isTrusted, logger } = options;
  const dispatch = createApiDispatcher(api, logger);
  return async (method: string, event: E, input: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrusted(event)) {
      logger.warn('ipc call from an untrusted sender refused', { method, url: event.senderFrame?.url });
      return { ok: false, error: { code: 'Forbidden', message: 'This sender may not call the app API' } };
    }
    return dispatch(method, input);
  };
}

/** Register `api:<method>` for every method; returns the function that removes them again. */
export function registerIpcApi<E extends InvokeEventLike>(ipc: IpcMainLike<E>, options: IpcApiOptions<E>): () => void {
  const methods = options.methods ?? API_METHODS;
  const unknown = methods.filter((m) => !isApiMethod(m));
  if (unknown.length > 0) throw new Error(`Not in the API contract: ${unknown.join(', ')}`);
  const dispatch = createIpcDispatcher(options);
  const channels = methods.map((method) => {
    const channel = IPC_METHOD_PREFIX + method;
    ipc.handle(channel, (event, input) => dispatch(method, event, input));
    return channel;
  });
  return () => { for (const channel of channels) ipc.removeHandler(channel); };
}

/** Forward the core's live events to the window as `api-event:<name>`; returns the unsubscribe function. */
export function forwardApiEvents(api: AppApi, send: (channel: string, payload: unknown) => void): () => void {
  return api.subscribe((event) => {
    if (isApiEvent(event.name)) send(IPC_EVENT_PREFIX + event.name, event.payload);
  });
}
