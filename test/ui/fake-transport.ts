// Test helper: an in-memory Transport answering contract methods from handlers, recording calls, and
// emitting live events on demand. Stands in for main (IPC/HTTP) in renderer store and component tests.
import type { ApiEventName, ApiEvents, ApiInput, ApiMethod, ApiOutput, ApiResult, HookInput, HookView } from '../../src-shared/contract';
import type { Transport } from '../../src-renderer/src/api/transport';
import { ApiCallError, createClient, setApi, type ApiClient } from '../../src-renderer/src/api/client';
import { serviceErrorCode } from '../../src-shared/contract';

/** Handlers typed by the contract: each gets its method's input and answers its output (or throws). */
export type FakeHandlers = { [M in ApiMethod]?: (input: ApiInput<M>) => ApiOutput<M> | Promise<ApiOutput<M>> };

export interface FakeMain {
  transport: Transport;
  client: ApiClient;
  calls: { method: string; input: unknown }[];
  emit<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void;
}

/** A fake main process; installs its client as the app's API client. */
export function fakeMain(handlers: FakeHandlers): FakeMain {
  const calls: FakeMain['calls'] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const transport: Transport = {
    async invoke(method, input): Promise<ApiResult<unknown>> {
      calls.push({ method, input });
      const handler = handlers[method as ApiMethod] as ((input: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'UnknownMethod', message: `no handler for ${method}` } };
      try {
        return { ok: true, result: await handler(input) };
      } catch (err) {
        const e = err as ApiCallError;
        return { ok: false, error: { code: serviceErrorCode(e.code ?? 'Error'), message: e.message } };
      }
    },
    onEvent(name, cb) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(cb);
      return () => { set.delete(cb); };
    },
    onConnection(cb) { cb(true); return () => {}; },
  };
  const client = createClient(transport);
  setApi(client);
  return {
    transport, client, calls,
    emit(name, payload) { for (const cb of listeners.get(name) ?? []) cb(payload); },
  };
}

/** The view main answers for a hook saved from `input` on `bucket`: an active VK hook. */
export function hookViewOf(bucket: string, input: HookInput): HookView {
  return {
    bucket, id: input.id, dialect: 'vk', url: input.url, events: input.events, prefix: input.prefix ?? '', suffix: input.suffix ?? '',
    state: 'active', confirmError: null, hasSecret: Boolean(input.secret), retrySchedule: input.retrySchedule ?? null,
    timeoutMs: 10_000, lastDelivery: null, realism: input.realism ?? null, flavour: input.flavour ?? 'vk',
    auth: { headers: (input.auth?.headers ?? []).map((h) => h.name), bearer: Boolean(input.auth?.bearerToken), basicUser: input.auth?.basic?.user ?? null },
    stateReason: null,
    health: { suspendAfterFailures: null, suspendFailureRate: null, failureRateWindowMs: 300_000, failureRateMinAttempts: 20, loopLimit: 10 },
  };
}

export { ApiCallError };
