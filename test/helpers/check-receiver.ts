// Test helper: an in-process webhook receiver that does everything a receiver should (VK handshake over its own URL,
// Standard Webhooks verification with the `standardwebhooks` library, 2xx to every valid delivery) unless told to
// break one thing on purpose, as the receivers the check must catch.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { handshakeSignature } from '../../src-main/core/notifications/handshake';

/** The one defect a receiver has on purpose. */
export type Defect =
  | 'none'
  | 'no-signature-check'   // accepts anything
  | 'plus-500'             // decodes keys with decodeURIComponent only and fails on the "+" it leaves
  | 'duplicate-500'        // 500 on a webhook-id seen before
  | 'slow-removals'        // takes 3 s to answer removal events
  | 'wrong-handshake'      // signs the handshake over the URL with a trailing slash
  | 'cached-handshake'     // answers every handshake with the first signature it computed
  | 'needs-size';          // reads record.s3.object.size.toFixed() and fails on removals

export interface CheckReceiver { url: string; requests: number; close(): Promise<void> }

interface S3Body { Records?: { eventName: string; s3: { object: { key: string; size?: number } } }[] }

/** Start a receiver on 127.0.0.1 and a free port at path /hook, verifying with `secret`. */
export async function startCheckReceiver(secret: string, defect: Defect = 'none'): Promise<CheckReceiver> {
  const webhook = new Webhook(secret);
  const seen = new Set<string>();
  let cached: string | null = null;
  let url = '';
  const state = { requests: 0 };
  const handle = async (req: http.IncomingMessage, body: string): Promise<[number, unknown]> => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    if (headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation') {
      const m = JSON.parse(body) as { Token: string; Timestamp: string; TopicArn: string };
      const signature = handshakeSignature(m.Token, m.Timestamp, m.TopicArn, defect === 'wrong-handshake' ? `${url}/` : url);
      if (defect === 'cached-handshake') cached ??= signature;
      return [200, { signature: defect === 'cached-handshake' ? cached : signature }];
    }
    if (defect !== 'no-signature-check') {
      try { webhook.verify(body, headers); } catch (err) { return [401, { error: (err as Error).message }]; }
    }
    const id = headers['webhook-id'];
    if (defect === 'duplicate-500' && seen.has(id)) return [500, { error: `duplicate key ${id}` }];
    seen.add(id);
    for (const record of (JSON.parse(body) as S3Body).Records ?? []) {
      const key = decodeURIComponent(defect === 'plus-500' ? record.s3.object.key : record.s3.object.key.replace(/\+/g, ' '));
      if (defect === 'plus-500' && key.includes('+')) return [500, { error: `no such file ${key}` }];
      if (defect === 'needs-size') record.s3.object.size!.toFixed();
      if (defect === 'slow-removals' && record.eventName.includes('ObjectRemoved')) await new Promise((r) => setTimeout(r, 3000));
    }
    return [200, { ok: true }];
  };
  const server = http.createServer((req, res) => {
    state.requests++;
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      handle(req, Buffer.concat(parts).toString('utf8'))
        .catch((err: Error) => [500, { error: err.message }] as [number, unknown])
        .then(([status, answer]) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    get requests() { return state.requests; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
