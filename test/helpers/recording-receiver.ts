// Test helper: a real local HTTP receiver that answers 200 and records every POST in arrival order (its
// webhook-id and the records it carried), for tests of what a receiver sees.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One received POST. */
export interface Received {
  webhookId: string;
  records: { key: string; sequencer: number; eventName: string; size?: number }[];
}

export interface RecordingReceiver { url: string; received: Received[]; close(): Promise<void> }

/** Start a receiver on 127.0.0.1 and a free port; it answers each POST after `delayMs`. */
export async function startRecordingReceiver(delayMs = 0): Promise<RecordingReceiver> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as {
        Records: { eventName: string; s3: { object: { key: string; sequencer: number; size?: number } } }[];
      };
      received.push({
        webhookId: String(req.headers['webhook-id']),
        records: body.Records.map((r) => ({
          key: decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')), sequencer: Number(r.s3.object.sequencer),
          eventName: r.eventName, size: r.s3.object.size,
        })),
      });
      setTimeout(() => res.writeHead(200).end('ok'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`, received,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
