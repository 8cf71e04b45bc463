// The event catalog screen's data: every flavour's sample requests, schemas and hard keys, loaded once. Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CatalogFlavour } from '../../../src-shared/contract';
import { errorMessage, useApi } from '../api/client';

export const useCatalogStore = defineStore('catalog', () => {
  const flavours = ref<CatalogFlavour[]>([]);
  const error = ref<string | null>(null);
  const loading = ref(false);

  /** Load the catalog (every flavour). */
  async function load(): Promise<void> {
    loading.value = true;
    try {
      flavours.value = await useApi()['catalog.list']({});
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  return { flavours, error, loading, load };
});
