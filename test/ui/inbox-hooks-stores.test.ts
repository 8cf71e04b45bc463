// @vitest-environment happy-dom
// Pinia stores over a fake main: the hooks store's live "Last delivery" from deliveries.changed rows, and the
// inbox store (selection, captures newest first, fail switch, readable errors); formatWhen for narrow columns.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { DeliveryRow, HookView, InboxCapture, InboxFailureInput, InboxSummary } from '../../src-shared/contract';
import { useHooksStore } from '../../src-renderer/src/stores/hooks';
import { useInboxStore } from '../../src-renderer/src/stores/inbox';
import { formatTime, formatWhen } from '../../src-renderer/src/lib/format';
import { ApiCallError, fakeMain } from './fake-transport';

const hook = (id: string, at: number | null): HookView => ({
  bucket: 'b', id, dialect: 'vk', url: 'http://x', events: ['s3:ObjectCreated:*'], prefix: '', suffix: '', state: 'active',
  confirmError: null, hasSecret: false, retrySchedule: null, timeoutMs: 10_000, realism: null, flavour: 'vk', auth: { headers: [], bearer: false, basicUser: null },
  stateReason: null,
  health: { suspendAfterFailures: null, suspendFailureRate: null, failureRateWindowMs: 300_000, failureRateMinAttempts: 20, loopLimit: 10 },
  lastDelivery: at === null ? null : { status: 'failed', httpStatus: 500, at },
});
const row = (over: Partial<DeliveryRow>): DeliveryRow => ({
  id: 1, eventId: 'e', bucket: 'b', hookId: 'h1', key: 'k', eventName: 's3:ObjectCreated:Put', sequencer: 1, status: 'delivered',
  attempts: 1, nextAt: 0, createdAt: 0, updatedAt: 100, lastStatus: 204, lastError: null, ...over,
});

beforeEach(() => { setActivePinia(createPinia()); });

describe('hooks store live "Last delivery"', () => {
  it('applies newer rows of its bucket and hook only', async () => {
    fakeMain({ 'hooks.list': () => [hook('h1', 50), hook('h2', null)] });
    const store = useHooksStore();
    await store.load('b');
    store.applyDelivery(row({ updatedAt: 100 }));
    store.applyDelivery(row({ bucket: 'other', updatedAt: 200, lastStatus: 500 }));
    store.applyDelivery(row({ hookId: 'h2', status: 'pending', lastStatus: null, updatedAt: 120 }));
    store.applyDelivery(row({ updatedAt: 10, status: 'failed' }));
    expect(store.hooks.map((h) => h.lastDelivery)).toEqual([
      { status: 'delivered', httpStatus: 204, at: 100 }, { status: 'pending', httpStatus: null, at: 120 },
    ]);
  });
});

describe('inbox store', () => {
  const inboxes: InboxSummary[] = [
    { name: 'a', url: 'http://h/_inbox/a', count: 2, failStatus: null, delayMs: 0 },
    { name: 'b', url: 'http://h/_inbox/b', count: 0, failStatus: null, delayMs: 0 },
  ];
  const capture = (id: number): InboxCapture => ({ id, receivedAt: id, method: 'POST', headers: {}, body: '{}' });
  const usage = { 'inbox.usage': () => ({ inboxes: 2, maxInboxes: 100, bytes: 2048, maxBytes: 100 * 1024 * 1024 }) };

  it('selects the first inbox, lists captures newest first, switches inboxes', async () => {
    const main = fakeMain({
      ...usage,
      'inbox.list': () => inboxes,
      'inbox.captures': (input: { name: string }) => (input.name === 'a' ? [capture(1), capture(3), capture(2)] : []),
    });
    const store = useInboxStore();
    await store.load();
    expect([store.selected, store.captures.map((c) => c.id)]).toEqual(['a', [3, 2, 1]]);
    await store.select('b');
    expect([store.selected, store.captures]).toEqual(['b', []]);
    expect(main.calls.filter((c) => c.method === 'inbox.captures').map((c) => c.input)).toEqual([{ name: 'a', limit: 100 }, { name: 'b', limit: 100 }]);
  });

  it('sets the fail switch and reloads, throws the server message when refused, keeps a load error', async () => {
    let state = inboxes;
    fakeMain({
      ...usage,
      'inbox.list': () => state,
      'inbox.captures': () => [],
      'inbox.setFailure': (input: InboxFailureInput) => {
        if (input.status === 42) throw new ApiCallError('InvalidInput', 'status: must be between 100 and 599');
        state = state.map((i) => (i.name === input.name ? { ...i, failStatus: input.status, delayMs: input.delayMs ?? 0 } : i));
        return {};
      },
    });
    const store = useInboxStore();
    await store.setFailure('a', 503, 200);
    expect(store.inboxes[0]).toMatchObject({ failStatus: 503, delayMs: 200 });
    await expect(store.setFailure('a', 42, 0)).rejects.toThrow('status: must be between 100 and 599');
    fakeMain({ ...usage, 'inbox.list': () => { throw new ApiCallError('Internal', 'disk full'); } });
    await store.load();
    expect(store.error).toBe('disk full');
  });

  it('shows what the inboxes keep and deletes one, selecting the next', async () => {
    let state = inboxes;
    const main = fakeMain({
      ...usage,
      'inbox.list': () => state,
      'inbox.captures': () => [],
      'inbox.delete': (input: { name: string }) => {
        state = state.filter((i) => i.name !== input.name);
        return { deleted: true };
      },
    });
    const store = useInboxStore();
    await store.load();
    expect([store.selected, store.usage]).toEqual(['a', { inboxes: 2, maxInboxes: 100, bytes: 2048, maxBytes: 100 * 1024 * 1024 }]);
    await store.remove('a');
    expect(main.calls.find((c) => c.method === 'inbox.delete')?.input).toEqual({ name: 'a' });
    expect([store.selected, store.inboxes.map((i) => i.name)]).toEqual(['b', ['b']]);
  });
});

describe('formatWhen', () => {
  it('drops the date for today only', () => {
    const now = new Date(2026, 10, 25, 15, 0, 0).getTime();
    expect(formatWhen(new Date(2026, 10, 25, 9, 5, 7).getTime(), now)).toBe('09:05:07');
    const yesterday = new Date(2026, 10, 24, 9, 5, 7).getTime();
    expect(formatWhen(yesterday, now)).toBe(formatTime(yesterday));
  });
});
