// The typed client of the app API, built from the contract's method list over any Transport: no hand-copied
// surface. Failures throw ApiCallError(code, message). `useApi()` is what stores call.
import {
  API_METHODS, type ApiEventName, type ApiEvents, type AppApiMethods,
} from '../../../src-shared/contract';
import { defaultTransport, type Transport } from './transport';

/** A failed API call: the AppError code and readable message from main. */
export class ApiCallError extends Error {
  constructor(public readonly code: string, message: string) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** Every contract method, plus `on(event, cb)` for live events. */
export type ApiClient = AppApiMethods & {
  on<E extends ApiEventName>(name: E, cb: (payload: ApiEvents[E]) => void): () => void;
  /** Whether live events are reaching the page (told now, then on every change). */
  onConnection(cb: (live: boolean) => void): () => void;
};

/** Build the client over `transport`. */
export function createClient(transport: Transport): ApiClient {
  const methods = Object.fromEntries(API_METHODS.map((method) => [method, async (input: unknown) => {
    const result = await transport.invoke(method, input ?? {});
    if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
    return result.result;
  }]));
  const on = (name: ApiEventName, cb: (payload: never) => void) => transport.onEvent(name, (p) => cb(p as never));
  const onConnection = (cb: (live: boolean) => void) => transport.onConnection(cb);
  return Object.assign(methods, { on, onConnection }) as unknown as ApiClient;
}

let current: ApiClient | undefined;

/** The app's client (created on first use from the default transport). */
export function useApi(): ApiClient {
  current ??= createClient(defaultTransport());
  return current;
}

/** Replace the app's client (tests, or a remote connection later). */
export function setApi(client: ApiClient): void {
  current = client;
}

/** A readable message for anything thrown by a call. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
