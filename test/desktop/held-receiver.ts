// A real webhook receiver on 127.0.0.1:0 that answers the VK handshake at once but holds every notification
// until told to answer: the smoke test uses it to have a delivery in flight while the app quits.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handshakeSignature } from '../../src-main/core/notifications/handshake';

export interface HeldReceiver {
  url: string;
  /** Bodies of the notifications received so far (handshakes excluded). */
  notifications: string[];
  /** Resolves when the next notification has arrived (and is being held). */
  nextArrival(): Promise<string>;
  /** Answer 200 to every held notification, and to later ones at once. */
  release(): void;
  close(): Promise<void>;
}

/** Start the receiver. */
export async function startHeldReceiver(): Promise<HeldReceiver> {
  const notifications: string[] = [];
  const held: http.ServerResponse[] = [];
  let released = false;
  let arrived: ((body: string) => void) | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation') {
        const m = JSON.parse(body) as { Token: string; Timestamp: string; TopicArn: string };
        const signature = handshakeSignature(m.Token, m.Timestamp, m.TopicArn, `http://${req.headers.host}${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ signature }));
        return;
      }
      notifications.push(body);
      if (released) res.end('ok');
      else held.push(res);
      arrived?.(body);
      arrived = undefined;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/held`,
    notifications,
    nextArrival: () => new Promise((resolve) => { arrived = resolve; }),
    release() {
      released = true;
      for (const res of held.splice(0)) res.end('ok');
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
