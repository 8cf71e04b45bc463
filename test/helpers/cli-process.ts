// Test helper: a long-running CLI command (`tsx src-main/cli.ts …`) as a real child process, its stdout lines kept,
// waiting for a line that matches, signals sent by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

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
