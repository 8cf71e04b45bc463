// The bucket list of the selected profile: buckets, their lazily loaded stats, create and delete. Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BucketStats, BucketSummary } from '../../../src-shared/contract';
import { errorMessage, useApi } from '../api/client';
import { useProfilesStore } from './profiles';

export const useBucketsStore = defineStore('buckets', () => {
  const buckets = ref<BucketSummary[]>([]);
  const stats = ref<Record<string, BucketStats>>({});
  const loading = ref(false);
  const error = ref<string | null>(null);
  const profiles = useProfilesStore();
  let loadedFor = profiles.current;

  async function load(): Promise<void> {
    loading.value = true;
    // Figures of another profile's namesake buckets are never shown.
    if (loadedFor !== profiles.current) { stats.value = {}; loadedFor = profiles.current; }
    try {
      buckets.value = await useApi()['buckets.list'](profiles.scoped({}));
      error.value = null;
      for (const b of buckets.value) void loadStats(b.name);
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  /** Load one bucket's figures; each load adds its own entry to the figures present when it lands (never a copy taken before). */
  async function loadStats(name: string): Promise<void> {
    const profile = profiles.current;
    try {
      const figures = await useApi()['buckets.stats'](profiles.scoped({ name }));
      if (profiles.current === profile) stats.value = { ...stats.value, [name]: figures };
    } catch {
      // stats are decoration; the list itself shows errors
    }
  }

  /** Create a bucket; throws with the server's message when refused. */
  async function create(name: string): Promise<void> {
    await useApi()['buckets.create'](profiles.scoped({ name }));
    await load();
  }

  /** Delete an (empty) bucket; throws with the server's message (e.g. BucketNotEmpty). */
  async function remove(name: string): Promise<void> {
    await useApi()['buckets.delete'](profiles.scoped({ name }));
    buckets.value = buckets.value.filter((b) => b.name !== name);
  }

  return { buckets, stats, loading, error, load, loadStats, create, remove };
});
