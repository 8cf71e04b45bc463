// The notifications service on real SQLite: outbox rows per matching hook inside the change's
// transaction, hook states, extras surviving a PUT, and the per-hook API the UI uses.
import { afterEach, describe, expect, it } from 'vitest';
import type { ObjectChange } from '../../src-main/core/model/object-change';
import { AppError } from '../../src-main/core/kernel/app-error';
import { setupNotifications, type NotificationsFixture } from './notifications-setup';

let fx: NotificationsFixture | undefined;
afterEach(() => { fx?.close(); fx = undefined; });

const CONFIG = `<NotificationConfiguration>
  <SimpleTopicConfiguration><Id>vk-img</Id><Event>s3:ObjectCreated:*</Event><Url>http://127.0.0.1:1/vk</Url>
    <Filter><S3Key><FilterRule><Name>prefix</Name><Value>img/</Value></FilterRule></S3Key></Filter></SimpleTopicConfiguration>
  <TopicConfiguration><Id>aws-del</Id><Topic>http://127.0.0.1:1/aws</Topic><Event>s3:ObjectRemoved:*</Event></TopicConfiguration>
  <SimpleTopicConfiguration><Id>vk-txt</Id><Event>s3:ObjectCreated:Put</Event><Url>http://127.0.0.1:1/txt</Url>
    <Filter><S3Key><FilterRule><Name>Suffix</Name><Value>.txt</Value></FilterRule><FilterRule><Name>Prefix</Name><Value>doc/</Value></FilterRule></S3Key></Filter></SimpleTopicConfiguration>
</NotificationConfiguration>`;

let seq = 0;
const change = (eventName: ObjectChange['eventName'], key: string, bucket = 'b1'): ObjectChange => ({
  eventName, bucket, key, size: 3, etag: 'abc', sequencer: ++seq, time: Date.UTC(2026, 0, 1),
  requestId: 'REQ', hostId: 'HOST', sourceIp: '127.0.0.1', principalId: 'AK',
});
interface Row { event_id: string; hook_id: string; key: string; event_name: string; sequencer: number; body: string; status: string }
const rows = (f: NotificationsFixture) => f.db.prepare('SELECT * FROM deliveries ORDER BY id').all() as Row[];

describe('outbox rows for object changes', () => {
  it.each([
    ['s3:ObjectCreated:Put', 'img/a.png', ['vk-img']],
    ['s3:ObjectCreated:CompleteMultipartUpload', 'img/big.bin', ['vk-img']],
    ['s3:ObjectCreated:Put', 'doc/readme.txt', ['vk-txt']],
    ['s3:ObjectCreated:Copy', 'doc/readme.txt', []],
    ['s3:ObjectCreated:Put', 'doc/readme.md', []],
    ['s3:ObjectRemoved:Delete', 'img/a.png', ['aws-del']],
    ['s3:ObjectRemoved:DeleteMarkerCreated', 'x', ['aws-del']],
  ] as [ObjectChange['eventName'], string, string[]][])('%s %s → %j', async (event, key, hooks) => {
    fx = setupNotifications('off');
    await fx.notifications.putConfigXml('b1', CONFIG);
    fx.notifications.onObjectChange(change(event, key));
    fx.notifications.onObjectChange(change(event, key, 'b2'));
    const got = rows(fx);
    expect(got.map((r) => r.hook_id)).toEqual(hooks);
    expect(fx.wakes.count).toBe(hooks.length ? 1 : 0);
    for (const r of got) {
      expect(r).toMatchObject({ key, event_name: event, status: 'pending', sequencer: seq - 1 });
      expect(r.event_id).toMatch(/^evt_/);
      const record = (JSON.parse(r.body) as { Records: { eventVersion: string; s3: { configurationId: string } }[] }).Records;
      expect(record).toHaveLength(1);
      expect(record[0].eventVersion).toBe(r.hook_id === 'aws-del' ? '2.1' : '1.0');
      expect(record[0].s3.configurationId).toBe(r.hook_id);
    }
  });

  it('paused and unconfirmed hooks get rows, disabled ones none; each row has its own event id', async () => {
    fx = setupNotifications('record');
    await fx.notifications.putConfigXml('b1', CONFIG);
    expect(fx.notifications.listHooks('b1').every((h) => !h.confirmed)).toBe(true);
    fx.notifications.setHookState('b1', 'vk-img', 'paused');
    fx.notifications.onObjectChange(change('s3:ObjectCreated:Put', 'img/1'));
    fx.notifications.setHookState('b1', 'vk-img', 'disabled');
    fx.notifications.onObjectChange(change('s3:ObjectCreated:Put', 'img/2'));
    expect(rows(fx).map((r) => r.key)).toEqual(['img/1']);
    const wakesBeforeResume = fx.wakes.count;
    fx.notifications.setHookState('b1', 'vk-img', 'active');
    expect(fx.wakes.count).toBe(wakesBeforeResume + 1);
    fx.notifications.onObjectChange(change('s3:ObjectCreated:Put', 'img/1'));
    const ids = rows(fx).map((r) => r.event_id);
    expect(new Set(ids).size).toBe(2);
  });

  it('a change whose transaction rolls back leaves no outbox row', async () => {
    fx = setupNotifications('off');
    await fx.notifications.putConfigXml('b1', CONFIG);
    const write = fx.db.transaction(() => {
      fx?.notifications.onObjectChange(change('s3:ObjectCreated:Put', 'img/a'));
      throw new Error('disk full');
    });
    expect(() => write()).toThrow('disk full');
    expect(rows(fx)).toEqual([]);
  });
});

describe('configuration lifecycle', () => {
  it('keeps extras of surviving Ids across a PUT and drops removed hooks', async () => {
    fx = setupNotifications('off');
    const n = fx.notifications;
    await n.putConfigXml('b1', CONFIG);
    n.setHookState('b1', 'aws-del', 'paused');
    n.setHookOptions('b1', 'aws-del', { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', retrySchedule: [1000, 2000], timeoutMs: 2500, concurrency: 2, maxAgeMs: 60_000 });
    await n.putConfigXml('b1', CONFIG.replace(/<SimpleTopicConfiguration><Id>vk-txt[\s\S]*?<\/SimpleTopicConfiguration>/, ''));
    expect(n.listHooks('b1').map((h) => h.id)).toEqual(['vk-img', 'aws-del']);
    expect(n.getHook('b1', 'aws-del')).toMatchObject({
      state: 'paused', hasSecret: true, retrySchedule: [1000, 2000], timeoutMs: 2500, concurrency: 2, maxAgeMs: 60_000,
    });
    expect(n.getHookSecret('b1', 'aws-del')).toBe('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  });

  it('GET renders what PUT stored; empty PUT and DELETE clear; a rejected PUT changes nothing', async () => {
    fx = setupNotifications('off');
    const n = fx.notifications;
    await n.putConfigXml('b1', CONFIG);
    const stored = n.getConfigXml('b1');
    expect(stored).toContain('<Name>Prefix</Name><Value>img/</Value>');
    await expect(n.putConfigXml('b1', CONFIG.replace('s3:ObjectCreated:Put', 's3:Nope'))).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(n.getConfigXml('b1')).toBe(stored);
    await n.putConfigXml('b1', stored);
    expect(n.getConfigXml('b1')).toBe(stored);
    await n.putConfigXml('b1', '');
    expect(n.listHooks('b1')).toEqual([]);
    await n.putConfigXml('b1', CONFIG);
    n.deleteConfig('b1');
    expect(n.getConfigXml('b1')).toMatch(/<NotificationConfiguration xmlns="[^"]+"\/>$/);
  });

  it('answers NoSuchBucket for a missing bucket and forgets hooks of a removed bucket', async () => {
    fx = setupNotifications('off');
    const n = fx.notifications;
    await expect(n.putConfigXml('nope', CONFIG)).rejects.toMatchObject({ code: 'NoSuchBucket' });
    expect(() => n.getConfigXml('nope')).toThrow(expect.objectContaining({ code: 'NoSuchBucket' }));
    await n.putConfigXml('b1', CONFIG);
    n.removeBucket('b1');
    expect(n.listHooks('b1')).toEqual([]);
  });
});

describe('per-hook API', () => {
  it('adds, edits (keeping extras, also under a new Id) and deletes single hooks', async () => {
    fx = setupNotifications('off');
    const n = fx.notifications;
    await n.putConfigXml('b1', CONFIG);
    const added = await n.upsertHook('b1', { events: ['s3:ObjectCreated:Copy'], url: 'http://h/new', prefix: 'new/', secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(added.hook).toMatchObject({ dialect: 'vk', prefix: 'new/', hasSecret: true, position: 3 });
    expect(added.hook.id).not.toBe('');
    const edited = await n.upsertHook('b1', { id: 'renamed', originalId: added.hook.id, events: ['s3:ObjectCreated:Copy'], url: 'http://h/new', prefix: 'newer/' });
    expect(edited.hook).toMatchObject({ id: 'renamed', prefix: 'newer/', hasSecret: true, position: 3 });
    expect(n.getConfigXml('b1')).toContain('<Id>renamed</Id><Event>s3:ObjectCreated:Copy</Event><Url>http://h/new</Url><Filter><S3Key><FilterRule><Name>Prefix</Name><Value>newer/</Value>');
    await expect(n.upsertHook('b1', { id: 'vk-img', events: ['s3:ObjectCreated:Post'], url: 'http://h/x', prefix: 'z/' }))
      .resolves.toMatchObject({ hook: { id: 'vk-img', position: 0, url: 'http://h/x' } });
    await expect(n.upsertHook('b1', { id: 'dup', events: ['s3:ObjectRemoved:*'], url: 'http://h/y' }))
      .rejects.toMatchObject({ code: 'HookOverlap', message: expect.stringContaining('Hook "aws-del" already receives ObjectRemoved:* events') });
    await expect(n.upsertHook('b1', { events: ['s3:ObjectCreated:Put'], url: 'ftp://h' })).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(n.deleteHooks('b1', ['renamed', 'aws-del', 'missing'])).toBe(2);
    expect(n.listHooks('b1').map((h) => [h.id, h.position])).toEqual([['vk-img', 0], ['vk-txt', 1]]);
  });

  it('accepts options and the replaced Id as separate arguments and reports the handshake', async () => {
    fx = setupNotifications('record');
    const n = fx.notifications;
    await n.putConfigXml('b1', CONFIG);
    const out = await n.upsertHook('b1', { id: 'moved', events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:1/vk', prefix: 'img/' },
      { secret: 'whsec_BBBBBBBBBBBBBBBBBBBBBBBB', timeoutMs: 1500 }, 'vk-img');
    expect(out).toMatchObject({ hook: { id: 'moved', position: 0, hasSecret: true, timeoutMs: 1500 }, confirmed: false, skipped: false });
    expect(out.error).toMatch(/connection refused/);
    expect(n.listHooks('b1').map((h) => h.id)).toEqual(['moved', 'aws-del', 'vk-txt']);
  });

  it('rejects bad states, bad options and unknown hooks', async () => {
    fx = setupNotifications('off');
    const n = fx.notifications;
    await n.putConfigXml('b1', CONFIG);
    expect(() => n.setHookState('b1', 'vk-img', 'gone' as 'active')).toThrow(AppError);
    expect(() => n.setHookOptions('b1', 'vk-img', { secret: 'plain' })).toThrow(/whsec_/);
    expect(() => n.setHookOptions('b1', 'vk-img', { timeoutMs: 5 })).toThrow(/timeout/);
    expect(() => n.setHookOptions('b1', 'vk-img', { retrySchedule: [-1] })).toThrow(/retry/);
    expect(() => n.getHook('b1', 'nope')).toThrow(expect.objectContaining({ code: 'NoSuchHook' }));
    expect(n.setHookOptions('b1', 'vk-img', { secret: null, retrySchedule: null }).hasSecret).toBe(false);
  });
});
