// Object changes of one bucket: the live view's feed (newest first, bounded, pausable, filtered by prefix) and
// "why did or didn't my hooks fire?" for one key. Calls the API only.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { KeyExplanation, ObjectChangeView } from '../../../src-shared/contract';
import { useApi } from '../api/client';

/** Changes kept in the live view (older ones scroll away). */
export const LIVE_LIMIT = 500;

export const useChangesStore = defineStore('changes', () => {
  const bucket = ref('');
  const prefix = ref('');
  const paused = ref(false);
  const live = ref<ObjectChangeView[]>([]);
  /** Changes that arrived while paused (not shown until resumed). */
  const missed = ref(0);
  /** True once changes can arrive (the live stream is connected). */
  const listening = ref(false);
  let detach: (() => void) | undefined;
  let detachConnection: (() => void) | undefined;

  const shown = computed(() => live.value.filter((c) => c.key.startsWith(prefix.value)));

  /** Follow the changes of `name` from now on (replacing any bucket followed before). */
  function follow(name: string): void {
    stop();
    bucket.value = name;
    live.value = [];
    missed.value = 0;
    detach = useApi().on('objects.changed', (change) => {
      if (change.bucket !== bucket.value) return;
      if (paused.value) { missed.value++; return; }
      live.value = [change, ...live.value].slice(0, LIVE_LIMIT);
    });
    detachConnection = useApi().onConnection((value) => { listening.value = value; });
  }
  function stop(): void {
    detach?.();
    detachConnection?.();
    detach = detachConnection = undefined;
    listening.value = false;
  }
  function setPaused(value: boolean): void { paused.value = value; if (!value) missed.value = 0; }
  function clear(): void { live.value = []; missed.value = 0; }

  /** A key's traced changes and what a PUT would fire now. */
  const explain = (name: string, key: string): Promise<KeyExplanation> => useApi()['hooks.explain']({ bucket: name, key, limit: 10 });

  return { bucket, prefix, paused, live, missed, listening, shown, follow, stop, setPaused, clear, explain };
});
