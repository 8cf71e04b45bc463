// The desktop app's settings: the same flags and BUCKETHOOKS_* variables as `serve`, picked out of an argv
// that also carries Electron/Chromium switches; the data dir defaults to Electron's userData folder.
import { parseServeOptions, SERVE_FLAGS, type ServeOptions } from '../launch/options';

/** Every `serve` flag but --host (the desktop app listens on loopback only), from serve's own option table. */
const VALUE_FLAGS = Object.keys(SERVE_FLAGS).filter((name) => name !== 'host').map((name) => `--${name}`);

/** Keep only the serve flags this app understands (`--flag value` or `--flag=value`); drop the rest. */
export function pickServeArgs(argv: readonly string[]): string[] {
  const picked: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.split('=')[0];
    if (!VALUE_FLAGS.includes(name)) continue;
    if (arg.includes('=')) picked.push(arg);
    else if (i + 1 < argv.length) picked.push(arg, argv[++i]);
  }
  return picked;
}

/** Resolve the desktop options; the host is always loopback, the data dir `userData` unless overridden. */
export function resolveDesktopOptions(argv: readonly string[], env: NodeJS.ProcessEnv, userData: string): ServeOptions {
  const args = pickServeArgs(argv);
  const options = parseServeOptions(args, env);
  const dataDirGiven = args.some((a) => a.startsWith('--data-dir')) || env.BUCKETHOOKS_DATA_DIR !== undefined;
  return { ...options, host: '127.0.0.1', dataDir: dataDirGiven ? options.dataDir : userData };
}
