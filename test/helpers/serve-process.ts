// Test helper: the headless server as a real child process (`tsx src-main/cli.ts serve`), its printed lines parsed.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServeProcess {
  child: ChildProcess;
  endpoint: string;
  uiUrl?: string;
  /** The app listener's origin (UI, app API), from the UI line. */
  appEndpoint?: string;
  lines: string[];
  /** Everything written to stderr so far (log lines). */
  stderr(): string;
  /** Send `signal` and wait for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Spawn `buckethooks serve ARGS` (under `wrapper`, e.g. strace, when given) and resolve once it printed its S3
 * endpoint line (or reject on exit/timeout).
 */
export function spawnServe(args: string[], env: NodeJS.ProcessEnv = {}, wrapper: string[] = []): Promise<ServeProcess> {
  const command = [...wrapper, process.execPath, '--import', 'tsx', 'src-main/cli.ts', 'serve', ...args];
  const child = spawn(command[0], command.slice(1), {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`serve did not start: ${lines.join('\n')}`)); }, 60_000);
    let stderr = '';
    child.stderr!.on('data', (d) => { stderr += d; });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited ${code}: ${stderr}`)); });
    const rl = createInterface({ input: child.stdout! });
    const result: Partial<ServeProcess> = { child, lines };
    rl.on('line', (line) => {
      lines.push(line);
      if (line.startsWith('UI: ')) { result.uiUrl = line.slice(4); result.appEndpoint = new URL(result.uiUrl).origin; }
      if (line.startsWith('Try: ')) {
        clearTimeout(timer);
        result.endpoint = lines.find((l) => l.startsWith('S3 endpoint: '))!.slice('S3 endpoint: '.length);
        resolve({
          ...(result as ServeProcess),
          stderr: () => stderr,
          async stop(signal = 'SIGTERM') {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
  });
}

/** Call app API `method` of the server running on `dataDir` (its server.json names the app listener) with its token; throws its error message. */
export async function callServeApi<T>(dataDir: string, method: string, input: unknown): Promise<T> {
  const token = readFileSync(join(dataDir, 'ui-token'), 'utf8').trim();
  const { api } = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { api: string };
  const res = await fetch(`${api}/_api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
  const reply = await res.json() as { ok: boolean; result: T; error?: { message: string } };
  if (!reply.ok) throw new Error(reply.error?.message);
  return reply.result;
}
