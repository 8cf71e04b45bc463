// hooks.check and hooks.lastCheck on a real core: "Check receiver…" on a saved hook uses its URL, flavour, auth,
// stored secret and timeout (and the server's SNS key), pushes each case live as hooks.checkCase, and keeps the report
// as the hook's last; the dialog's values (a typed secret, another URL) win over the saved hook's. Real HTTP receivers.
import { createVerify, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEventMessage, CheckCaseEvent } from '../../src-shared/contract';
import { startTestCore, type TestCore } from '../helpers/core';
import { startCheckReceiver } from '../helpers/check-receiver';
import { startFlavourReceiver } from '../helpers/flavour-receiver';
import type { Receiver } from '../helpers/receiver';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
let core: TestCore;
let good: Receiver;
let unsigned: Receiver;
const events: CheckCaseEvent[] = [];
let detach: () => void;

beforeAll(async () => {
  core = await startTestCore({ confirmMode: 'strict' });
  good = await startCheckReceiver(secret);
  unsigned = await startCheckReceiver(secret, 'no-signature-check');
  detach = core.api.subscribe((e: ApiEventMessage) => { if (e.name === 'hooks.checkCase') events.push(e.payload); });
  await core.api['buckets.create']({ name: 'checked' });
  await core.api['hooks.upsert']({ bucket: 'checked', hook: { id: 'good', events: ['s3:ObjectCreated:*'], url: good.url, secret } });
  await core.api['hooks.upsert']({ bucket: 'checked', hook: { id: 'lax', events: ['s3:ObjectRemoved:*'], url: unsigned.url, secret } });
});
afterAll(async () => {
  detach?.();
  await core?.stop();
  await good?.close();
  await unsigned?.close();
});

describe('hooks.check', () => {
  it('checks a saved hook with its stored secret, live, and keeps the report as its last', async () => {
    expect(await core.api['hooks.lastCheck']({ bucket: 'checked', id: 'good' })).toBeNull();
    const report = await core.api['hooks.check']({ runId: 'run-1', bucket: 'checked', id: 'good' });
    expect(report).toMatchObject({ url: good.url, flavour: 'vk', failed: 0, skipped: 1 });
    expect(report.cases.find((c) => c.name === 'signature.stale')?.outcome).toBe('pass');
    const live = events.filter((e) => e.runId === 'run-1');
    expect(live.map((e) => e.result.name)).toEqual(report.cases.map((c) => c.name));
    expect(live.every((e) => e.bucket === 'checked' && e.id === 'good')).toBe(true);
    expect(await core.api['hooks.lastCheck']({ bucket: 'checked', id: 'good' })).toEqual(report);
  });

  it('reports the failures of a receiver that checks no signature, with the request and answer of each', async () => {
    const report = await core.api['hooks.check']({ runId: 'run-2', bucket: 'checked', id: 'lax', only: ['signature'] });
    expect(report.cases.filter((c) => c.outcome === 'fail').map((c) => c.name))
      .toEqual(['signature.changed-body', 'signature.wrong-secret', 'signature.stale', 'signature.missing']);
    const missing = report.cases.find((c) => c.name === 'signature.missing')!;
    expect(missing.exchanges[0].request.headers['webhook-signature']).toBeUndefined();
    expect(missing.exchanges[0].answer.status).toBe(200);
  });

  it('uses the dialog\'s values over the saved hook\'s, and keeps nothing for an unsaved hook', async () => {
    const other = `whsec_${randomBytes(24).toString('base64')}`;
    const report = await core.api['hooks.check']({ runId: 'run-3', bucket: 'checked', id: 'good', secret: other, only: ['signature.valid'] });
    expect(report.cases[0]).toMatchObject({ outcome: 'fail' });
    expect(report.cases[0].message).toMatch(/got HTTP 401/);
    const unsaved = await core.api['hooks.check']({ runId: 'run-4', bucket: 'checked', url: good.url, flavour: 'aws', secret, only: ['test-event'] });
    expect(unsaved).toMatchObject({ flavour: 'aws', passed: 1 });
    expect(await core.api['hooks.lastCheck']({ bucket: 'checked', id: 'good' })).toMatchObject({ cases: [{ name: 'signature.valid' }] });
  });

  it('checks a saved hook in its own flavour with its auth headers, signing sns envelopes with the server\'s key', async () => {
    const sns = await startFlavourReceiver('sns', '');
    try {
      await core.api['buckets.create']({ name: 'checked-sns' });
      await core.api['hooks.upsert']({ bucket: 'checked-sns', hook: {
        id: 'snsy', events: ['s3:ObjectCreated:*'], url: good.url, flavour: 'sns', auth: { headers: [], bearerToken: 't0ken', basic: null },
      } });
      const report = await core.api['hooks.check']({ runId: 'run-5', bucket: 'checked-sns', id: 'snsy', url: sns.url, only: ['handshake', 'event.put'] });
      expect(report, JSON.stringify(report.cases.map((c) => [c.name, c.outcome, c.message]))).toMatchObject({ flavour: 'sns', passed: 2, failed: 0 });
      expect(sns.received.every((r) => r.headers.authorization === 'Bearer t0ken')).toBe(true);
      const envelope = JSON.parse(report.cases[1].exchanges[0].request.body) as Record<string, string>;
      const canonical = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'].map((k) => `${k}\n${envelope[k]}\n`).join('');
      const cert = new X509Certificate(readFileSync(join(core.config.dataDir, 'sns-signing-cert.pem'), 'utf8'));
      expect(createVerify('RSA-SHA256').update(canonical).verify(cert.publicKey, envelope.Signature, 'base64')).toBe(true);
    } finally {
      await sns.close();
    }
  });

  it('refuses what it cannot check with a clear error', async () => {
    await expect(core.api['hooks.check']({ runId: 'r', bucket: 'checked' })).rejects.toMatchObject({ code: 'InvalidInput', message: "give the hook's id or a URL to check" });
    await expect(core.api['hooks.check']({ runId: 'r', bucket: 'checked', id: 'nope' })).rejects.toMatchObject({ code: 'NoSuchHook' });
    await expect(core.api['hooks.check']({ runId: 'r', bucket: 'checked', id: 'good', flavour: 'b3' }))
      .rejects.toMatchObject({ code: 'InvalidInput', message: expect.stringContaining('unknown flavour "b3"') });
    await expect(core.api['hooks.check']({ runId: 'r', bucket: 'checked', id: 'good', profile: 'elsewhere' }))
      .rejects.toMatchObject({ message: 'url: required for a hook of a remote service' });
  });
});
