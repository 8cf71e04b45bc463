// Test helper: THE webhook receiver of the tests — a real HTTP server on 127.0.0.1 and a free port that records
// every request, answers as told (a status after a delay, hang, reset) and answers VK's URL handshake right or wrong.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handshakeSignature } from '../../src-main/core/notifications/handshake';

/** One record of a posted `{"Records":[…]}` body, its key URL-decoded as S3 encodes it. */
export interface ReceivedRecord { key: string; sequencer: number; eventName: string; size?: number }

/** One request as the receiver got it. */
export interface Received {
  method: string; path: string; headers: IncomingHttpHeaders; body: string; at: number;
  /** The `webhook-id` header ('' when absent). */
  webhookId: string;
  /** The records of a JSON `{"Records":[…]}` body (empty for anything else). */
  records: ReceivedRecord[];
  /** The sender closed the connection before the answer was complete (an aborted attempt). */
  abandoned: boolean;
}

/** How a request is answered: a status (with headers, body, after a delay), no answer at all, or a reset socket. */
export type Behaviour =
  | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }
  | 'hang' | 'reset';

/** How a VK URL handshake (an SNS SubscriptionConfirmation) is answered; `none`: like any other request. */
export type HandshakeAnswer = 'right' | 'wrong' | 'none';

export interface ReceiverOptions { behaviour?: Behaviour; handshake?: HandshakeAnswer }

export interface Receiver {
  /** `http://127.0.0.1:<port>/hook`. */
  url: string;
  /** The receiver's URL with another path. */
  urlFor(path: string): string;
  port: number;
  received: Received[];
  /** Set how the next requests are answered (a function decides per request). */
  behave(b: Behaviour | ((r: Received) => Behaviour)): void;
  /** Set how the next handshakes are answered. */
  answerHandshakes(answer: HandshakeAnswer): void;
  close(): Promise<void>;
}

const OK: Behaviour = { status: 200, body: 'ok' };

/** Start a receiver: 200 to everything and the right handshake signature unless `options` say otherwise. */
export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  let behaviour: Behaviour | ((r: Received) => Behaviour) = options.behaviour ?? OK;
  let handshake: HandshakeAnswer = options.handshake ?? 'right';
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const r: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: Date.now(),
        webhookId: String(req.headers['webhook-id'] ?? ''), records: recordsOf(body), abandoned: false };
      received.push(r);
      res.once('close', () => { if (!res.writableFinished) r.abandoned = true; });
      if (handshake !== 'none' && req.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ signature: signatureFor(r, handshake, port) }));
        return;
      }
      const b = typeof behaviour === 'function' ? behaviour(r) : behaviour;
      if (b === 'hang') return;
      if (b === 'reset') { req.socket.destroy(); return; }
      const answer = () => { res.writeHead(b.status, b.headers ?? {}); res.end(b.body ?? ''); };
      if (b.delayMs) setTimeout(answer, b.delayMs); else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const urlFor = (path: string) => `http://127.0.0.1:${port}${path}`;
  return {
    url: urlFor('/hook'), urlFor, port, received,
    behave: (b) => { behaviour = b; },
    answerHandshakes: (answer) => { handshake = answer; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The handshake's signature over the URL the request came to (or a wrong one). */
function signatureFor(r: Received, answer: HandshakeAnswer, port: number): string {
  if (answer === 'wrong') return 'f'.repeat(64);
  const m = JSON.parse(r.body) as { Token: string; Timestamp: string; TopicArn: string };
  return handshakeSignature(m.Token, m.Timestamp, m.TopicArn, `http://127.0.0.1:${port}${r.path}`);
}

/** The records of an S3 event body, keys decoded; [] when the body is not one. */
function recordsOf(body: string): ReceivedRecord[] {
  try {
    const parsed = JSON.parse(body) as { Records?: { eventName: string; s3: { object: { key: string; sequencer: number; size?: number } } }[] };
    return (parsed.Records ?? []).map((r) => ({
      key: decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')), sequencer: Number(r.s3.object.sequencer),
      eventName: r.eventName, size: r.s3.object.size,
    }));
  } catch {
    return [];
  }
}
