// One HTTP request as the fuzzer keeps it (method, raw target, raw headers in order, body bytes, chunked or not),
// its bytes on the wire, and the captured corpus file (JSON lines) it is read from and written to.
import { readFileSync, writeFileSync } from 'node:fs';

/** A request exactly as a client sent it, headers in their order and case. */
export interface WireRequest {
  method: string;
  /** Path and query as sent, still percent-encoded. */
  target: string;
  headers: [string, string][];
  body: Buffer;
  /** Sent with Transfer-Encoding: chunked (the body is kept de-chunked). */
  chunked: boolean;
}

/** The value of header `name` (case-insensitive, first one), if present. */
export function headerOf(req: WireRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  return req.headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** A copy with header `name` set to `value` (every other header of that name dropped), or removed when undefined. */
export function withHeader(req: WireRequest, name: string, value: string | undefined): WireRequest {
  const lower = name.toLowerCase();
  const at = req.headers.findIndex(([n]) => n.toLowerCase() === lower);
  const rest = req.headers.filter(([n]) => n.toLowerCase() !== lower);
  if (value === undefined) return { ...req, headers: rest };
  rest.splice(at < 0 ? rest.length : at, 0, [at < 0 ? name : req.headers[at][0], value]);
  return { ...req, headers: rest };
}

/** Content-Length (or chunked framing) that matches the body, and Connection: close so the server ends the exchange. */
export function framed(req: WireRequest): WireRequest {
  let out = withHeader(req, 'connection', 'close');
  if (req.chunked) return withHeader(withHeader(out, 'content-length', undefined), 'transfer-encoding', 'chunked');
  out = withHeader(out, 'transfer-encoding', undefined);
  return req.body.length > 0 || headerOf(req, 'content-length') !== undefined ? withHeader(out, 'content-length', String(req.body.length)) : out;
}

/** The request's bytes: request line, headers, body (in one chunk plus the terminator when chunked). */
export function serialize(req: WireRequest): Buffer {
  const head = `${req.method} ${req.target} HTTP/1.1\r\n${req.headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
  if (!req.chunked) return Buffer.concat([Buffer.from(head, 'latin1'), req.body]);
  const chunk = req.body.length ? [Buffer.from(`${req.body.length.toString(16)}\r\n`), req.body, Buffer.from('\r\n')] : [];
  return Buffer.concat([Buffer.from(head, 'latin1'), ...chunk, Buffer.from('0\r\n\r\n')]);
}

interface StoredRequest { client: string; method: string; target: string; headers: [string, string][]; body: string; chunked: boolean }

/** A captured request with the client that sent it. */
export interface CapturedRequest extends WireRequest { client: string }

/** Read a corpus file (one JSON request per line, bodies base64). */
export function loadCorpus(file: string): CapturedRequest[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const r = JSON.parse(line) as StoredRequest;
    return { ...r, body: Buffer.from(r.body, 'base64') };
  });
}

/** Write a corpus file. */
export function saveCorpus(file: string, requests: readonly CapturedRequest[]): void {
  const lines = requests.map((r) => JSON.stringify({ ...r, body: r.body.toString('base64') } satisfies StoredRequest));
  writeFileSync(file, lines.join('\n') + '\n');
}
