// Backfills ("send events for existing objects"): start, live progress from `hooks.backfillProgress` (of any job
// seen since the Webhooks tab first opened, the CLI's too), cancel, and dismissing a finished one. Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BackfillProgress } from '../../../src-shared/contract';
import { useApi } from '../api/client';

export const useBackfillStore = defineStore('backfill', () => {
  /** Jobs by id: running ones, and finished ones until dismissed. */
  const jobs = ref<Record<string, BackfillProgress>>({});
  let detach: (() => void) | undefined;

  /** Follow the progress events (once, for the window's lifetime). */
  function listen(): void {
    detach ??= useApi().on('hooks.backfillProgress', (p) => { jobs.value = { ...jobs.value, [p.jobId]: p }; });
  }

  /** Start one for hook `id` of `bucket`, under `prefix` (optional). @throws the API's refusal (hook not listening to Put…). */
  async function start(bucket: string, id: string, prefix: string): Promise<void> {
    listen();
    const first = await useApi()['hooks.backfill']({ bucket, id, prefix: prefix || undefined });
    jobs.value = { ...jobs.value, [first.jobId]: jobs.value[first.jobId] ?? first };
  }

  /** Cancel a running one (what was not sent yet fails as cancelled). */
  async function cancel(jobId: string): Promise<void> {
    await useApi()['hooks.cancelBackfill']({ jobId });
  }

  function dismiss(jobId: string): void {
    const { [jobId]: _gone, ...rest } = jobs.value;
    jobs.value = rest;
  }

  /** The jobs of `bucket`, oldest first. */
  const ofBucket = (bucket: string) => Object.values(jobs.value).filter((j) => j.bucket === bucket);

  return { jobs, listen, start, cancel, dismiss, ofBucket };
});
