// The delivery log queries: every filter against a brute-force reference, keyset pagination that
// stitches into the full newest-first list, and query plans that stay on indexes (no sort, no full scan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { FakeClock } from '../helpers/fake-clock';
import { DEFAULTS, type CoreConfig } from '../../src-main/core/kernel/config';
import { createDelivery, type Delivery, type DeliveryFilter, type DeliverySummary } from '../../src-main/core/delivery/create-delivery';
import { filterClause } from '../../src-main/core/delivery/queries';
import { tempDb, type TempDb, hookDirectory } from './delivery-harness';
import { DEFAULT_RETRY_SCHEDULE } from '../../src-shared/contract';

const N = 3000;
const STATUSES = ['delivered', 'failed', 'pending'] as const;

describe('delivery log queries', () => {
  let t: TempDb;
  let delivery: Delivery;
  const all: DeliverySummary[] = [];

  beforeAll(() => {
    t = tempDb();
    const insert = t.db.prepare(`INSERT INTO deliveries (event_id, bucket, hook_id, key, event_name, sequencer, body, status,
      attempts, next_at, created_at, updated_at) VALUES (?, ?, ?, ?, 's3:ObjectCreated:Put', ?, '{}', ?, 1, ?, ?, ?)`);
    t.db.transaction(() => {
      for (let i = 1; i <= N; i++) {
        const created = 1_000_000 + Math.floor(i / 3) * 10;
        const row = { bucket: `b${i % 3}`, hookId: `h${i % 4}`, key: `${['photos/', 'docs/', 'photos/2024/'][i % 5 % 3]}k${i}`, status: STATUSES[i % 7 % 3], createdAt: created };
        insert.run(`e${i}`, row.bucket, row.hookId, row.key, i, row.status, created, created, created);
        all.unshift({ id: i, eventId: `e${i}`, ...row, eventName: 's3:ObjectCreated:Put', sequencer: i, attempts: 1, nextAt: created, updatedAt: created, lastStatus: null, lastError: null });
      }
    })();
    delivery = createDelivery({ defaultSchedule: () => DEFAULT_RETRY_SCHEDULE, hooks: hookDirectory(t.db), db: t.db, clock: new FakeClock(), logger: silentLogger, version: '1', config: { ...DEFAULTS, dataDir: t.dir } as CoreConfig });
  });
  afterAll(() => t.cleanup());

  const filters: DeliveryFilter[] = [
    {}, { bucket: 'b1' }, { bucket: 'b2', hookId: 'h3' }, { status: 'failed' }, { hookId: 'h0', status: 'pending' },
    { bucket: 'b0', hookId: 'h1', keyPrefix: 'photos/' }, { keyPrefix: 'photos/2024/' }, { since: 1_005_000 },
    { since: 1_002_000, until: 1_004_000 }, { until: 1_000_500, status: 'delivered' }, { since: 2_000_000 },
  ];

  const reference = (f: DeliveryFilter) => all.filter((d) => (f.bucket === undefined || d.bucket === f.bucket)
    && (f.hookId === undefined || d.hookId === f.hookId) && (f.status === undefined || d.status === f.status)
    && (!f.keyPrefix || d.key.startsWith(f.keyPrefix)) && (f.since === undefined || d.createdAt >= f.since)
    && (f.until === undefined || d.createdAt <= f.until));

  it.each(filters)('pages through %j newest first, matching the reference exactly', (filter) => {
    const seen: DeliverySummary[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = delivery.list(filter, cursor, 97);
      expect(page.items.length).toBeLessThanOrEqual(97);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(reference(filter));
  });

  it.each(filters)('counts %j by status like the reference, and leaves delivered ones out when asked', (filter) => {
    const matches = reference(filter);
    const by = (status: string) => matches.filter((d) => d.status === status).length;
    expect(delivery.count(filter)).toEqual({ pending: by('pending'), delivered: by('delivered'), failed: by('failed') });
    const replayable = delivery.list({ ...filter, excludeDelivered: true }, null, 500).items;
    expect(replayable.map((d) => d.id)).toEqual(matches.filter((d) => d.status !== 'delivered').slice(0, 500).map((d) => d.id));
  });

  it('rejects a bad status or cursor with a clear error', () => {
    expect(() => delivery.list({ status: 'bogus' as 'failed' })).toThrow(expect.objectContaining({ code: 'InvalidInput', message: expect.stringMatching(/unknown delivery status/) }));
    expect(() => delivery.list({}, 'abc')).toThrow(expect.objectContaining({ code: 'InvalidInput', message: 'invalid cursor' }));
  });

  it.each([{ bucket: 'b1' }, { bucket: 'b1', hookId: 'h1' }, { status: 'failed' }, { since: 1_002_000, until: 1_004_000 },
    { status: 'pending', since: 1_003_000 }, { bucket: 'b1', hookId: 'h1', status: 'pending', keyPrefix: 'docs/' }] as DeliveryFilter[])(
    'plans %j as a walk down the id order, without sorting', (filter) => {
      const { where, params } = filterClause(t.db, filter);
      const plan = (t.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM deliveries WHERE ${where} AND id < @before ORDER BY id DESC LIMIT 51`)
        .all({ ...params, before: 10_000 }) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/^SEARCH deliveries USING (INTEGER PRIMARY KEY|(COVERING )?INDEX deliveries_status_id)/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    });

  it('returns one delivery with its attempts, undefined when absent', () => {
    expect(delivery.get(5)).toMatchObject({ id: 5, eventId: 'e5', body: '{}', attemptLog: [] });
    expect(delivery.get(999_999)).toBeUndefined();
    expect(delivery.hookSummary('b1', 'h1').last?.id).toBe(all.find((d) => d.bucket === 'b1' && d.hookId === 'h1')!.id);
  });
});
