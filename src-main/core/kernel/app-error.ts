// The one error type of the app API: a stable code and a readable message, mapped once at the IPC/HTTP boundary.
import type { ApiErrorCode, ServiceErrorCode } from '../../../src-shared/contract';

/** An error meant for the user: `code` is stable for programs (an ApiErrorCode, or a remote service's), `message` is readable. */
export class AppError extends Error {
  constructor(public readonly code: ApiErrorCode | ServiceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
  }
}
