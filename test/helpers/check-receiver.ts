// Test helper: the shared test receiver (receiver.ts) told to act as a webhook receiver should — VK handshake over its
// own URL, Standard Webhooks verification with the `standardwebhooks` library, 2xx to every valid delivery — unless it
// is told to break one thing on purpose, as the receivers the receiver check must catch.
import { Webhook } from 'standardwebhooks';
import { handshakeSignature } from '../../src-main/core/notifications/handshake';
import { startReceiver, type Behaviour, type Receiver, type Received } from './receiver';

/** The one defect a receiver has on purpose. */
export type Defect =
  | 'none'
  | 'no-signature-check'   // accepts anything
  | 'plus-500'             // decodes keys with decodeURIComponent only and fails on the "+" it leaves
  | 'duplicate-500'        // 500 on a webhook-id seen before
  | 'slow-removals'        // takes 3 s to answer removal events
  | 'wrong-handshake'      // signs the handshake over the URL with a trailing slash
  | 'cached-handshake'     // answers every handshake with the first signature it computed
  | 'needs-size';          // reads record.s3.object.size and fails on removals, which have none

interface S3Body { Records?: { eventName: string; s3: { object: { key: string; size?: number } } }[] }

const json = (status: number, body: unknown, delayMs = 0): Behaviour => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), delayMs });

/** Start a receiver at `<its url>/hook` verifying with `secret`, broken by `defect`. */
export async function startCheckReceiver(secret: string, defect: Defect = 'none'): Promise<Receiver> {
  const receiver = await startReceiver({ handshake: 'none' });
  const webhook = new Webhook(secret);
  const seen = new Set<string>();
  let cached: string | null = null;

  const handshake = (r: Received): Behaviour => {
    const m = JSON.parse(r.body) as { Token: string; Timestamp: string; TopicArn: string };
    const signature = handshakeSignature(m.Token, m.Timestamp, m.TopicArn, defect === 'wrong-handshake' ? `${receiver.url}/` : receiver.url);
    if (defect === 'cached-handshake') cached ??= signature;
    return json(200, { signature: defect === 'cached-handshake' ? cached : signature });
  };

  const delivery = (r: Received): Behaviour => {
    if (defect !== 'no-signature-check') {
      const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
      try { webhook.verify(r.body, headers); } catch (err) { return json(401, { error: (err as Error).message }); }
    }
    if (defect === 'duplicate-500' && seen.has(r.webhookId)) return json(500, { error: `duplicate key ${r.webhookId}` });
    seen.add(r.webhookId);
    let delayMs = 0;
    for (const record of (JSON.parse(r.body) as S3Body).Records ?? []) {
      const key = decodeURIComponent(defect === 'plus-500' ? record.s3.object.key : record.s3.object.key.replace(/\+/g, ' '));
      if (defect === 'plus-500' && key.includes('+')) return json(500, { error: `no such file ${key}` });
      if (defect === 'needs-size' && record.s3.object.size === undefined) return json(500, { error: 'Cannot read properties of undefined (reading \'toFixed\')' });
      if (defect === 'slow-removals' && record.eventName.includes('ObjectRemoved')) delayMs = 3000;
    }
    return json(200, { ok: true }, delayMs);
  };

  receiver.behave((r) => (r.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation' ? handshake(r) : delivery(r)));
  return receiver;
}
