// Quick tunnels to the relay port: `cloudflared` or `ngrok` found on the PATH is started, its public URL read from
// its output, restarted when it exits on its own (a restarted quick tunnel has a new URL: `onUrl` fires again), and
// stopped with the session. Without either, `tunnelHint` says in one line how to start one and what to pass.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The tunnel programs known, in the order they are looked for. */
export type TunnelKind = 'cloudflared' | 'ngrok';

/** Where a desktop app launched from the OS may not have the shell's PATH, these are looked at too. */
const EXTRA_DIRS = ['/opt/homebrew/bin', '/usr/local/bin'];

/** The first tunnel program on `path` (a PATH value), or undefined. */
export function findTunnel(path: string | undefined): { kind: TunnelKind; file: string } | undefined {
  const dirs = [...(path ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const kind of ['cloudflared', 'ngrok'] as const) {
    for (const dir of dirs) {
      const file = join(dir, kind);
      try { accessSync(file, constants.X_OK); return { kind, file }; } catch { /* not here */ }
    }
  }
  return undefined;
}

/** The arguments that start a quick tunnel to 127.0.0.1:`port`. */
export function tunnelArgs(kind: TunnelKind, port: number): string[] {
  return kind === 'cloudflared'
    ? ['tunnel', '--no-autoupdate', '--url', `http://127.0.0.1:${port}`]
    : ['http', String(port), '--log', 'stdout', '--log-format', 'logfmt'];
}

/** The public URL in one line of a tunnel's output: cloudflared's boxed URL, a trycloudflare.com URL, ngrok's `url=`. */
export function urlInLine(kind: TunnelKind, line: string): string | undefined {
  if (kind === 'cloudflared') {
    return /\|\s+(https?:\/\/\S+)\s+\|/.exec(line)?.[1] ?? /(https:\/\/[a-z0-9-]+\.trycloudflare\.com)\b/.exec(line)?.[1];
  }
  return /\burl=(https?:\/\/\S+)/.exec(line)?.[1] ?? /"url":"(https?:\/\/[^"]+)"/.exec(line)?.[1];
}

/** One line: how to run a tunnel by hand and which flags to pass. */
export function tunnelHint(port: number | undefined): string {
  const p = port ?? 8787;
  return `No public URL: install cloudflared or ngrok (listen starts it), or start a tunnel yourself — cloudflared tunnel --url http://127.0.0.1:${p} — and pass --port ${p} --public-url <its https URL>`;
}

/** A running tunnel. */
export interface Tunnel { kind: TunnelKind; stop(): void }

/** What a tunnel reports: each public URL it reads (the first, then any new one), and its output for errors. */
export interface TunnelEvents { onUrl(url: string): void; onExit(detail: string): void }

/** Start `file` (of `kind`) to 127.0.0.1:`port`; restarts it (at most `maxRestarts` in a row) when it exits on its own. */
export function startTunnel(kind: TunnelKind, file: string, port: number, events: TunnelEvents, maxRestarts = 5): Tunnel {
  let child: ChildProcess | undefined;
  let stopped = false;
  let restarts = 0;
  let current: string | undefined;
  const run = () => {
    const proc = spawn(file, tunnelArgs(kind, port), { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let tail = '';
    const read = (chunk: Buffer) => {
      const lines = (tail + chunk.toString('utf8')).split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        const url = urlInLine(kind, line);
        if (url && url !== current) { current = url; restarts = 0; events.onUrl(url); }
      }
    };
    proc.stdout?.on('data', read);
    proc.stderr?.on('data', read);
    proc.on('error', (err) => events.onExit(`${kind} could not start: ${err.message}`));
    proc.on('exit', (code, signal) => {
      if (stopped) return;
      events.onExit(`${kind} exited (${signal ?? `code ${code}`})${restarts < maxRestarts ? ', restarting it' : ''}`);
      if (restarts++ < maxRestarts) setTimeout(() => { if (!stopped) run(); }, 1000).unref();
    });
  };
  run();
  return { kind, stop() { stopped = true; child?.kill('SIGTERM'); } };
}
