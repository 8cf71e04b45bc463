// Match traces on real SQLite: every change is traced in its own transaction with each hook's verdict (a rolled-back
// change leaves neither trace nor outbox row, and the live feed never shows it), traces are pruned by count and age,
// and a deleted bucket's traces go with it.
import { afterEach, describe, expect, it } from 'vitest';
import type { ObjectChange } from '../../src-main/core/model/object-change';
import { createTraceStore } from '../../src-main/core/notifications/trace-store';
import type { TracedChange } from '../../src-main/core/notifications/trace-store';
import { setupNotifications, type NotificationsFixture } from './notifications-setup';

let fx: NotificationsFixture | undefined;
afterEach(() => { fx?.close(); fx = undefined; });

const CONFIG = `<NotificationConfiguration>
  <SimpleTopicConfiguration><Id>img</Id><Event>s3:ObjectCreated:*</Event><Url>http://127.0.0.1:1/a</Url>
    <Filter><S3Key><FilterRule><Name>prefix</Name><Value>img/</Value></FilterRule></S3Key></Filter></SimpleTopicConfiguration>
  <SimpleTopicConfiguration><Id>del</Id><Event>s3:ObjectRemoved:*</Event><Url>http://127.0.0.1:1/b</Url></SimpleTopicConfiguration>
</NotificationConfiguration>`;

let seq = 0;
const change = (key: string, at = Date.UTC(2026, 0, 1), bucket = 'b1'): ObjectChange => ({
  eventName: 's3:ObjectCreated:Put', bucket, key, size: 3, etag: 'abc', sequencer: ++seq, time: at,
  requestId: 'REQ', hostId: 'HOST', sourceIp: '127.0.0.1', principalId: 'AK',
});
const count = (f: NotificationsFixture, table: string) => f.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('match traces', () => {
  it('traces each change with every hook verdict, newest first per key', async () => {
    fx = setupNotifications('off');
    await fx.notifications.putConfigXml('b1', CONFIG);
    fx.notifications.onObjectChange(change('img/a.png'));
    fx.notifications.onObjectChange(change('doc/a.png'));
    fx.notifications.onObjectChange(change('img/a.png'));
    const traces = fx.notifications.traces('b1', 'img/a.png', 10);
    expect(traces.map((t) => t.sequencer)).toEqual([seq - 0, seq - 2]);
    expect(traces[0]).toMatchObject({ bucket: 'b1', key: 'img/a.png', eventName: 's3:ObjectCreated:Put', size: 3, etag: 'abc', versionId: null });
    expect(traces[0].verdicts).toEqual([{ id: 'img', outcome: 'fired' }, { id: 'del', outcome: 'skipped', why: 'event', detail: 's3:ObjectRemoved:*' }]);
    expect(fx.notifications.traces('b1', 'doc/a.png', 10)[0].verdicts[0]).toEqual({ id: 'img', outcome: 'skipped', why: 'prefix', detail: 'img/' });
    expect(fx.notifications.judgeNow('b1', 'img/new', 's3:ObjectCreated:Put').map((v) => v.outcome)).toEqual(['fired', 'skipped']);
  });

  it('a rolled-back change leaves no trace, no outbox row and no live event; committed ones are fed in order', async () => {
    fx = setupNotifications('off');
    await fx.notifications.putConfigXml('b1', CONFIG);
    const fed: TracedChange[] = [];
    const off = fx.notifications.subscribeChanges((c) => fed.push(c));
    const failing = fx.db.transaction(() => { fx!.notifications.onObjectChange(change('img/lost')); throw new Error('disk full'); });
    expect(() => failing()).toThrow('disk full');
    fx.db.transaction(() => fx!.notifications.onObjectChange(change('img/kept')))();
    fx.notifications.onObjectChange(change('img/kept2'));
    await nextTurn();
    expect(fed.map((c) => c.key)).toEqual(['img/kept', 'img/kept2']);
    expect(count(fx, 'match_traces')).toBe(2);
    expect(count(fx, 'deliveries')).toBe(2);
    off();
    fx.notifications.onObjectChange(change('img/unheard'));
    await nextTurn();
    expect(fed).toHaveLength(2);
  });

  it('prunes beyond the newest maxRows (every 1000 writes) and older than maxAgeMs', () => {
    fx = setupNotifications('off');
    const store = createTraceStore(fx.db, { maxAgeMs: 60_000, maxRows: 10 });
    for (let i = 0; i < 999; i++) store.record(change(`k${i}`, 1_000 + i), [], 2_000);
    expect(count(fx, 'match_traces')).toBe(999);
    store.record(change('k999', 1_999), [], 2_000);
    expect(count(fx, 'match_traces')).toBe(10);
    expect(store.after(0, 100).map((t) => t.key)).toEqual(Array.from({ length: 10 }, (_, i) => `k${990 + i}`));
    store.prune(1_995 + 60_000);
    expect(store.after(0, 100).map((t) => t.key)).toEqual(['k995', 'k996', 'k997', 'k998', 'k999']);
    store.prune(10_000_000);
    expect(count(fx, 'match_traces')).toBe(0);
  });

  it("forgets a deleted bucket's traces", async () => {
    fx = setupNotifications('off');
    fx.notifications.onObjectChange(change('a', undefined, 'b1'));
    fx.notifications.onObjectChange(change('a', undefined, 'b2'));
    fx.notifications.removeBucket('b1');
    expect(fx.notifications.traces('b1', 'a', 10)).toEqual([]);
    expect(fx.notifications.traces('b2', 'a', 10)).toHaveLength(1);
  });
});
