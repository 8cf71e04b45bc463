// Resolves the launch options of the desktop app and the headless server alike: defaults, then BUCKETHOOKS_*
// env vars, then command-line flags. Pure: no file or socket access; bad values throw a readable UsageError.
import { parseArgs } from 'node:util';
import { CONFIRM_MODES, DEFAULTS, type ConfirmMode } from '../core/kernel/config';
import type { RealismOptions } from '../core/realism/realism';
import { parseRealismFlag } from '../core/realism/realism-options';

/** A command-line mistake, printed as one line without a stack trace (exit code 2). */
export class UsageError extends Error {}

/** A command that ran and failed for a reason outside the command line (a remote refused, …): one line, exit code 1. */
export class CommandFailed extends Error {}

export interface ServeOptions {
  host: string;
  port: number;
  dataDir: string;
  region: string;
  accessKey?: string;
  secretKey?: string;
  confirmMode: ConfirmMode;
  /** Bytes the built-in inbox keeps across inboxes, in MiB (default 100; oldest captures evicted past it). */
  inboxMaxMb?: number;
  /** Realism options of hooks without their own (`--realism`); null = none. */
  realism?: RealismOptions | null;
}

/** The option table of `serve`, which the desktop app reads too (every flag here works in both). */
export const SERVE_FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'access-key': { type: 'string' },
  'secret-key': { type: 'string' },
  region: { type: 'string' },
  confirm: { type: 'string' },
  'inbox-max-mb': { type: 'string' },
  realism: { type: 'string' },
} as const;

/** Parse `serve` flags over env vars over defaults. */
export function parseServeOptions(argv: string[], env: NodeJS.ProcessEnv): ServeOptions {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: SERVE_FLAGS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const pick = (flag: keyof typeof SERVE_FLAGS) =>
    values[flag] ?? env[`BUCKETHOOKS_${flag.replaceAll('-', '_').toUpperCase()}`];
  const port = Number(pick('port') ?? DEFAULTS.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got "${pick('port')}"`);
  const confirmMode = (pick('confirm') ?? DEFAULTS.confirmMode) as ConfirmMode;
  if (!CONFIRM_MODES.includes(confirmMode)) throw new UsageError(`--confirm must be one of ${CONFIRM_MODES.join(', ')}, got "${confirmMode}"`);
  const accessKey = pick('access-key');
  const secretKey = pick('secret-key');
  if ((accessKey === undefined) !== (secretKey === undefined)) throw new UsageError('--access-key and --secret-key go together');
  const inboxMax = pick('inbox-max-mb');
  const inboxMaxMb = inboxMax === undefined ? undefined : Number(inboxMax);
  if (inboxMaxMb !== undefined && !(inboxMaxMb > 0 && inboxMaxMb <= 1_000_000)) {
    throw new UsageError(`--inbox-max-mb must be a number of MiB above 0, got "${inboxMax}"`);
  }
  let realism: RealismOptions | null = null;
  try { realism = parseRealismFlag(pick('realism') ?? 'off'); } catch (err) { throw new UsageError((err as Error).message); }
  return {
    host: pick('host') ?? DEFAULTS.host,
    port,
    dataDir: pick('data-dir') ?? DEFAULTS.dataDir,
    region: pick('region') ?? DEFAULTS.region,
    accessKey, secretKey, confirmMode, inboxMaxMb, realism,
  };
}
