// The app API over Electron IPC: one `api:<method>` handler per contract method, every call checked for its
// sender, every answer an ApiResult. Pure: it takes an ipcMain-like object, so tests use a plain one.
import {
  API_METHODS, IPC_EVENT_PREFIX, IPC_METHOD_PREFIX, isApiEvent, isApiMethod,
  type ApiError, type ApiResult, type AppApi,
} from '../../src-preload/contract';
import { AppError } from '../core/app-error';
import type { Logger } from '../core/logger';

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

function fail(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

/** Map a thrown value to the boundary's error shape: AppErrors keep their code, the rest become Internal. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  return { code: 'Internal', message: err instanceof Error ? err.message : String(err) };
}

/** Build the dispatcher the handlers share: sender check, method check, input shape check, error mapping. */
export function createIpcDispatcher<E extends InvokeEventLike>(options: IpcApiOptions<E>) {
  const { api, isTrusted, logger } = options;
  return async (method: string, event: E, input: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrusted(event)) {
      logger.warn('ipc call from an untrusted sender refused', { method, url: event.senderFrame?.url });
      return fail('Forbidden', 'This sender may not call the app API');
    }
    if (!isApiMethod(method)) return fail('UnknownMethod', `Unknown API method "${method}"`);
    const args = input ?? {};
    if (typeof args !== 'object' || Array.isArray(args)) return fail('InvalidInput', `Input of "${method}" must be an object`);
    try {
      const call = api[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, result: await call.call(api, args) };
    } catch (err) {
      const error = toApiError(err);
      if (error.code === 'Internal') logger.error('api call failed', { method, error: error.message });
      return { ok: false, error };
    }
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
