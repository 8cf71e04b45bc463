// The receiver check in every payload flavour: a receiver that verifies the flavour's signature and reads its shape
// the way a real one would passes every case that applies (the rest say SKIP and why), and a receiver wrong in a way
// that matters for that flavour fails exactly the case that targets it. Real HTTP receivers on 127.0.0.1.
import { createHmac, createVerify, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PAYLOAD_FLAVOURS, type PayloadFlavour } from '../../src-shared/contract';
import { CHECK_FLAVOURS, runCheck, type CheckReport } from '../../src-main/core/check';
import { loadSnsKeys } from '../../src-main/core/payloads/sns-keys';
import { startFlavourReceiver, type FlavourDefect } from '../helpers/flavour-receiver';
import type { Receiver } from '../helpers/receiver';

const whsec = `whsec_${randomBytes(24).toString('base64')}`;
/** A B2-style secret (32 letters and digits, not a `whsec_` one). */
const b2Secret = randomBytes(16).toString('hex');
const secretOf = (flavour: PayloadFlavour) => (flavour === 'b2' ? b2Secret : flavour === 'sns' ? undefined : whsec);

let receiver: Receiver | undefined;
afterEach(async () => { await receiver?.close(); receiver = undefined; });

async function check(flavour: PayloadFlavour, defect: FlavourDefect = 'none', only?: string[]): Promise<CheckReport> {
  receiver = await startFlavourReceiver(flavour, secretOf(flavour) ?? '', defect);
  return runCheck(receiver.url, { flavour, secret: secretOf(flavour), only });
}

const outcomes = (r: CheckReport, outcome: string) => r.cases.filter((c) => c.outcome === outcome).map((c) => c.name);
const caseOf = (r: CheckReport, name: string) => r.cases.find((c) => c.name === name)!;

const NO_HANDSHAKE_NO_BATCH = ['handshake', 'batch'];
const SKIPPED: Record<PayloadFlavour, string[]> = {
  vk: ['batch'],
  aws: NO_HANDSHAKE_NO_BATCH,
  'aws-current': NO_HANDSHAKE_NO_BATCH,
  sns: ['batch', 'signature.stale', 'signature.rotated'],
  eventbridge: NO_HANDSHAKE_NO_BATCH,
  minio: NO_HANDSHAKE_NO_BATCH,
  ceph: NO_HANDSHAKE_NO_BATCH,
  b2: ['handshake', 'signature.stale', 'signature.rotated'],
  cloudevents: NO_HANDSHAKE_NO_BATCH,
};

describe('the receiver check in every flavour', () => {
  it('speaks every payload flavour, in the contract\'s order', () => {
    expect([...CHECK_FLAVOURS.keys()]).toEqual([...PAYLOAD_FLAVOURS]);
  });

  it.each(PAYLOAD_FLAVOURS.filter((f) => f !== 'vk'))('passes a correct %s receiver on every case that applies', async (flavour) => {
    const report = await check(flavour);
    expect(outcomes(report, 'fail'), JSON.stringify(report.cases.filter((c) => c.outcome === 'fail').map((c) => c.message))).toEqual([]);
    expect(outcomes(report, 'skip')).toEqual(SKIPPED[flavour]);
    expect(report).toMatchObject({ flavour, passed: report.cases.length - SKIPPED[flavour].length });
  });

  const BROKEN: [PayloadFlavour, FlavourDefect, string[], RegExp][] = [
    ['aws', 'no-signature-check', ['signature.changed-body', 'signature.wrong-secret', 'signature.stale', 'signature.missing'], /got HTTP 200 .*the receiver accepted it/],
    ['aws-current', 'duplicate-500', ['duplicate'], /the same event again \(same webhook-id evt_\w+, same record\), got HTTP 500/],
    ['eventbridge', 'needs-size', ['event.delete', 'event.delete-marker', 'order.stale-sequencer'], /no size, no ETag\), got HTTP 500/],
    ['minio', 'plus-500', ['key.space-plus'], /key in the record: "check%2Fmy\+file%2B1\.txt"\).*got HTTP 500/],
    ['ceph', 'decodes-raw-keys', ['key.percent'], /key in the record: "check\/100%\.txt"\), got HTTP 500 .*URI malformed/],
    ['cloudevents', 'needs-subject', ['test-event'], /an s3:TestEvent \(no Records\), got HTTP 400 .*missing ce-subject/],
    ['sns', 'no-signature-check', ['handshake', 'signature.changed-body', 'signature.wrong-secret', 'signature.missing'],
      /signed with another key.*its SubscribeURL was visited: verify the signature/],
    ['sns', 'no-subscribe', ['handshake'], /got HTTP 200 .*but its SubscribeURL was not visited within 5000 ms: GET the SubscribeURL/],
    ['b2', 'no-signature-check', ['signature.changed-body', 'signature.wrong-secret', 'signature.missing'], /got HTTP 200 .*the receiver accepted it/],
    ['b2', 'one-event-only', ['batch'], /5 events in one POST \(ObjectCreated:Put, ObjectCreated:Copy, .*\), got HTTP 400 .*expected 1 event, got 5/],
  ];

  it.each(BROKEN)('fails a %s receiver with the defect %s on exactly its cases', async (flavour, defect, cases, why) => {
    const report = await check(flavour, defect);
    expect(outcomes(report, 'fail')).toEqual(cases);
    expect(caseOf(report, cases[0]).message).toMatch(why);
  });
});

describe('what the check sends in each flavour', () => {
  it('b2: a signed {events:[…]} batch of five events, each kind of change, in one POST', async () => {
    const report = await check('b2', 'none', ['batch']);
    const [{ request }] = caseOf(report, 'batch').exchanges;
    const events = (JSON.parse(request.body) as { events: { eventType: string; objectName: string }[] }).events;
    expect(events.map((e) => e.eventType)).toEqual([
      'b2:ObjectCreated:Upload', 'b2:ObjectCreated:Copy', 'b2:ObjectCreated:MultipartUpload', 'b2:ObjectDeleted:Delete', 'b2:HideMarkerCreated:Hide',
    ]);
    expect(events[1].objectName).toBe('check/batch 2+copy.txt');
    expect(request.headers['x-bz-event-notification-signature']).toBe(`v1=${createHmac('sha256', b2Secret).update(request.body).digest('hex')}`);
    expect(request.headers['webhook-signature']).toBeUndefined();
  });

  it('sns: envelopes signed with the data dir\'s key, whose certificate the run serves at SigningCertURL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bh-check-sns-'));
    try {
      const keys = loadSnsKeys(dir);
      receiver = await startFlavourReceiver('sns', '');
      const report = await runCheck(receiver.url, { flavour: 'sns', only: ['handshake', 'event.put'] }, { snsKeys: keys });
      expect(outcomes(report, 'pass')).toEqual(['handshake', 'event.put']);
      const envelope = JSON.parse(caseOf(report, 'event.put').exchanges[0].request.body) as Record<string, string>;
      expect(envelope).toMatchObject({ Type: 'Notification', SignatureVersion: '2', SigningCertURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/_sns\//) });
      const canonical = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'].map((k) => `${k}\n${envelope[k]}\n`).join('');
      const key = new X509Certificate(keys.certificatePem).publicKey;
      expect(createVerify('RSA-SHA256').update(canonical).verify(key, envelope.Signature, 'base64')).toBe(true);
      expect(JSON.parse(envelope.Message).Records[0].eventName).toBe('ObjectCreated:Put');
      const confirmations = caseOf(report, 'handshake').exchanges.map((e) => JSON.parse(e.request.body) as Record<string, string>);
      expect(confirmations.map((c) => [c.Type, c.SubscribeURL.startsWith(envelope.SigningCertURL.replace(/\/_sns\/.*/, ''))]))
        .toEqual([['SubscriptionConfirmation', true], ['SubscriptionConfirmation', true]]);
      await expect(fetch(envelope.SigningCertURL)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cloudevents: the ce-* headers, the record as the body; eventbridge: the event, raw keys', async () => {
    const ce = await check('cloudevents', 'none', ['key.space-plus']);
    const { request } = ce.cases[0].exchanges[0];
    expect(request.headers).toMatchObject({ 'ce-specversion': '1.0', 'ce-type': 'com.amazonaws.s3.ObjectCreated:Put', 'ce-subject': 'check/my+file%2B1.txt' });
    expect(JSON.parse(request.body).s3.object.key).toBe('check/my+file%2B1.txt');
    await receiver?.close();
    const eb = await check('eventbridge', 'none', ['key.space-plus']);
    expect(JSON.parse(eb.cases[0].exchanges[0].request.body)).toMatchObject({ 'detail-type': 'Object Created', detail: { object: { key: 'check/my file+1.txt' } } });
  });

  it('takes any printable secret for b2 but a whsec_ one for the others; an unknown flavour is invalid input', async () => {
    await expect(runCheck('http://127.0.0.1:9/x', { flavour: 'minio', secret: b2Secret })).rejects.toThrow('the secret is not a Standard Webhooks secret');
    await expect(runCheck('http://127.0.0.1:9/x', { flavour: 'nope' })).rejects.toMatchObject({ code: 'InvalidInput' });
  });
});
