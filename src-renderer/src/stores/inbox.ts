// The Inbox screen: the built-in receivers, what the selected one captured (newest first), its fail switch, and
// what all of them keep against their limits. Calls the API only; reloads when a delivery changes.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InboxCapture, InboxSummary, InboxUsage } from '../../../src-shared/contract';
import { errorMessage, useApi } from '../api/client';

export const useInboxStore = defineStore('inbox', () => {
  const inboxes = ref<InboxSummary[]>([]);
  const selected = ref<string | null>(null);
  const captures = ref<InboxCapture[]>([]);
  const usage = ref<InboxUsage | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function guard(what: () => Promise<void>): Promise<void> {
    try {
      await what();
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  /** Reload the list and the selected inbox's captures (selecting the first inbox when none is). */
  async function load(): Promise<void> {
    loading.value = true;
    await guard(async () => {
      [inboxes.value, usage.value] = await Promise.all([useApi()['inbox.list']({}), useApi()['inbox.usage']({})]);
      if (!inboxes.value.some((i) => i.name === selected.value)) selected.value = inboxes.value[0]?.name ?? null;
      const list = selected.value ? await useApi()['inbox.captures']({ name: selected.value, limit: 100 }) : [];
      captures.value = [...list].sort((a, b) => b.id - a.id);
    });
    loading.value = false;
  }

  async function select(name: string): Promise<void> {
    selected.value = name;
    captures.value = [];
    await load();
  }

  /** Make `name` answer `status` (after `delayMs`) instead of 200; null status heals it. Throws readable errors. */
  async function setFailure(name: string, status: number | null, delayMs: number): Promise<void> {
    await useApi()['inbox.setFailure']({ name, status, delayMs });
    await load();
  }

  /** Forget `name` and its captures. Throws readable errors. */
  async function remove(name: string): Promise<void> {
    await useApi()['inbox.delete']({ name });
    if (selected.value === name) selected.value = null;
    await load();
  }

  return { inboxes, selected, captures, usage, loading, error, load, select, setFailure, remove };
});
