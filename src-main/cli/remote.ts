// How CLI commands reach a running server: its server.json (endpoint) and the data dir's API token (rotatable);
// every command goes through the app API.
import { join } from 'node:path';
import { UsageError } from '../launch/options';
import { readServerInfo, type ServerInfo } from '../launch/data-dir';
import { readUiToken } from '../core/http/ui-token';

/** A running server found through its data dir. */
export interface RemoteServer {
  info: ServerInfo;
  /** The browser UI's URL with the current token. */
  uiUrl(): string;
  /** Call one app API method; throws with the server's message on {ok:false}. */
  api<T>(method: string, input: unknown): Promise<T>;
  /** The live event stream (/_events); resolves once connected. Break out of the loop to close it. */
  events(): Promise<AsyncGenerator<{ name: string; data: unknown }>>;
}

/** Parse a server-sent-events byte stream into named JSON events. */
async function* readEvents(body: ReadableStream<Uint8Array>, abort: AbortController) {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name && data) yield { name, data: JSON.parse(data) as unknown };
      }
    }
  } finally {
    abort.abort();
  }
}

/** Locate the server started on `dataDir` (it writes server.json while running). */
export function connect(dataDir: string): RemoteServer {
  const info = readServerInfo(dataDir);
  if (!info) throw new UsageError(`no running server found for data dir ${dataDir} (start one with: buckethooks serve --data-dir ${dataDir})`);
  const token = () => {
    const current = readUiToken(dataDir);
    if (!current) throw new UsageError(`no API token in ${join(dataDir, 'ui-token')}: is the server on this data dir running?`);
    return current;
  };
  return {
    info,
    uiUrl: () => `${info.endpoint}/_ui/?token=${token()}`,
    async api<T>(method: string, input: unknown): Promise<T> {
      const res = await fetch(`${info.endpoint}/_api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
        body: JSON.stringify(input ?? {}),
      });
      const reply = (await res.json()) as { ok: boolean; result?: T; error?: { code: string; message: string } };
      if (!reply.ok) throw new UsageError(`${reply.error?.code}: ${reply.error?.message}`);
      return reply.result as T;
    },
    async events() {
      const abort = new AbortController();
      const res = await fetch(`${info.endpoint}/_events`, { headers: { authorization: `Bearer ${token()}` }, signal: abort.signal });
      if (!res.ok || !res.body) throw new UsageError(`cannot follow live events (HTTP ${res.status})`);
      return readEvents(res.body, abort);
    },
  };
}
