// Test helper: a CLI command (`tsx src-main/cli.ts …`) as a real child process: run to its end (`runCli`), or
// long-running with its stdout lines kept, waiting for a line that matches, signals sent by pid (`spawnCli`).
import { execFile, spawn, type ChildProcess, type ExecFileOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** How a finished command ended: its exit code and all it printed. */
export interface CliResult { code: number; stdout: string; stderr: string }

/** Run `buckethooks ARGS` to its end (`options`: env, cwd, timeout); a failing exit resolves too, with its code. */
export function runCli(args: string[], options: ExecFileOptions = {}): Promise<CliResult> {
  return execFileAsync(process.execPath, ['--import', 'tsx', 'src-main/cli.ts', ...args], { ...options, encoding: 'utf8' }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: CliResult) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

export interface CliProcess {
  child: ChildProcess;
  lines: string[];
  stderr(): string;
  /** Resolve with the first line (already printed or to come) matching `re`; reject on exit or after `ms`. */
  waitFor(re: RegExp, ms?: number): Promise<string>;
  /** Send `signal` and resolve with the exit code (null when killed by it). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Spawn `buckethooks ARGS` with `env` added to this process's. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; });
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => { lines.push(line); for (const w of waiters) w(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { for (const w of waiters) w(); resolve(code); }));
  return {
    child, lines, exited, stderr: () => stderr,
    waitFor(re, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find((l) => re.test(l));
          if (found !== undefined) { done(); resolve(found); } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`exited ${child.exitCode ?? child.signalCode} before ${re}: ${lines.join('\n')}\n${stderr}`));
          }
        };
        const timer = setTimeout(() => { done(); reject(new Error(`no line ${re} within ${ms} ms: ${lines.join('\n')}\n${stderr}`)); }, ms);
        const done = () => { clearTimeout(timer); waiters.delete(check); };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
