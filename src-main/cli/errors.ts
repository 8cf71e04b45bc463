// Turns anything a CLI command throws into one readable line: no stack traces, no "unexpected error: ENOENT".
import { CommandFailed, UsageError } from '../launch/options';

const SYSTEM: Record<string, string> = {
  ENOENT: 'no such file or directory', EACCES: 'permission denied', EISDIR: 'is a directory', ENOTDIR: 'not a directory',
  ECONNREFUSED: 'connection refused', ECONNRESET: 'connection reset', ETIMEDOUT: 'timed out', ENOSPC: 'no space left on device',
};

/** A system error's code, also when wrapped as `cause` (fetch wraps socket errors). */
function systemCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && e.code in SYSTEM) return e.code;
  }
  return undefined;
}

/** The one line to print for `err` and the exit code: 2 when the command line can fix it, 1 when the command failed. */
export function describeError(err: unknown): { line: string; code: number } {
  if (err instanceof CommandFailed) return { line: err.message, code: 1 };
  if (err instanceof UsageError || (err instanceof Error && err.name === 'AppError')) return { line: err.message, code: 2 };
  const code = systemCode(err);
  const path = (err as { path?: unknown }).path;
  if (code && typeof path === 'string') return { line: `${path}: ${SYSTEM[code]}`, code: 2 };
  if (code) return { line: `cannot reach the server: ${SYSTEM[code]} (is it still running?)`, code: 1 };
  const message = err instanceof Error ? err.message : String(err);
  return { line: message.split('\n')[0], code: 1 };
}
