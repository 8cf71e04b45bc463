// Realism mode end to end: real PUTs through the S3 endpoint, a hook in realism mode, a real receiver. With a fixed
// seed and 1,000 PUTs on 50 keys the receiver sees the configured duplicate rate (±2 points), events of different keys
// out of order, each key's events in order, and every injected effect is marked on its attempt in the log. Batching
// posts bursts together (each delivery's attempt names its batch); breaking key order is marked where it happened.
import { afterEach, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { AttemptEffect, RealismOptions } from '../../src-shared/contract';
import { REALISM_OFF } from '../../src-main/core/realism/realism';
import type { AttemptRecord } from '../../src-main/core/delivery/types';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver, type Receiver } from '../helpers/receiver';

let core: TestCore | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await core?.stop();
  await receiver?.close();
  core = undefined;
  receiver = undefined;
});

/** A core with bucket `bkt` and hook `h` posting to a recording receiver with `realism`. */
async function setup(realism: Partial<RealismOptions>): Promise<{ core: TestCore; receiver: Receiver }> {
  receiver = await startReceiver();
  core = await startTestCore();
  await core.api['buckets.create']({ name: 'bkt' });
  await core.api['hooks.upsert']({ bucket: 'bkt', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url: receiver.url, realism: { ...REALISM_OFF, ...realism } } });
  return { core, receiver };
}

/** Every delivery of bucket `bkt` has been delivered and nothing is in flight. */
async function settled(c: TestCore, deliveries: number): Promise<void> {
  await expect.poll(() => c.delivery.count({ bucket: 'bkt' }).delivered, { timeout: 120_000, interval: 100 }).toBe(deliveries);
  await expect.poll(() => c.delivery.inFlight(), { timeout: 10_000 }).toBe(0);
}

/** Every attempt of every delivery of `b`, with the delivery's creation time. */
function attempts(c: TestCore): (AttemptRecord & { createdAt: number; eventId: string })[] {
  const rows = c.delivery.list({ bucket: 'bkt' }, null, 500);
  const all = [...rows.items];
  for (let cursor = rows.nextCursor; cursor;) {
    const page = c.delivery.list({ bucket: 'bkt' }, cursor, 500);
    all.push(...page.items);
    cursor = page.nextCursor;
  }
  return all.flatMap((d) => c.delivery.get(d.id)!.attemptLog.map((a) => ({ ...a, createdAt: d.createdAt, eventId: d.eventId })));
}

const effect = <K extends AttemptEffect['kind']>(a: AttemptRecord, kind: K) =>
  a.effects.find((e): e is Extract<AttemptEffect, { kind: K }> => e.kind === kind);

describe('realism mode', () => {
  it('1,000 PUTs on 50 keys, fixed seed: duplicate rate ±2 points, cross-key reordering, per-key order, every effect in the log', async () => {
    const rate = 0.1;
    const { core: c, receiver: r } = await setup({ seed: 20_260_101, duplicateRate: rate, reorderWindowMs: 300 });
    for (let i = 0; i < 1000; i++) {
      await c.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: `key-${i % 50}`, Body: String(i) }));
    }
    await settled(c, 1000);

    const ids = r.received.map((p) => p.webhookId);
    const duplicated = ids.length - new Set(ids).size;
    process.stdout.write(`realism: ${ids.length} POSTs for 1000 events, ${duplicated} duplicates (${(duplicated / 10).toFixed(1)} %, configured ${rate * 100} %)\n`);
    expect(new Set(ids).size).toBe(1000);
    expect(Math.abs(duplicated / 1000 - rate)).toBeLessThanOrEqual(0.02);

    const arrivals = r.received.map((p) => p.records[0]);
    const overtaken = arrivals.filter((a, i) => arrivals.slice(i + 1).some((later) => later.key !== a.key && later.sequencer < a.sequencer));
    expect(overtaken.length).toBeGreaterThan(0);
    const byKey = new Map<string, number[]>();
    for (const a of arrivals) byKey.set(a.key, [...(byKey.get(a.key) ?? []), a.sequencer]);
    expect(byKey.size).toBe(50);
    for (const [key, seqs] of byKey) expect(seqs, key).toEqual([...seqs].sort((x, y) => x - y));

    const log = attempts(c);
    const dupAttempts = log.filter((a) => a.trigger === 'duplicate');
    expect(dupAttempts).toHaveLength(duplicated);
    expect(dupAttempts.every((a) => a.effects.length === 1 && a.effects[0].kind === 'duplicate')).toBe(true);
    expect(new Set(dupAttempts.map((a) => a.eventId))).toEqual(new Set(ids.filter((id, i) => ids.indexOf(id) !== i)));
    const firsts = log.filter((a) => a.trigger === 'initial');
    expect(firsts).toHaveLength(1000);
    const held = firsts.filter((a) => effect(a, 'reorder'));
    expect(held.length).toBeGreaterThan(900);
    for (const a of held) {
      expect(effect(a, 'reorder')!.ms).toBeLessThan(300);
      expect(a.startedAt).toBeGreaterThanOrEqual(a.createdAt + effect(a, 'reorder')!.ms);
    }
  }, 300_000);

  it('posts a burst in batches; each delivery attempt names its batch and the body it went in', async () => {
    const { core: c, receiver: r } = await setup({ seed: 5, batchSize: 4, batchWindowMs: 400 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: `burst/${i}`, Body: 'x' }))));
    await settled(c, 10);
    const records = r.received.flatMap((p) => p.records.map((rec) => rec.key)).sort();
    expect(records).toEqual(Array.from({ length: 10 }, (_, i) => `burst/${i}`).sort());
    expect(Math.max(...r.received.map((p) => p.records.length))).toBeGreaterThan(1);
    expect(Math.max(...r.received.map((p) => p.records.length))).toBeLessThanOrEqual(4);
    const keysOf = (records: { key: string }[]) => records.map((rec) => rec.key).sort().join(' ');
    for (const a of attempts(c).filter((x) => effect(x, 'batch'))) {
      const batch = effect(a, 'batch')!;
      const sent = (JSON.parse(a.requestBody) as { Records: { s3: { object: { key: string } } }[] }).Records.map((rec) => ({ key: rec.s3.object.key }));
      expect(sent).toHaveLength(batch.records);
      expect(batch.deliveryIds).toHaveLength(batch.records - 1);
      expect(a.requestHeaders['webhook-id']).toMatch(/^batch_evt_/);
      expect(r.received.filter((p) => p.webhookId === a.requestHeaders['webhook-id']).map((p) => keysOf(p.records))).toEqual([keysOf(sent)]);
    }
    expect(attempts(c).filter((a) => effect(a, 'batch')).length).toBe(r.received.filter((p) => p.records.length > 1).reduce((n, p) => n + p.records.length, 0));
  });

  it('keeps per-key order unless asked; when asked, an event that overtakes earlier ones of its key is marked', async () => {
    const { core: c, receiver: r } = await setup({ seed: 11, reorderWindowMs: 400, breakKeyOrder: true });
    for (let i = 0; i < 30; i++) await c.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'same', Body: String(i) }));
    await settled(c, 30);
    const seqs = r.received.map((p) => p.records[0].sequencer);
    expect(seqs).not.toEqual([...seqs].sort((x, y) => x - y));
    const marked = attempts(c).filter((a) => effect(a, 'overtook'));
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((a) => effect(a, 'overtook')!.events >= 1)).toBe(true);
  });
});
