// Test helper: an in-memory Transport answering contract methods from handlers, recording calls, and
// emitting live events on demand. Stands in for main (IPC/HTTP) in renderer store and component tests.
import type { ApiEventName, ApiEvents, ApiMethod, ApiResult } from '../../src-preload/contract';
import type { Transport } from '../../src-renderer/src/api/transport';
import { ApiCallError, createClient, setApi, type ApiClient } from '../../src-renderer/src/api/client';

type Handler = (input: never) => unknown;

export interface FakeMain {
  transport: Transport;
  client: ApiClient;
  calls: { method: string; input: unknown }[];
  emit<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void;
}

/** A fake main process; installs its client as the app's API client. */
export function fakeMain(handlers: Partial<Record<ApiMethod, Handler>>): FakeMain {
  const calls: FakeMain['calls'] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const transport: Transport = {
    async invoke(method, input): Promise<ApiResult<unknown>> {
      calls.push({ method, input });
      const handler = handlers[method as ApiMethod];
      if (!handler) return { ok: false, error: { code: 'UnknownMethod', message: `no handler for ${method}` } };
      try {
        return { ok: true, result: await handler(input as never) };
      } catch (err) {
        const e = err as ApiCallError;
        return { ok: false, error: { code: e.code ?? 'Error', message: e.message } };
      }
    },
    onEvent(name, cb) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(cb);
      return () => { set.delete(cb); };
    },
  };
  const client = createClient(transport);
  setApi(client);
  return {
    transport, client, calls,
    emit(name, payload) { for (const cb of listeners.get(name) ?? []) cb(payload); },
  };
}

export { ApiCallError };
