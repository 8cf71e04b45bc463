// How a long-running CLI command (listen) reaches a core: the running server of the data dir over its HTTP API and
// live events, or, when none runs, a core started in this process for as long as the command runs (recorded in
// server.json, so `replay` and the UI's data dir see it meanwhile).
import type { ApiEventMessage, AppApi } from '../../src-shared/contract';
import { createLogger } from '../core/kernel/logger';
import { launchCore } from '../launch/launch-core';
import { parseServeOptions } from '../launch/options';
import { readServerInfo, removeServerInfo, writeServerInfo } from '../launch/data-dir';
import { connect } from './remote';

/** A live event as the CLI reads it. */
export interface LinkEvent { name: string; data: unknown }

/** One core, reached over HTTP or in this process. */
export interface ApiLink {
  /** Set when this command started the core itself: its S3 endpoint. */
  startedHere: string | null;
  api<T>(method: string, input: unknown): Promise<T>;
  /** Subscribe to live events before calling the API, so none is missed. */
  events(): Promise<AsyncIterator<LinkEvent>>;
  close(): Promise<void>;
}

/** An async iterator over events pushed by `subscribe`, queued until read. */
function queueOf(subscribe: (push: (e: LinkEvent) => void) => () => void): AsyncIterator<LinkEvent> {
  const queue: LinkEvent[] = [];
  let wake: (() => void) | undefined;
  const stop = subscribe((e) => { queue.push(e); wake?.(); });
  return {
    async next() {
      while (queue.length === 0) await new Promise<void>((resolve) => { wake = resolve; });
      return { done: false, value: queue.shift() as LinkEvent };
    },
    async return() { stop(); return { done: true, value: undefined }; },
  };
}

/** Reach the server of `dataDir`, or start a core here (port 0) when none runs. */
export async function openLink(dataDir: string, env: NodeJS.ProcessEnv): Promise<ApiLink> {
  if (readServerInfo(dataDir)) {
    const server = connect(dataDir);
    return {
      startedHere: null,
      api: (method, input) => server.api(method, input),
      events: async () => (await server.events())[Symbol.asyncIterator](),
      close: async () => undefined,
    };
  }
  const options = parseServeOptions(['--data-dir', dataDir, '--port', '0'], env);
  const core = await launchCore(options, { logger: createLogger((env.BUCKETHOOKS_LOG_LEVEL as 'info' | undefined) ?? 'warn') });
  writeServerInfo(dataDir, { endpoint: core.endpoint, pid: process.pid });
  const api = core.api as AppApi;
  return {
    startedHere: core.endpoint,
    api: (method, input) => (api[method as keyof AppApi] as (input: unknown) => Promise<never>)(input),
    events: async () => queueOf((push) => api.subscribe((e: ApiEventMessage) => push({ name: e.name, data: e.payload }))),
    async close() {
      await core.close();
      removeServerInfo(dataDir);
    },
  };
}
