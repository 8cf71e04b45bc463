// Test helper: a real webhook receiver on 127.0.0.1:0 that answers the VK handshake in a chosen
// (right or wrong) way and records every request it gets.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handshakeSignature } from '../../src-main/core/notifications/handshake';

export type ReceiverMode = 'good' | 'bad-signature' | 'status-500' | 'not-json' | 'hang' | 'ok-204';

export interface Received { headers: IncomingHttpHeaders; body: string; path: string }

export interface Receiver { url: (path?: string) => string; requests: Received[]; mode: ReceiverMode; close(): Promise<void> }

/** Start a receiver; `mode` may be changed between requests. */
export async function startReceiver(mode: ReceiverMode = 'good'): Promise<Receiver> {
  const requests: Received[] = [];
  const state: Receiver = { url: () => '', requests, mode, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ headers: req.headers, body, path: req.url ?? '' });
      if (state.mode === 'hang') return;
      if (state.mode === 'status-500') { res.writeHead(500).end('boom'); return; }
      if (state.mode === 'not-json') { res.writeHead(200).end('OK'); return; }
      if (state.mode === 'ok-204') { res.writeHead(204).end(); return; }
      let signature = 'f'.repeat(64);
      if (state.mode === 'good' && req.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation') {
        const m = JSON.parse(body) as { Token: string; Timestamp: string; TopicArn: string };
        signature = handshakeSignature(m.Token, m.Timestamp, m.TopicArn, `http://127.0.0.1:${port()}${req.url}`);
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ signature }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = () => (server.address() as AddressInfo).port;
  state.url = (path = '/hook') => `http://127.0.0.1:${port()}${path}`;
  state.close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return state;
}

/** A URL on which nothing listens (connection refused). */
export async function refusedUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}
