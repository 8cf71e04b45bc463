// @vitest-environment happy-dom
// Pinia stores over a fake main: object paging by cursor, the live delivery log (filter, order, attempts,
// replay progress races), bucket create/delete errors, hooks save outcome.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { DeliveryRow, ObjectListInput, ReplayProgress } from '../../src-shared/contract';
import { useObjectsStore } from '../../src-renderer/src/stores/objects';
import { useDeliveriesStore } from '../../src-renderer/src/stores/deliveries';
import { useBucketsStore } from '../../src-renderer/src/stores/buckets';
import { useHooksStore } from '../../src-renderer/src/stores/hooks';
import { ApiCallError, fakeMain, hookViewOf } from './fake-transport';

const row = (id: number, over: Partial<DeliveryRow> = {}): DeliveryRow => ({
  id, eventId: `e${id}`, bucket: 'b', hookId: 'h', key: `k${id}`, eventName: 's3:ObjectCreated:Put', sequencer: id,
  status: 'pending', attempts: 0, nextAt: 0, createdAt: id, updatedAt: id, lastStatus: null, lastError: null, ...over,
});
const progress = (over: Partial<ReplayProgress>): ReplayProgress =>
  ({ jobId: 'j1', total: 2, done: 0, succeeded: 0, failed: 0, finished: false, cancelled: false, ...over });

beforeEach(() => { setActivePinia(createPinia()); });

describe('objects store', () => {
  it('pages forward and back with continuation tokens and searches within the folder', async () => {
    const main = fakeMain({
      'objects.list': (input: ObjectListInput) => ({
        prefix: input.prefix ?? '', folders: input.cursor ? [] : ['a/'],
        objects: [{ key: `${input.prefix}${input.search}${input.cursor ?? 'first'}`, size: 1, etag: 'x', lastModified: null }],
        nextCursor: input.cursor === 't2' ? null : input.cursor ? 't2' : 't1',
      }),
    });
    const store = useObjectsStore();
    await store.open('b', 'photos/');
    expect(store.objects[0].key).toBe('photos/first');
    await store.nextPage();
    await store.nextPage();
    expect([store.page, store.objects[0].key, store.nextCursor]).toEqual([2, 'photos/t2', null]);
    await store.prevPage();
    expect(store.objects[0].key).toBe('photos/t1');
    await store.setSearch('img');
    expect([store.page, store.objects[0].key]).toEqual([0, 'photos/imgfirst']);
    expect(main.calls.at(-1)?.input).toMatchObject({ bucket: 'b', prefix: 'photos/', search: 'img', limit: 200 });
  });

  it('shows a listing error instead of failing silently', async () => {
    fakeMain({ 'objects.list': () => { throw new ApiCallError('NoSuchBucket', 'The specified bucket does not exist'); } });
    const store = useObjectsStore();
    await store.open('gone');
    expect(store.error).toBe('The specified bucket does not exist');
  });
});

describe('deliveries store', () => {
  it('puts new live rows on top, respects the filter, and updates attempts in place', async () => {
    const main = fakeMain({ 'deliveries.list': () => ({ items: [row(2), row(1)], nextCursor: 'c' }) });
    const store = useDeliveriesStore();
    await store.setFilter({ bucket: 'b', status: undefined });
    expect(store.filter).toEqual({ bucket: 'b' });
    store.live();
    main.emit('deliveries.changed', row(3));
    main.emit('deliveries.changed', row(4, { bucket: 'other' }));
    expect(store.rows.map((r) => r.id)).toEqual([3, 2, 1]);
    main.emit('deliveries.attempted', { deliveryId: 2, attempt: 2, trigger: 'retry', ok: false, status: 500, errorClass: 'status' });
    expect(store.rows[1]).toMatchObject({ attempts: 2, lastStatus: 500, status: 'pending' });
    main.emit('deliveries.changed', row(2, { status: 'failed', attempts: 2 }));
    expect(store.rows[1].status).toBe('failed');
    store.stop();
    main.emit('deliveries.changed', row(5));
    expect(store.rows[0].id).toBe(3);
  });

  it('drops rows that leave the filter and appends the next page', async () => {
    const main = fakeMain({
      'deliveries.list': (input: { cursor?: string }) => ({ items: input.cursor ? [row(1, { status: 'failed' })] : [row(2, { status: 'failed' })], nextCursor: input.cursor ? null : 'c' }),
    });
    const store = useDeliveriesStore();
    await store.setFilter({ status: 'failed' });
    await store.load(true);
    expect(store.rows.map((r) => r.id)).toEqual([2, 1]);
    store.live();
    main.emit('deliveries.changed', row(2, { status: 'delivered' }));
    expect(store.rows.map((r) => r.id)).toEqual([1]);
  });

  it('keeps the most advanced replay progress even when events beat the answer', async () => {
    const main = fakeMain({ 'deliveries.replayAll': () => { main.emit('deliveries.replayProgress', progress({ done: 2, finished: true })); return progress({}); } });
    const store = useDeliveriesStore();
    store.live();
    await store.replayAll();
    expect(store.replay).toMatchObject({ done: 2, finished: true });
  });
});

describe('buckets and hooks stores', () => {
  it('creates, lists with stats, and surfaces a refused delete', async () => {
    const names = ['a'];
    fakeMain({
      'buckets.list': () => names.map((name) => ({ name, createdAt: null })),
      'buckets.create': ({ name }: { name: string }) => { names.push(name); return { name, createdAt: null }; },
      'buckets.stats': ({ name }: { name: string }) => ({ name, objectCount: 3, totalSize: 10, truncated: false }),
      'buckets.delete': () => { throw new ApiCallError('BucketNotEmpty', 'The bucket you tried to delete is not empty'); },
    });
    const store = useBucketsStore();
    await store.create('b');
    expect(store.buckets.map((b) => b.name)).toEqual(['a', 'b']);
    await new Promise((r) => setTimeout(r, 0));
    expect(store.stats.b).toMatchObject({ objectCount: 3 });
    await expect(store.remove('a')).rejects.toThrow('not empty');
    expect(store.buckets).toHaveLength(2);
  });

  it('saves a hook and returns the handshake outcome', async () => {
    const main = fakeMain({
      'hooks.upsert': ({ bucket, hook }) => ({ hook: hookViewOf(bucket, hook), handshake: { status: 'unconfirmed', message: 'timeout' } }),
      'hooks.list': () => [],
    });
    const store = useHooksStore();
    store.bucket = 'b';
    expect(await store.save({ id: 'h', events: ['s3:ObjectCreated:*'], url: 'http://x' })).toEqual({ status: 'unconfirmed', message: 'timeout' });
    expect(main.calls.map((c) => c.method)).toEqual(['hooks.upsert', 'hooks.list']);
  });
});
