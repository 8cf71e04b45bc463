// A hook added or edited in the dialog that would fire for the same event and key as another one is refused with a
// message naming the other hook, its filter and the ways out; a PUT of the same configuration keeps AWS's message.
import { afterEach, describe, expect, it } from 'vitest';
import { setupNotifications, type NotificationsFixture } from './notifications-setup';

let fx: NotificationsFixture | undefined;
afterEach(() => { fx?.close(); fx = undefined; });

const url = 'http://127.0.0.1:1/hook';

describe('overlapping hooks from the dialog', () => {
  it.each([
    [{ events: ['s3:ObjectCreated:*'] }, { events: ['s3:ObjectCreated:*'] }, 'Hook "first" already receives ObjectCreated:* events for the same keys (its prefix: none, suffix: none)', 'so choose another event: "first" has no prefix or suffix, so it covers every key.'],
    [{ events: ['s3:ObjectCreated:Put'], prefix: 'img/' }, { events: ['s3:ObjectCreated:*'], prefix: 'img/2024/' }, 'its prefix: "img/", suffix: none', 'so choose another event, or a prefix or suffix that "first" does not cover.'],
    [{ events: ['s3:ObjectRemoved:*'], suffix: '.jpg' }, { events: ['s3:ObjectRemoved:Delete'] }, 'already receives ObjectRemoved:* events', 'or a prefix or suffix that "first" does not cover.'],
  ])('refuses %j then %j naming the first hook', async (first, second, part1, part2) => {
    fx = setupNotifications('off');
    await fx.notifications.upsertHook('b1', { id: 'first', url, ...first });
    const refusal = fx.notifications.upsertHook('b1', { id: 'second', url, ...second });
    await expect(refusal).rejects.toMatchObject({ code: 'HookOverlap' });
    await expect(refusal).rejects.toThrow(part1);
    await expect(refusal).rejects.toThrow(part2);
    expect(fx.notifications.listHooks('b1').map((h) => h.id)).toEqual(['first']);
  });

  it('accepts a second hook made distinct by event or prefix, and an edit of the hook itself', async () => {
    fx = setupNotifications('off');
    await fx.notifications.upsertHook('b1', { id: 'first', url, events: ['s3:ObjectCreated:*'], prefix: 'img/' });
    await fx.notifications.upsertHook('b1', { id: 'second', url, events: ['s3:ObjectCreated:*'], prefix: 'doc/' });
    await fx.notifications.upsertHook('b1', { id: 'third', url, events: ['s3:ObjectRemoved:*'] });
    await fx.notifications.upsertHook('b1', { id: 'first', url, events: ['s3:ObjectCreated:Put'], prefix: 'img/' }, {}, 'first');
    expect(fx.notifications.listHooks('b1').map((h) => h.id)).toEqual(['first', 'second', 'third']);
  });

  it('keeps AWS\'s message for a PUT of overlapping hooks', async () => {
    fx = setupNotifications('off');
    const hook = (id: string) => `<SimpleTopicConfiguration><Id>${id}</Id><Event>s3:ObjectCreated:*</Event><Url>${url}</Url></SimpleTopicConfiguration>`;
    await expect(fx.notifications.putConfigXml('b1', `<NotificationConfiguration>${hook('a')}${hook('b')}</NotificationConfiguration>`))
      .rejects.toThrow(/^Configuration is ambiguously defined/);
  });
});
