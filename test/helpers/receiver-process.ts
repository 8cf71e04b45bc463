// Test helper: a starter receiver (examples/receivers) as a real child process: its printed lines collected, a wait
// for a line, and a stop by PID. Also says whether a Go toolchain is here.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ReceiverProcess {
  pid: number;
  lines: string[];
  /** Resolve with the first line (already printed or to come) that `match` accepts; reject after `timeoutMs`. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** SIGTERM the receiver by its PID and wait for it to exit. */
  stop(): Promise<void>;
}

/** `go version`'s answer, or null when no Go toolchain is on PATH. */
export function goVersion(): string | null {
  const result = spawnSync('go', ['version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Start `command args` with `env` over a copy of this process's environment minus the receivers' own variables. */
export async function spawnReceiver(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ReceiverProcess> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['HOOK_URL', 'HOOK_SECRET', 'PORT'].includes(k)));
  const child = spawn(command, args, { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiters) wake();
  });
  let ended = false;
  const exited = new Promise<void>((resolve) => child.once('close', () => {
    ended = true;
    for (const wake of waiters) wake();
    resolve();
  }));
  const printed = () => `it printed:\n${lines.join('\n')}\nstderr:\n${stderr}`;
  const waitForLine = (match: (line: string) => boolean, timeoutMs = 15_000) => new Promise<string>((resolve, reject) => {
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      waiters.delete(check);
      outcome();
    };
    const check = () => {
      const found = lines.find(match);
      if (found !== undefined) settle(() => resolve(found));
      else if (ended) settle(() => reject(new Error(`${command} exited before printing the expected line; ${printed()}`)));
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`${command} did not print the expected line; ${printed()}`))), timeoutMs);
    waiters.add(check);
    check();
  });
  const receiver: ReceiverProcess = {
    pid: child.pid!,
    lines,
    waitForLine,
    async stop() {
      if (!ended) process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
  try {
    await waitForLine((l) => l.startsWith('listening on '));
  } catch (err) {
    await receiver.stop();
    throw err;
  }
  return receiver;
}
