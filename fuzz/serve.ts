// The headless server as a child process for the fuzzer and the soak: `buckethooks serve` on a free port and a
// temp data dir with fixed keys, its endpoint and API token, the tail of its stderr, and whether it died.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readUiToken } from '../src-main/core/http/ui-token';

/** The fixed key pair captured traffic is signed with. */
export const FUZZ_KEYS = { accessKey: 'AKIAFUZZBUCKETHOOKS1', secretKey: 'fuzz-secret-key-0123456789abcdefghijklmn' };

export interface ServedCore {
  child: ChildProcess;
  endpoint: string;
  port: number;
  token: string;
  dataDir: string;
  /** The last lines the server wrote to stderr (JSON log lines). */
  stderrTail: string[];
  /** The error lines it logged (the first 50 of them). */
  errorLines(): string[];
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
  /** Stop it (SIGTERM, then SIGKILL after 10 s) and remove its data dir. */
  stop(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '..');

/** Start `buckethooks serve` (confirm mode off, log level error) and resolve once it announced itself. */
export function serveCore(extraEnv: NodeJS.ProcessEnv = {}): Promise<ServedCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bh-fuzz-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main/cli.ts'), 'serve', '--port', '0', '--data-dir', dataDir,
    '--access-key', FUZZ_KEYS.accessKey, '--secret-key', FUZZ_KEYS.secretKey, '--confirm', 'off'], {
    cwd: ROOT, env: { ...process.env, BUCKETHOOKS_LOG_LEVEL: 'error', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderrTail: string[] = [];
  const errors: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (line.includes('"level":"error"') && errors.length < 50) errors.push(line);
    stderrTail.push(line);
    if (stderrTail.length > 200) stderrTail.shift();
  });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  return new Promise((resolve, reject) => {
    let endpoint = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('the server did not start within 120 s')); }, 120_000);
    void exited.then((how) => { clearTimeout(timer); reject(new Error(`the server exited (${how}) while starting: ${stderrTail.join('\n')}`)); });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('S3 endpoint: ')) endpoint = line.slice('S3 endpoint: '.length);
      if (!line.startsWith('Try: ')) return;
      clearTimeout(timer);
      resolve({
        child, endpoint, port: Number(new URL(endpoint).port), token: readUiToken(dataDir) ?? '', dataDir, stderrTail, exited,
        errorLines: () => errors,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exited;
            clearTimeout(force);
          }
          rmSync(dataDir, { recursive: true, force: true });
        },
      });
    });
  });
}
