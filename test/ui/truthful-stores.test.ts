// @vitest-environment happy-dom
// The UI says only what is true, at store level over a fake main: ten buckets' figures all land whatever order their
// loads finish in, and none of another profile's namesakes; a single replay resolves with its attempt and a refused
// one throws with the receiver's answer; explain and backfill carry the profile; a stale chunk reloads once per route.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { BucketStats, DeliveryRow, ReplayOutcome } from '../../src-shared/contract';
import { useBucketsStore } from '../../src-renderer/src/stores/buckets';
import { useDeliveriesStore } from '../../src-renderer/src/stores/deliveries';
import { useProfilesStore } from '../../src-renderer/src/stores/profiles';
import { useChangesStore } from '../../src-renderer/src/stores/changes';
import { useBackfillStore } from '../../src-renderer/src/stores/backfill';
import { describeReplay } from '../../src-renderer/src/lib/replay-outcome';
import { isStaleChunkError, reloadAt, type ReloadTarget } from '../../src-renderer/src/lib/stale-build';
import { fakeMain } from './fake-transport';

const row = (over: Partial<DeliveryRow> = {}): DeliveryRow => ({
  id: 7, eventId: 'e7', bucket: 'b', hookId: 'h', key: 'k', eventName: 's3:ObjectCreated:Put', sequencer: 1,
  status: 'failed', attempts: 10, nextAt: 0, createdAt: 1, updatedAt: 1, lastStatus: 500, lastError: null, ...over,
});

beforeEach(() => { setActivePinia(createPinia()); localStorage.clear(); });

describe('bucket figures', () => {
  it('ten buckets all get their figures though the loads finish in reverse order', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `b${i}`);
    const waiting: (() => void)[] = [];
    fakeMain({
      'buckets.list': () => names.map((name) => ({ name, createdAt: null })),
      'buckets.stats': ({ name }) => new Promise<BucketStats>((resolve) => {
        waiting.push(() => resolve({ name, objectCount: Number(name.slice(1)) + 1, totalSize: 100, truncated: false }));
      }),
    });
    const store = useBucketsStore();
    await store.load();
    await expect.poll(() => waiting.length).toBe(10);
    for (const go of waiting.reverse()) { go(); await Promise.resolve(); }
    await expect.poll(() => Object.keys(store.stats).length).toBe(10);
    expect(names.map((n) => store.stats[n].objectCount)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a figure that lands after switching profile is dropped, and the old figures go', async () => {
    let release: () => void = () => {};
    fakeMain({
      'profiles.list': () => [],
      'buckets.list': () => [{ name: 'same', createdAt: null }],
      'buckets.stats': () => new Promise<BucketStats>((resolve) => { release = () => resolve({ name: 'same', objectCount: 99, totalSize: 1, truncated: false }); }),
    });
    const store = useBucketsStore();
    await store.load();
    useProfilesStore().select('ceph');
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.stats).toEqual({});
  });
});

describe('replay', () => {
  const outcome = (over: Partial<ReplayOutcome>): ReplayOutcome =>
    ({ ok: true, status: 200, errorClass: null, errorMessage: null, delivery: row({ status: 'delivered' }), ...over });

  it('resolves with the attempt when the receiver took it', async () => {
    fakeMain({ 'deliveries.replay': () => outcome({}) });
    expect(describeReplay(await useDeliveriesStore().replayOne(7))).toBe('Replayed: HTTP 200');
  });

  it('throws "Replay failed" with the answer when the receiver refused it, and the row shows the new state', async () => {
    fakeMain({ 'deliveries.replay': () => outcome({ ok: false, status: 500, errorMessage: 'HTTP 500', delivery: row({ attempts: 10 }) }) });
    const store = useDeliveriesStore();
    await expect(store.replayOne(7)).rejects.toThrow(/^Replay failed: HTTP 500$/);
    expect(describeReplay({ ok: false, status: null, errorClass: 'refused', errorMessage: 'connect ECONNREFUSED' }))
      .toBe('Replay failed: refused (connect ECONNREFUSED)');
  });
});

describe('views scoped to the profile', () => {
  it('explain and backfill name the remote profile, so the server refuses instead of reading the local namesake', async () => {
    const main = fakeMain({ 'hooks.explain': () => ({ changes: [], ifPutNow: [] }), 'hooks.backfill': () => ({ jobId: 'j' } as never) });
    useProfilesStore().select('ceph');
    await useChangesStore().explain('photos', 'a.txt');
    await useBackfillStore().start('photos', 'h', '');
    expect(main.calls.map((c) => c.input)).toEqual([
      { bucket: 'photos', key: 'a.txt', limit: 10, profile: 'ceph' }, { bucket: 'photos', id: 'h', prefix: undefined, profile: 'ceph' },
    ]);
  });
});

describe('a page open across a rebuild', () => {
  const target = (): ReloadTarget & { reloads: number; store: Map<string, string> } => {
    const store = new Map<string, string>();
    const t = {
      reloads: 0, store,
      location: { hash: '', reload: () => { t.reloads++; } },
      sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => { store.set(k, v); } },
    };
    return t;
  };

  it('knows the chunk errors of Chromium, Firefox and Safari and nothing else', () => {
    expect(isStaleChunkError(new TypeError('Failed to fetch dynamically imported module: http://x/_ui/assets/SettingsView-abc.js'))).toBe(true);
    expect(isStaleChunkError(new TypeError('error loading dynamically imported module'))).toBe(true);
    expect(isStaleChunkError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isStaleChunkError(new Error('NoSuchBucket'))).toBe(false);
  });

  it('reloads at the route asked for, once per route in ten seconds', () => {
    const t = target();
    expect(reloadAt('/settings', 1000, t)).toBe(true);
    expect([t.location.hash, t.reloads]).toEqual(['/settings', 1]);
    expect(reloadAt('/settings', 5000, t)).toBe(false);
    expect(reloadAt('/inbox', 5000, t)).toBe(true);
    expect(reloadAt('/inbox', 16_000, t)).toBe(true);
    expect(t.reloads).toBe(3);
  });
});
