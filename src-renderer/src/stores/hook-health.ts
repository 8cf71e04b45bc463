// Health figures of the hooks of the bucket on screen (local profile only): each hook's figures, and the per-minute
// timeline of the hooks whose panel is open. Refreshed on demand and, while live, at most every 2 s as deliveries
// change. Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { HookStats, HookTimelinePoint } from '../../../src-shared/contract';
import { errorMessage, useApi } from '../api/client';

const REFRESH_MS = 2000;

export const useHookHealthStore = defineStore('hook-health', () => {
  const bucket = ref('');
  const stats = ref<Record<string, HookStats>>({});
  const timelines = ref<Record<string, HookTimelinePoint[]>>({});
  const error = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function load(name = bucket.value): Promise<void> {
    if (name !== bucket.value) { stats.value = {}; timelines.value = {}; }
    bucket.value = name;
    try {
      const list = await useApi()['hooks.stats']({ bucket: name });
      stats.value = Object.fromEntries(list.map((s) => [s.hookId, s]));
      await Promise.all(Object.keys(timelines.value).map((id) => loadTimeline(id)));
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  /** Load (and from now on refresh) the last hour of hook `id`. */
  async function loadTimeline(id: string): Promise<void> {
    timelines.value = { ...timelines.value, [id]: await useApi()['hooks.timeline']({ bucket: bucket.value, id, minutes: 60 }) };
  }

  /** A delivery changed somewhere: refresh soon (coalesced). */
  function changed(): void {
    if (timer || !bucket.value) return;
    timer = setTimeout(() => { timer = undefined; void load(); }, REFRESH_MS);
  }

  function stop(): void {
    clearTimeout(timer);
    timer = undefined;
  }

  return { bucket, stats, timelines, error, load, loadTimeline, changed, stop };
});
