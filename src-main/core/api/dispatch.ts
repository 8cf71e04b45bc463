// The one dispatcher of the app API, shared by every transport (IPC, HTTP): it checks the method and the input
// shape, calls the API, and maps errors once: an AppError answers its code and message; anything else is logged
// with its stack and answered as a bare InternalError, so no internal detail crosses the boundary.
import { isApiMethod, type ApiError, type ApiResult, type AppApi } from '../../../src-shared/contract';
import { AppError } from '../kernel/app-error';
import type { Logger } from '../kernel/logger';

/** The answer to every unexpected failure: nothing of the failure itself. */
export const INTERNAL_ERROR: ApiError = { code: 'InternalError', message: 'Internal error (the details are in the log)' };

/** Answers one call: `method` and `input` exactly as they arrived (untrusted). Never rejects. */
export type ApiDispatcher = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

/** Longest method name quoted back in an UnknownMethod message. */
const MAX_QUOTED = 64;

const fail = (code: string, message: string): ApiResult<never> => ({ ok: false, error: { code, message } });

/** Build the dispatcher of `api`; unexpected failures go to `logger` with their stack. */
export function createApiDispatcher(api: AppApi, logger: Logger): ApiDispatcher {
  return async (method, input) => {
    if (!isApiMethod(method)) return fail('UnknownMethod', `Unknown API method "${method.slice(0, MAX_QUOTED)}"`);
    const args = input ?? {};
    if (typeof args !== 'object' || Array.isArray(args)) return fail('InvalidInput', `input: must be an object`);
    try {
      const call = api[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, result: await call.call(api, args) };
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message);
      logger.error('api call failed', { method, error: err instanceof Error ? err.stack ?? err.message : String(err) });
      return { ok: false, error: INTERNAL_ERROR };
    }
  };
}
