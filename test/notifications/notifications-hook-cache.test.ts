// The object-change fast path on a real database: cached hooks follow every hooks write (service, engine-style
// SQL, rollbacks), and a change firing many hooks writes all its rows, in configuration order, atomically.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ObjectChange } from '../../src-main/core/model/object-change';
import { createOutboxWriter } from '../../src-main/core/delivery/outbox';
import { setupNotifications, vkConfig, type NotificationsFixture } from './notifications-setup';

let seq = 0;
const change = (key: string, bucket = 'b1'): ObjectChange => ({
  eventName: 's3:ObjectCreated:Put', bucket, key, size: 1, etag: 'e', sequencer: ++seq, time: 1_700_000_000_000,
  requestId: 'r', hostId: 'h', sourceIp: '127.0.0.1', principalId: 'AK',
});

describe('notifications fast path', () => {
  let f: NotificationsFixture;
  const rows = () => f.db.prepare('SELECT hook_id, key, body FROM deliveries ORDER BY id').all() as { hook_id: string; key: string; body: string }[];
  const fire = (c: ObjectChange) => f.db.transaction(() => f.notifications.onObjectChange(c))();
  beforeEach(() => { f = setupNotifications('off'); });
  afterEach(() => f.close());

  it('sees hooks written through the service and by plain SQL, and stops firing for disabled ones', async () => {
    fire(change('a'));
    expect(rows()).toHaveLength(0);
    await f.notifications.putConfigXml('b1', vkConfig('http://127.0.0.1:9/x', 'svc'));
    fire(change('b'));
    expect(rows().map((r) => r.hook_id)).toEqual(['svc']);
    f.db.prepare(`INSERT INTO hooks (bucket, id, position, dialect, url, events, created_at, updated_at)
      VALUES ('b1', 'sql', 1, 'topic', 'http://127.0.0.1:9/y', '["s3:ObjectCreated:*"]', 0, 0)`).run();
    fire(change('c'));
    expect(rows().slice(1).map((r) => r.hook_id)).toEqual(['svc', 'sql']);
    f.db.prepare(`UPDATE hooks SET state = 'disabled' WHERE id = 'svc'`).run();
    fire(change('d'));
    expect(rows().slice(3).map((r) => r.hook_id)).toEqual(['sql']);
    f.db.prepare(`DELETE FROM hooks WHERE id = 'sql'`).run();
    fire(change('e'));
    expect(rows()).toHaveLength(4);
  });

  it('does not keep hooks of a rolled-back write, even when the next write follows at once', () => {
    const add = f.db.prepare(`INSERT INTO hooks (bucket, id, position, dialect, url, events, created_at, updated_at)
      VALUES ('b1', ?, 0, 'vk', 'http://127.0.0.1:9/z', '["s3:ObjectCreated:*"]', 0, 0)`);
    expect(() => f.db.transaction(() => { add.run('ghost'); fire(change('in-tx')); throw new Error('rollback'); })()).toThrow('rollback');
    expect(rows()).toEqual([]);
    add.run('real');
    fire(change('later'));
    expect(rows().map((r) => [r.hook_id, r.key])).toEqual([['real', 'later']]);
  });

  it('writes one row per matching hook (more than one INSERT holds) in order, with each hook named in its body', () => {
    const add = f.db.prepare(`INSERT INTO hooks (bucket, id, position, dialect, url, events, created_at, updated_at)
      VALUES ('b1', ?, ?, ?, 'http://127.0.0.1:9/z', '["s3:ObjectCreated:*"]', 0, 0)`);
    for (let i = 0; i < 70; i++) add.run(`h${i}`, i, i % 2 ? 'vk' : 'queue');
    fire(change('many'));
    const written = rows();
    expect(written.map((r) => r.hook_id)).toEqual(Array.from({ length: 70 }, (_, i) => `h${i}`));
    written.forEach((r, i) => {
      const record = (JSON.parse(r.body) as { Records: { eventVersion: string; s3: { configurationId: string } }[] }).Records[0];
      expect([record.s3.configurationId, record.eventVersion]).toEqual([`h${i}`, i % 2 ? '1.0' : '2.1']);
    });
    expect(new Set(f.db.prepare('SELECT event_id FROM deliveries').pluck().all()).size).toBe(70);
    expect(f.wakes.count).toBe(1);
  });

  it('writes nothing when a multi-row insert fails midway (the change rolls back whole)', () => {
    const write = createOutboxWriter(f.db);
    const entry = (i: number) => ({ eventId: `e${i}`, bucket: 'b1', hookId: `h${i}`, key: 'k', eventName: 's3:ObjectCreated:Put', sequencer: 1, body: '{}', now: 1 });
    const bad = { ...entry(40), body: null as unknown as string };
    expect(() => f.db.transaction(() => write([...Array.from({ length: 40 }, (_, i) => entry(i)), bad]))()).toThrow();
    expect(rows()).toEqual([]);
    write(entry(1));
    expect(rows().map((r) => r.hook_id)).toEqual(['h1']);
  });
});
