// How CLI commands reach a running server: its server.json (endpoint), the data dir's API token and keys.
// S3 calls are SigV4-signed with @smithy/signature-v4; app API calls use the data dir's token (rotatable).
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { UsageError } from '../launch/options';
import { loadOrCreateCredentials, readServerInfo, type ServerInfo } from '../launch/data-dir';
import { readUiToken } from '../core/api/ui-token';

/** A running server found through its data dir. */
export interface RemoteServer {
  info: ServerInfo;
  /** The browser UI's URL with the current token. */
  uiUrl(): string;
  /** A signed S3 request; returns status and body text. */
  s3(method: 'GET' | 'PUT', path: string, query: Record<string, string>, body?: string): Promise<{ status: number; body: string }>;
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
export function connect(dataDir: string, region: string): RemoteServer {
  const info = readServerInfo(dataDir);
  if (!info) throw new UsageError(`no running server found for data dir ${dataDir} (start one with: buckethooks serve --data-dir ${dataDir})`);
  const token = () => {
    const current = readUiToken(dataDir);
    if (!current) throw new UsageError(`no API token in ${join(dataDir, 'ui-token')}: is the server on this data dir running?`);
    return current;
  };
  const keys = loadOrCreateCredentials(dataDir);
  const signer = new SignatureV4({
    service: 's3', region, sha256: Sha256, uriEscapePath: false, applyChecksum: true,
    credentials: { accessKeyId: keys.accessKey, secretAccessKey: keys.secretKey },
  });
  const url = new URL(info.endpoint);
  return {
    info,
    uiUrl: () => `${info.endpoint}/_ui/?token=${token()}`,
    async s3(method, path, query, body) {
      const request = await signer.sign({
        method, protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path, query,
        headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body,
      });
      const qs = new URLSearchParams(query).toString();
      const res = await fetch(`${info.endpoint}${path}${qs ? `?${qs}` : ''}`, { method, headers: request.headers, body });
      return { status: res.status, body: await res.text() };
    },
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
