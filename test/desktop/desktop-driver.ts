// Runs the built main bundle (out/main/index.js) in plain Node with the fake electron module and talks to the
// fake over Node IPC: calls the app's IPC handlers as a renderer would, fetches app:// URLs, reads what the
// app recorded, and quits it. The native SQLite binding is the Node build, handed over the way npm start
// hands the Electron build to the real app (BUCKETHOOKS_SQLITE_BINDING).
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { IPC_METHOD_PREFIX, type ApiInput, type ApiMethod, type ApiOutput, type ApiResult } from '../../src-shared/contract';

export const ROOT = resolve(import.meta.dirname, '../..');
export const MAIN_BUNDLE = join(ROOT, 'out/main/index.js');
export const PRELOAD_BUNDLE = join(ROOT, 'out/preload/index.cjs');
const REGISTER = join(import.meta.dirname, 'fake-electron/register.mjs');
/** The Node build of better-sqlite3's binding (tests and headless use the same file). */
export const NODE_SQLITE_BINDING = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');

/** Who calls: the window's main frame (default), one of its subframes, or a webContents that is not ours. */
export interface Caller { foreign?: boolean; subframe?: boolean; frameUrl?: string }
export interface Push { type: string; data: Record<string, unknown> }
export interface WindowInfo { id: number; webContentsId: number; options: Record<string, unknown>; url: string; visible: boolean }
export interface Snapshot {
  ready: boolean;
  calls: { name: string; args: unknown[] }[];
  windows: WindowInfo[];
  ipc: { handlers: string[]; listeners: string[] };
  protocol: { privileged: { scheme: string; privileges: Record<string, boolean> }[]; handled: string[] };
  userData: string;
}
export interface FetchedResponse { status: number; headers: Record<string, string>; body: Uint8Array }

type Reply = { kind: 'reply'; id: number; ok: true; value: unknown } | { kind: 'reply'; id: number; ok: false; error: string };

/** A running desktop app under the fake electron. */
export class DesktopApp {
  readonly pushes: Push[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private output = '';
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly waiters = new Set<() => void>();
  private readonly pushListeners = new Set<(push: Push) => void>();
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => { this.output += chunk.toString(); });
    child.stderr?.on('data', (chunk: Buffer) => { this.output += chunk.toString(); this.notify(); });
    child.on('message', (msg: Reply | ({ kind: 'push' } & Push)) => {
      if (msg.kind === 'push') {
        const push = { type: msg.type, data: msg.data };
        this.pushes.push(push);
        for (const listener of this.pushListeners) listener(push);
      } else {
        this.settle(msg);
      }
      this.notify();
    });
    this.exited = new Promise((done) => child.on('exit', (code, signal) => {
      this.exitInfo = { code, signal };
      for (const p of this.pending.values()) p.reject(new Error(`the app exited (code ${code}, signal ${signal})\n${this.output}`));
      this.pending.clear();
      this.notify();
      done(this.exitInfo);
    }));
  }

  get pid(): number | undefined { return this.child.pid; }
  /** Everything the app wrote to stdout and stderr so far. */
  get log(): string { return this.output; }

  private settle(reply: Reply): void {
    const p = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (reply.ok) p?.resolve(reply.value);
    else p?.reject(new Error(reply.error));
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Call `listener` with every later push; returns the function that stops it. */
  onPush(listener: (push: Push) => void): () => void {
    this.pushListeners.add(listener);
    return () => { this.pushListeners.delete(listener); };
  }

  /** Resolve with `check()`'s first truthy value, re-checked on every push, reply and output; fail on exit. */
  waitFor<T>(what: string, check: () => T | undefined | false): Promise<T> {
    return new Promise((resolveWait, rejectWait) => {
      const test = () => {
        const value = check();
        if (value) {
          this.waiters.delete(test);
          resolveWait(value);
        } else if (this.exitInfo) {
          this.waiters.delete(test);
          rejectWait(new Error(`the app exited (code ${this.exitInfo.code}) before: ${what}\n${this.output}`));
        }
      };
      this.waiters.add(test);
      test();
    });
  }

  /** Send `op` to the fake and wait for its answer. */
  request<T>(op: string, ...args: unknown[]): Promise<T> {
    if (this.exitInfo) return Promise.reject(new Error(`the app has exited; cannot ${op}`));
    const id = this.nextId++;
    return new Promise<T>((resolveReq, rejectReq) => {
      this.pending.set(id, { resolve: resolveReq as (v: unknown) => void, reject: rejectReq });
      this.child.send({ kind: 'request', id, op, args });
    });
  }

  /** Invoke an IPC channel the way ipcRenderer.invoke would (rejects like Electron when no handler answers). */
  invokeChannel(channel: string, args: unknown[], from: Caller = {}): Promise<unknown> {
    return this.request('invoke', channel, args, from);
  }

  /** Call `api:<method>` and return the ApiResult the handler answers. */
  async invoke<M extends ApiMethod>(method: M, input: ApiInput<M>, from: Caller = {}): Promise<ApiResult<ApiOutput<M>>> {
    return (await this.invokeChannel(IPC_METHOD_PREFIX + method, [input], from)) as ApiResult<ApiOutput<M>>;
  }

  /** Call `api:<method>` and return its result; throws with the API error otherwise. */
  async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
    const reply = await this.invoke(method, input);
    if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code}: ${reply.error.message}`);
    return reply.result;
  }

  snapshot(): Promise<Snapshot> { return this.request('snapshot'); }
  /** Run the registered protocol handler on a GET of `url`. */
  fetchApp(url: string): Promise<FetchedResponse> { return this.request('fetch', url); }

  /** Resolves once the app has created its window (the core is up and IPC registered by then). */
  async started(): Promise<WindowInfo> {
    const created = await this.waitFor('a window is created', () => this.pushes.find((p) => p.type === 'window' && p.data.event === 'created'));
    return (await this.snapshot()).windows.find((w) => w.id === created.data.id) as WindowInfo;
  }

  /** The S3 endpoint the app printed when its core started. */
  endpoint(): Promise<string> {
    return this.waitFor('the S3 endpoint is printed', () =>
      /"endpoint":"(http:\/\/[^"]+)"/.exec(this.output)?.[1] ?? /S3 endpoint: (http:\/\/\S+)/.exec(this.output)?.[1]);
  }

  /** Ask the app to quit (app.quit) and wait for the process to end. */
  async quit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.request('quit').catch(() => {});
    return this.exited;
  }

  /** Close the window as a user would; on Linux and Windows the app then quits. */
  async closeWindow(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.request('close-window').catch(() => {});
    return this.exited;
  }

  /** Send SIGTERM (an OS shutdown, `kill`) and wait for the process to end. */
  async terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill('SIGTERM');
    return this.exited;
  }

  /** Stop the process without asking (cleanup after a failure). */
  kill(): void {
    if (!this.exitInfo) this.child.kill('SIGKILL');
  }
}

export interface LaunchOptions {
  /** Electron's appData folder for this run (userData is `<appData>/BucketHooks`). */
  appData: string;
  /** Command-line arguments after the script, as Electron would pass them. */
  args?: string[];
  env?: Record<string, string>;
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Throw unless out/main and out/preload exist and are newer than their sources (tests must not run a stale build). */
export function assertDesktopBuilt(): void {
  const sources = Math.max(...['src-main', 'src-shared', 'src-preload', 'electron.vite.config.ts'].map((p) => newestMtime(join(ROOT, p))));
  for (const built of [MAIN_BUNDLE, PRELOAD_BUNDLE]) {
    if (!existsSync(built) || statSync(built).mtimeMs < sources) throw new Error(`${built} is missing or older than its sources: run \`npm run build\``);
  }
}

/** Start out/main/index.js under the fake electron. BUCKETHOOKS_* variables of this process are not passed on. */
export function launchDesktop(options: LaunchOptions): DesktopApp {
  assertDesktopBuilt();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BUCKETHOOKS_') && k !== 'ELECTRON_RENDERER_URL'));
  const child = fork(MAIN_BUNDLE, options.args ?? [], {
    cwd: ROOT,
    execArgv: ['--import', REGISTER],
    env: { ...env, FAKE_ELECTRON_APP_DATA: options.appData, BUCKETHOOKS_SQLITE_BINDING: NODE_SQLITE_BINDING, ...options.env },
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return new DesktopApp(child);
}
