// Realism holds on real SQLite: an event for a hook in realism mode is enqueued due later with its holds marked
// (the server default for hooks without options, a hook's own options over it, explicit "off" for none), and the
// options a hook is given survive a PUT of the bucket's configuration like its other extras.
import { afterEach, describe, expect, it } from 'vitest';
import type { ObjectChange } from '../../src-main/core/model/object-change';
import { REALISM_OFF, type RealismOptions } from '../../src-main/core/realism/realism';
import { setupNotifications, vkConfig, type NotificationsFixture } from '../notifications/notifications-setup';

let fx: NotificationsFixture | undefined;
afterEach(() => { fx?.close(); fx = undefined; });

const change = (key: string, sequencer: number): ObjectChange => ({
  eventName: 's3:ObjectCreated:Put', bucket: 'b1', key, size: 1, etag: 'e', sequencer, time: 1_000,
  requestId: 'R', hostId: 'H', sourceIp: '127.0.0.1', principalId: 'AK',
});
const rows = (f: NotificationsFixture) => f.db.prepare('SELECT hook_id, next_at, created_at, effects FROM deliveries ORDER BY id').all() as
  { hook_id: string; next_at: number; created_at: number; effects: string | null }[];
const DEFAULT: RealismOptions = { ...REALISM_OFF, seed: 3, delayMinMs: 500, delayMaxMs: 500 };

describe('realism holds in the outbox', () => {
  it('holds events of hooks in realism mode and marks why; explicit off and plain hooks are due at once', async () => {
    fx = setupNotifications('off', 500, DEFAULT);
    const hook = (id: string, event: string, prefix: string) => `<SimpleTopicConfiguration><Id>${id}</Id><Event>${event}</Event>
      <Url>http://127.0.0.1:1/${id}</Url><Filter><S3Key><FilterRule><Name>Prefix</Name><Value>${prefix}</Value></FilterRule></S3Key></Filter>
      </SimpleTopicConfiguration>`;
    await fx.notifications.putConfigXml('b1', `<NotificationConfiguration>${hook('default', 's3:ObjectCreated:Put', 'a')}
      ${hook('own', 's3:ObjectCreated:Put', 'o')}${hook('off', 's3:ObjectCreated:*', 'z')}</NotificationConfiguration>`);
    fx.notifications.setHookOptions('b1', 'off', { realism: REALISM_OFF });
    fx.notifications.setHookOptions('b1', 'own', { realism: { ...REALISM_OFF, seed: 1, reorderWindowMs: 100 } });
    fx.notifications.onObjectChange(change('a', 1));
    fx.notifications.onObjectChange(change('o', 2));
    fx.notifications.onObjectChange(change('z', 3));
    const got = rows(fx);
    expect(got.map((r) => r.hook_id)).toEqual(['default', 'own', 'off']);
    const [def, own, off] = got;
    expect(def).toMatchObject({ next_at: def.created_at + 500, effects: JSON.stringify([{ kind: 'delay', ms: 500 }]) });
    const reorder = (JSON.parse(own.effects!) as { kind: string; ms: number }[])[0];
    expect(reorder.kind).toBe('reorder');
    expect(reorder.ms).toBeLessThan(100);
    expect(own.next_at).toBe(own.created_at + reorder.ms);
    expect(off).toMatchObject({ next_at: off.created_at, effects: null });
  });

  it("keeps a hook's own options across a PUT of the configuration", async () => {
    fx = setupNotifications('off');
    await fx.notifications.putConfigXml('b1', vkConfig('http://127.0.0.1:1/a'));
    const own = { ...REALISM_OFF, seed: 9, duplicateRate: 0.5 };
    fx.notifications.setHookOptions('b1', 'h1', { realism: own });
    await fx.notifications.putConfigXml('b1', vkConfig('http://127.0.0.1:1/a'));
    expect(fx.notifications.getHook('b1', 'h1').realism).toEqual(own);
    expect(fx.notifications.hookDirectory.get('b1', 'h1')!.realism).toEqual(own);
    expect(() => fx!.notifications.setHookOptions('b1', 'h1', { realism: { ...own, duplicateRate: 3 } })).toThrow('Realism: duplicateRate');
  });
});
