// Receiver checks ("Check receiver…"): run the battery against a hook's receiver through `hooks.check`, follow its
// cases live from `hooks.checkCase`, and show a saved hook's last report (`hooks.lastCheck`). Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CheckCaseResult, CheckReport } from '../../../src-shared/contract';
import { errorMessage, useApi } from '../api/client';

/** What to check: a saved hook (`id`), and/or the dialog's values (given fields win). */
export interface CheckTarget { bucket: string; id?: string; url?: string; flavour?: string; secret?: string }

/** One target's check: running, the cases so far, the finished report or the error. */
export interface CheckRun { runId: string; running: boolean; results: CheckCaseResult[]; report: CheckReport | null; error: string | null }

/** The key of a target: its hook, or the dialog's unsaved hook of the bucket. */
export const checkKey = (t: Pick<CheckTarget, 'bucket' | 'id'>) => `${t.bucket}\n${t.id ?? ''}`;

export const useReceiverCheckStore = defineStore('receiverCheck', () => {
  const runs = ref<Record<string, CheckRun>>({});
  let detach: (() => void) | undefined;

  /** Follow the live case events (once, for the window's lifetime). */
  function listen(): void {
    detach ??= useApi().on('hooks.checkCase', (e) => {
      const entry = Object.entries(runs.value).find(([, r]) => r.runId === e.runId && r.running);
      if (entry) runs.value = { ...runs.value, [entry[0]]: { ...entry[1], results: [...entry[1].results, e.result] } };
    });
  }

  /** Show a saved hook's last report when nothing is known of it yet. */
  async function loadLast(bucket: string, id: string): Promise<void> {
    const key = checkKey({ bucket, id });
    if (runs.value[key]) return;
    try {
      const report = await useApi()['hooks.lastCheck']({ bucket, id });
      if (report && !runs.value[key]) runs.value = { ...runs.value, [key]: { runId: '', running: false, results: report.cases, report, error: null } };
    } catch (err) {
      runs.value = { ...runs.value, [key]: { runId: '', running: false, results: [], report: null, error: errorMessage(err) } };
    }
  }

  /** Run the battery against `target`; the run's state is under its key. */
  async function run(target: CheckTarget): Promise<void> {
    listen();
    const key = checkKey(target);
    const runId = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
    runs.value = { ...runs.value, [key]: { runId, running: true, results: [], report: null, error: null } };
    const done = (patch: Partial<CheckRun>) => {
      if (runs.value[key]?.runId === runId) runs.value = { ...runs.value, [key]: { ...runs.value[key], running: false, ...patch } };
    };
    try {
      const report = await useApi()['hooks.check']({ ...target, runId });
      done({ report, results: report.cases });
    } catch (err) {
      done({ error: errorMessage(err) });
    }
  }

  return { runs, loadLast, run };
});
