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

  async function load(): Promise<void> {
    loading.value = true;
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

  async function loadStats(name: string): Promise<void> {
    try {
      stats.value = { ...stats.value, [name]: await useApi()['buckets.stats'](profiles.scoped({ name })) };
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
