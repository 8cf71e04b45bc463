// The acknowledgement rule of the app API (IPC and HTTP alike): a method answers only after the commits it made
// are on stable storage (hook, settings and replay changes), and a full disk is reported as such.
import { API_METHODS, type ApiMethod, type AppApi } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import { isDiskFull } from '../kernel/durability/disk-full';

type AnyMethod = (input: unknown) => Promise<unknown>;

/** `api` with every method waiting on `durable()` before it resolves (at once when nothing was written). */
export function durableApi(api: AppApi, durable: () => Promise<void>): AppApi {
  const wrapped: Partial<Record<ApiMethod, AnyMethod>> = {};
  for (const name of API_METHODS) {
    const method = api[name] as AnyMethod;
    wrapped[name] = async (input: unknown) => {
      try {
        const result = await method(input);
        await durable();
        return result;
      } catch (err) {
        if (isDiskFull(err)) throw new AppError('StorageFull', 'The disk holding the data dir is full: free some space and try again.', { cause: err });
        throw err;
      }
    };
  }
  return { ...api, ...wrapped } as AppApi;
}
