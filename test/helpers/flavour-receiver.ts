// Test helper: a webhook receiver for any payload flavour that checks what a real one would — Standard Webhooks with
// the `standardwebhooks` library, B2's `v1=` HMAC, SNS's RSA signature against the certificate fetched from
// SigningCertURL (visiting SubscribeURL only when it verifies) — reads the flavour's own shape and decodes its keys,
// unless it is told to break one thing on purpose. Built on the test receiver (receiver.ts).
import { createHmac, createVerify, timingSafeEqual, X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';
import type { PayloadFlavour } from '../../src-shared/contract';
import { startReceiver, type Behaviour, type Receiver } from './receiver';

/** The one defect a receiver has on purpose. */
export type FlavourDefect =
  | 'none'
  | 'no-signature-check'   // accepts anything (and, for SNS, visits any SubscribeURL)
  | 'needs-size'           // reads the object's size and fails on removals, which have none
  | 'plus-500'             // decodes keys with decodeURIComponent only and fails on the "+" it leaves
  | 'decodes-raw-keys'     // URL-decodes keys the flavour sends raw (Ceph): a "%" key throws
  | 'needs-subject'        // CloudEvents: requires ce-subject, which the test event has not
  | 'no-subscribe'         // SNS: answers a SubscriptionConfirmation 200 without visiting SubscribeURL
  | 'one-event-only'       // B2: refuses a POST whose events are not exactly one
  | 'duplicate-500';       // 500 on an event id seen before

interface Answer { status: number; body: unknown }
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** SNS's canonical string, written from AWS's guide (not from the code under test). */
function snsCanonical(m: Doc): string {
  const fields = m.Type === 'Notification' ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
    : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return fields.filter((k) => m[k] !== undefined).map((k) => `${k}\n${m[k]}\n`).join('');
}

/** The records of a body of `flavour` as `{ key as sent, size }` (none for a test event, which every flavour sends in AWS's shape). */
function recordsOf(flavour: PayloadFlavour, doc: Doc): { key: string; size?: number }[] {
  if (flavour === 'b2') return ((doc.events ?? []) as Doc[]).map((e) => ({ key: e.objectName, size: e.objectSize }));
  if (flavour === 'eventbridge') return doc.detail ? [{ key: doc.detail.object.key, size: doc.detail.object.size }] : [];
  if (flavour === 'cloudevents') return doc.s3 ? [{ key: doc.s3.object.key, size: doc.s3.object.size }] : [];
  if (flavour === 'sns') return recordsOf('aws', JSON.parse(doc.Message) as Doc);
  return ((doc.Records ?? []) as Doc[]).map((r) => ({ key: r.s3.object.key, size: r.s3.object.size }));
}

/** Start the test receiver acting as one of `flavour` verifying with `secret` (unused by SNS), broken by `defect`. */
export async function startFlavourReceiver(flavour: PayloadFlavour, secret: string, defect: FlavourDefect = 'none'): Promise<Receiver> {
  const certs = new Map<string, Promise<string>>();
  const seen = new Set<string>();
  const check = defect !== 'no-signature-check';
  const rawKeys = flavour === 'ceph' || flavour === 'eventbridge' || flavour === 'b2';

  async function snsVerified(m: Doc): Promise<boolean> {
    if (m.SignatureVersion !== '2' || typeof m.Signature !== 'string' || typeof m.SigningCertURL !== 'string') return false;
    const url = m.SigningCertURL;
    if (!certs.has(url)) {
      // One retry (the socket that failed is not reused), and a failed fetch is not remembered: only a certificate is.
      const fetched = fetch(url).catch(() => fetch(url)).then((r) => r.text());
      certs.set(url, fetched);
      fetched.catch(() => certs.delete(url));
    }
    const cert = new X509Certificate(await certs.get(url)!);
    return createVerify('RSA-SHA256').update(snsCanonical(m)).verify(cert.publicKey, m.Signature, 'base64');
  }

  async function answer(headers: IncomingHttpHeaders, body: string): Promise<Answer> {
    const plain = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
    if (check && flavour === 'b2') {
      const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(body).digest('hex')}`);
      const got = Buffer.from(plain['x-bz-event-notification-signature'] ?? '');
      if (got.length !== expected.length || !timingSafeEqual(got, expected)) return { status: 401, body: { error: 'bad X-Bz-Event-Notification-Signature' } };
    } else if (check && flavour !== 'sns') {
      try { new Webhook(secret).verify(body, plain); } catch (err) { return { status: 401, body: { error: (err as Error).message } }; }
    }
    const doc = JSON.parse(body) as Doc;
    if (flavour === 'sns') {
      if (check && !(await snsVerified(doc))) return { status: 403, body: { error: 'the SNS signature does not verify' } };
      if (doc.Type === 'SubscriptionConfirmation') {
        if (defect !== 'no-subscribe') await fetch(doc.SubscribeURL as string);
        return { status: 200, body: { subscribed: defect !== 'no-subscribe' } };
      }
    }
    if (defect === 'needs-subject' && !plain['ce-subject']) return { status: 400, body: { error: 'missing ce-subject' } };
    if (defect === 'one-event-only' && doc.events && doc.events.length !== 1) return { status: 400, body: { error: `expected 1 event, got ${doc.events.length}` } };
    const id = plain['webhook-id'] ?? '';
    if (defect === 'duplicate-500' && seen.has(id)) return { status: 500, body: { error: `duplicate key ${id}` } };
    seen.add(id);
    for (const r of recordsOf(flavour, doc)) {
      if (defect === 'needs-size' && r.size === undefined) return { status: 500, body: { error: 'Cannot read properties of undefined (reading \'toFixed\')' } };
      let key: string;
      try {
        key = defect === 'plus-500' || defect === 'decodes-raw-keys' ? decodeURIComponent(r.key) : rawKeys ? r.key : decodeURIComponent(r.key.replace(/\+/g, ' '));
      } catch (err) {
        return { status: 500, body: { error: `${(err as Error).message}: ${r.key}` } };
      }
      if (defect === 'plus-500' && key.includes('+')) return { status: 500, body: { error: `no such file ${key}` } };
    }
    return { status: 200, body: { ok: true } };
  }

  const json = (a: Answer): Behaviour => ({ status: a.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(a.body) });
  const receiver = await startReceiver({ handshake: 'none' });
  receiver.behave((r) => answer(r.headers, r.body).then(json, (err: Error) => json({ status: 500, body: { error: err.message } })));
  return receiver;
}
