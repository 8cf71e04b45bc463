// The relay's HTTP listener on 127.0.0.1 (what a tunnel points at): reads each request the remote sends, answers
// handshakes itself (VK's signature over the public URL, SNS's SubscribeURL visited, s3:TestEvent acknowledged) and
// hands events to `forward`, answering the remote with what that returns. Nothing of a handshake is forwarded.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SubscriptionConfirmation } from '../../notifications/handshake';
import { classify } from './incoming';

/** Largest request body the relay reads (a notification is a few KiB). */
export const MAX_RELAY_BODY = 1024 * 1024;

/** Request headers a relay does not pass on: the hop's own, and the length (recomputed). */
const HOP_HEADERS = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'upgrade', 'te', 'trailer',
  'proxy-connection', 'proxy-authorization', 'proxy-authenticate']);

/** An event the remote sent, as received (hop-by-hop headers left out). */
export interface RelayedEvent { headers: Record<string, string>; body: string; eventName: string; key: string }
/** What to answer the remote. */
export interface RelayAnswer { status: number; body: string; contentType?: string }
/** Something the relay did besides forwarding (printed and shown live). */
export interface RelayNotice { kind: 'vk-handshake' | 'sns-subscribe' | 'test-event' | 'refused'; ok: boolean; detail: string }

/** What the relay asks of its session. */
export interface RelayHandlers {
  /** The URL the remote calls (the hook's Url); VK's signature is computed over it. */
  publicUrl(): string;
  /** The VK signature to answer (handshakeSignature; a test breaks it on purpose). */
  sign(confirmation: SubscriptionConfirmation, url: string): string;
  /** Visit an SNS SubscribeURL; resolves with the HTTP status. */
  subscribe(url: string): Promise<number>;
  forward(event: RelayedEvent): Promise<RelayAnswer>;
  notice(notice: RelayNotice): void;
}

/** A listening relay. */
export interface Relay { port: number; url: string; close(): Promise<void> }

function passOn(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_RELAY_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_RELAY_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const send = (res: ServerResponse, { status, body, contentType }: RelayAnswer) => {
  res.writeHead(status, { 'content-type': contentType ?? 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

async function handle(req: IncomingMessage, h: RelayHandlers): Promise<RelayAnswer> {
  if (req.method !== 'POST') { req.resume(); return { status: 200, body: 'BucketHooks listen relay: POST notifications here\n' }; }
  const body = await readBody(req);
  if (body === undefined) return { status: 413, body: `Larger than ${MAX_RELAY_BODY} bytes\n` };
  const messageType = req.headers['x-amz-sns-message-type'];
  const incoming = classify(typeof messageType === 'string' ? messageType : undefined, body);
  switch (incoming.kind) {
    case 'vk-handshake': {
      const url = h.publicUrl();
      h.notice({ kind: 'vk-handshake', ok: true, detail: `answered the URL handshake for ${url}` });
      return { status: 200, body: JSON.stringify({ signature: h.sign(incoming.confirmation, url) }), contentType: 'application/json' };
    }
    case 'sns-subscribe': {
      let why = '';
      const status = await h.subscribe(incoming.subscribeUrl).catch((err: unknown) => { why = (err as Error).message; return 0; });
      const ok = status >= 200 && status < 300;
      h.notice({ kind: 'sns-subscribe', ok, detail: `SubscribeURL of ${incoming.topicArn || 'the topic'}: ${status ? `HTTP ${status}` : `not visited (${why})`}` });
      return { status: ok ? 200 : 502, body: ok ? 'Subscribed\n' : 'Could not visit the SubscribeURL\n' };
    }
    case 'bad-handshake':
      h.notice({ kind: 'refused', ok: false, detail: incoming.reason });
      return { status: 400, body: `${incoming.reason}\n` };
    case 'test-event':
      h.notice({ kind: 'test-event', ok: true, detail: 'acknowledged s3:TestEvent' });
      return { status: 200, body: '' };
    case 'event':
      return h.forward({ headers: passOn(req.headers), body, eventName: incoming.eventName, key: incoming.key });
  }
}

/** Listen on 127.0.0.1:`port` (0: a free one). */
export function startRelay(port: number, handlers: RelayHandlers): Promise<Relay> {
  const server = createServer((req, res) => {
    handle(req, handlers).then((answer) => send(res, answer), (err: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: `Relay error: ${(err as Error).message}\n` });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as AddressInfo).port;
      resolve({
        port: bound,
        url: `http://127.0.0.1:${bound}/`,
        close: () => new Promise<void>((done) => { server.close(() => done()); server.closeAllConnections(); }),
      });
    });
  });
}
