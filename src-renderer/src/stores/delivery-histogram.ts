// The delivery log's histogram: the filtered deliveries per time bin and status, for the chart above the log.
// Reloaded when the filter changes and, while live, at most every 2 s as deliveries change. Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DeliveryFilter, DeliveryHistogramView } from '../../../src-shared/contract';
import { errorMessage, useApi } from '../api/client';

const REFRESH_MS = 2000;

export const useDeliveryHistogramStore = defineStore('delivery-histogram', () => {
  const histogram = ref<DeliveryHistogramView | null>(null);
  const error = ref<string | null>(null);
  let filter: DeliveryFilter = {};
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function load(f: DeliveryFilter = filter): Promise<void> {
    filter = f;
    try {
      histogram.value = await useApi()['deliveries.histogram']({ filter: f, bins: 60 });
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }
  /** A delivery changed: reload soon (coalesced). */
  function changed(): void {
    if (timer) return;
    timer = setTimeout(() => { timer = undefined; void load(); }, REFRESH_MS);
  }
  function stop(): void { clearTimeout(timer); timer = undefined; }
  return { histogram, error, load, changed, stop };
});
