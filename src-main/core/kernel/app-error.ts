// The one error type of the app API: a stable code and a readable message, mapped once at the IPC/HTTP boundary.

/** An error meant for the user: `code` is stable for programs, `message` is readable. */
export class AppError extends Error {
  constructor(public readonly code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
  }
}
