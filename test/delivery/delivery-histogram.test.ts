// The delivery log's histogram (deliveries.histogram) on real SQLite through the app API: bins of a round width
// over the filter's range or the rows' own span, counts by status that add up to the filter's counts.
import { afterEach, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startTestCore, type TestCore } from '../helpers/core';
import { binWidth } from '../../src-main/core/delivery/histogram';

let core: TestCore | undefined;
afterEach(async () => { await core?.stop(); core = undefined; });

describe('deliveries.histogram', () => {
  it.each([
    [0, 59_000, 60, 1000], [0, 61_000, 60, 2000], [0, 3_600_000, 60, 60_000], [0, 86_400_000, 60, 1_800_000], [5, 5, 60, 1000],
  ])('bin width for [%i, %i] in at most %i bins is %i ms', (from, to, max, width) => {
    expect(binWidth(from, to, max)).toBe(width);
  });

  it('counts the filtered deliveries per bin and status; the bins add up to the counts', async () => {
    core = await startTestCore({}, { paused: true });
    await core.api['buckets.create']({ name: 'photos' });
    for (const id of ['a', 'b']) await core.api['hooks.upsert']({ bucket: 'photos', hook: { id, events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:9/x', prefix: `${id}/` } });
    for (let i = 0; i < 5; i++) await core.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: `a/${i}`, Body: 'x' }));
    for (let i = 0; i < 3; i++) await core.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: `b/${i}`, Body: 'x' }));
    const h = await core.api['deliveries.histogram']({ filter: { bucket: 'photos', hookId: 'a' } });
    expect(h.bins.reduce((n, b) => n + b.pending, 0)).toBe(5);
    expect(h.bins.reduce((n, b) => n + b.delivered + b.failed, 0)).toBe(0);
    expect(h.bins[0].at).toBeLessThanOrEqual(h.from);
    expect(h.bins[h.bins.length - 1].at + h.binMs).toBeGreaterThan(h.to);
    const all = await core.api['deliveries.histogram']({ bins: 10 });
    expect(all.bins.length).toBeLessThanOrEqual(11);
    expect(all.bins.reduce((n, b) => n + b.pending, 0)).toBe(8);
    const later = await core.api['deliveries.histogram']({ filter: { since: all.to + 1, until: all.to + 60_000 } });
    expect(later.bins.reduce((n, b) => n + b.pending, 0)).toBe(0);
    await expect(core.api['deliveries.histogram']({ bins: 0 })).rejects.toThrow(/bins/);
  });
});
