// The receiver check against receivers broken on purpose: each fails exactly the case that targets it, with a
// message naming the problem, and a correct receiver passes every case. Real HTTP receivers on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck, type CheckReport } from '../../src-main/core/check';
import { checkReceiver } from '../../src-main/devkit';
import { startCheckReceiver, type Defect } from '../helpers/check-receiver';
import type { Receiver } from '../helpers/receiver';
import { refusedUrl } from '../helpers/ports';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
let receiver: Receiver | undefined;
afterEach(async () => { await receiver?.close(); receiver = undefined; });

async function check(defect: Defect, options: Parameters<typeof runCheck>[1] = {}): Promise<CheckReport> {
  receiver = await startCheckReceiver(secret, defect);
  return runCheck(receiver.url, { secret, ...options });
}

const failures = (r: CheckReport) => r.cases.filter((c) => c.outcome === 'fail').map((c) => c.name);
const message = (r: CheckReport, name: string) => r.cases.find((c) => c.name === name)?.message ?? '';

describe('the receiver check', () => {
  it('passes every case of a correct receiver (batch skipped: vk posts one record per request), through the package API', async () => {
    receiver = await startCheckReceiver(secret);
    const report = await checkReceiver(receiver.url, { secret });
    expect(failures(report)).toEqual([]);
    expect(report.cases.filter((c) => c.outcome === 'skip').map((c) => [c.name, c.message]))
      .toEqual([['batch', 'the vk flavour posts one record per request']]);
    expect(report.passed).toBe(report.cases.length - 1);
  });

  const BROKEN: [Defect, string[], RegExp][] = [
    ['no-signature-check', ['signature.changed-body', 'signature.wrong-secret', 'signature.stale', 'signature.missing'],
      /got HTTP 200 .*expected 401\/403 or another 4xx \(the receiver accepted it: anyone could post this\)/],
    ['plus-500', ['key.space-plus'], /key in the record: "check\/my\+file%2B1\.txt".*got HTTP 500.*expected 2xx/],
    ['duplicate-500', ['duplicate'], /the same event again \(same webhook-id evt_\w+, same record\), got HTTP 500/],
    ['slow-removals', ['timing.answer-time'], /^3 of 27 answers took longer than 2000 ms; the slowest: sent s3:ObjectRemoved:\w+ of "check\/[\w.-]+".*after 3\d{3} ms: answer first/],
    ['wrong-handshake', ['handshake'], /wrong handshake signature: expected [0-9a-f]{64}, got [0-9a-f]{64}: it is signed over the URL with\/without a trailing slash/],
    ['cached-handshake', ['handshake'], /second confirmation.*it is the answer to the previous confirmation: compute it from each message, do not cache it/],
    ['needs-size', ['event.delete', 'event.delete-marker', 'order.stale-sequencer'], /no size, no ETag\), got HTTP 500/],
  ];

  it.each(BROKEN)('fails a receiver with the defect %s on exactly its cases', async (defect, cases, why) => {
    const report = await check(defect);
    expect(failures(report)).toEqual(cases);
    expect(report.failed).toBe(cases.length);
    expect(message(report, cases[0])).toMatch(why);
  });

  it('records what was sent and what came back for each case', async () => {
    const report = await check('plus-500', { only: ['key.space-plus'] });
    const [exchange] = report.cases[0].exchanges;
    expect(JSON.parse(exchange.request.body).Records[0].s3.object.key).toBe('check/my+file%2B1.txt');
    expect(exchange.request.headers['webhook-signature']).toMatch(/^v1,/);
    expect(exchange.answer).toMatchObject({ status: 500, error: null });
    expect(JSON.parse(exchange.answer.body!)).toEqual({ error: 'no such file check/my+file+1.txt' });
  });

  it('skips the signature cases without a secret, and the handshake for the aws flavour', async () => {
    receiver = await startCheckReceiver(secret, 'no-signature-check');
    const report = await runCheck(receiver.url, { flavour: 'aws', only: ['handshake', 'signature'] });
    expect(report.cases.map((c) => [c.name, c.outcome])).toEqual([
      ['handshake', 'skip'], ...['valid', 'changed-body', 'wrong-secret', 'stale', 'missing', 'rotated'].map((n) => [`signature.${n}`, 'skip']),
    ]);
    expect(message(report, 'signature.stale')).toBe('no secret given (--secret): signatures cannot be checked');
    expect(message(report, 'handshake')).toBe('the aws flavour confirms a URL with the test event, not VK\'s handshake');
  });

  it('sends aws records (eventVersion 2.1, no s3: prefix) for the aws flavour', async () => {
    const report = await check('none', { flavour: 'aws', only: ['event.delete-marker'] });
    const record = JSON.parse(report.cases[0].exchanges[0].request.body).Records[0];
    expect(record).toMatchObject({ eventVersion: '2.1', eventName: 'ObjectRemoved:DeleteMarkerCreated' });
    expect(Object.keys(record.s3.object).sort()).toEqual(['key', 'sequencer', 'versionId']);
    expect(report.failed).toBe(0);
  });

  it('refuses bad options before sending anything', async () => {
    receiver = await startCheckReceiver(secret);
    const url = receiver.url;
    await expect(runCheck(url, { flavour: 'nope' })).rejects.toMatchObject({
      code: 'InvalidInput', message: 'unknown flavour "nope" (available: vk, aws, aws-current, sns, eventbridge, minio, ceph, b2, cloudevents)',
    });
    await expect(runCheck(url, { flavour: 'b2', secret: 'two words' })).rejects.toThrow('the secret is not a B2 event notification secret: Must be 1 to 256 printable');
    await expect(runCheck(url, { only: ['signatures'] })).rejects.toThrow(/no check case or group "signatures" \(cases: handshake, test-event, /);
    await expect(runCheck(url, { secret: 'hunter2' })).rejects.toThrow('the secret is not a Standard Webhooks secret: Must be whsec_');
    await expect(runCheck('ftp://127.0.0.1/x')).rejects.toThrow('the receiver URL must be http(s), got "ftp://127.0.0.1/x"');
    await expect(runCheck(url, { timeoutMs: 0 })).rejects.toThrow('the timeout must be a whole number of ms from 1 to 600000, got 0');
    expect(receiver.received).toHaveLength(0);
  });

  it('fails every case where nothing listens, naming the refused connection', async () => {
    const report = await runCheck(await refusedUrl(), { secret, only: ['event.put', 'timing'] });
    expect(report.cases.map((c) => [c.name, c.outcome])).toEqual([['event.put', 'fail'], ['timing.answer-time', 'fail'], ['timing.concurrent', 'fail']]);
    expect(message(report, 'timing.answer-time')).toMatch(/^sent s3:ObjectCreated:Put of "check\/timing\.txt", got no answer \(refused: connect ECONNREFUSED/);
  });

  it('skips the rest once the receiver stops answering', async () => {
    receiver = await startCheckReceiver(secret, 'slow-removals');
    const report = await runCheck(receiver.url, { secret, timeoutMs: 300, only: ['event', 'key.unicode'] });
    expect(report.cases.map((c) => [c.name, c.outcome])).toEqual([
      ['event.put', 'pass'], ['event.post', 'pass'], ['event.copy', 'pass'], ['event.complete-multipart-upload', 'pass'],
      ['event.delete', 'fail'], ['event.delete-marker', 'fail'], ['key.unicode', 'skip'],
    ]);
    expect(message(report, 'event.delete')).toMatch(/got no answer \(timeout: no response within 300 ms\)/);
    expect(message(report, 'key.unicode')).toBe('the receiver stopped answering (2 requests in a row got no answer within 300 ms)');
  });
});
