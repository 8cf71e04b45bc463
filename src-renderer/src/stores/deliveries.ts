// The delivery log: filter, newest-first pages by cursor, counts by status, live updates from events, one
// delivery's detail, replay of one and bulk replay (delivered ones only when asked) with progress and cancel.
// Calls the API only.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  AttemptEvent, DeliveryCounts, DeliveryDetails, DeliveryFilter, DeliveryRow, ReplayProgress,
} from '../../../src-shared/contract';
import { errorMessage, useApi } from '../api/client';

/** Rows fetched per page. */
export const LOG_PAGE = 200;

/** True when `row` passes `filter` (for live rows). */
export function matchesFilter(row: DeliveryRow, f: DeliveryFilter): boolean {
  return (!f.bucket || row.bucket === f.bucket) && (!f.hookId || row.hookId === f.hookId) &&
    (!f.status || row.status === f.status) && (!f.keyPrefix || row.key.startsWith(f.keyPrefix)) &&
    (f.since === undefined || row.createdAt >= f.since) && (f.until === undefined || row.createdAt <= f.until);
}

export const useDeliveriesStore = defineStore('deliveries', () => {
  const filter = ref<DeliveryFilter>({});
  const rows = ref<DeliveryRow[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const replay = ref<ReplayProgress | null>(null);
  /** Matches of the filter by status (null until counted). */
  const counts = ref<DeliveryCounts | null>(null);
  let detach: (() => void)[] = [];
  let countTimer: ReturnType<typeof setTimeout> | undefined;

  async function load(more = false): Promise<void> {
    loading.value = true;
    try {
      const page = await useApi()['deliveries.list']({ filter: filter.value, cursor: more ? nextCursor.value ?? undefined : undefined, limit: LOG_PAGE });
      rows.value = more ? [...rows.value, ...page.items] : page.items;
      nextCursor.value = page.nextCursor;
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  async function loadCounts(): Promise<void> {
    clearTimeout(countTimer);
    try {
      counts.value = await useApi()['deliveries.count']({ filter: filter.value });
    } catch {
      counts.value = null; // the count only labels the replay button; the list shows errors
    }
  }
  const countSoon = () => { clearTimeout(countTimer); countTimer = setTimeout(() => void loadCounts(), 1000); };

  async function setFilter(f: DeliveryFilter): Promise<void> {
    filter.value = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as DeliveryFilter;
    await Promise.all([load(), loadCounts()]);
  }

  /** Apply a live row: replace it in place, or put a new matching one on top. */
  function upsertRow(row: DeliveryRow): void {
    const i = rows.value.findIndex((r) => r.id === row.id);
    if (i >= 0) {
      if (matchesFilter(row, filter.value)) rows.value[i] = row;
      else rows.value.splice(i, 1);
    } else if (matchesFilter(row, filter.value) && (rows.value.length === 0 || row.id > rows.value[0].id)) {
      rows.value.unshift(row);
    }
  }

  function applyAttempt(e: AttemptEvent): void {
    const row = rows.value.find((r) => r.id === e.deliveryId);
    if (!row) return;
    row.attempts = Math.max(row.attempts, e.attempt);
    row.lastStatus = e.status;
    row.lastError = e.ok ? null : e.errorClass;
    if (e.ok) row.status = 'delivered';
  }

  /** Take a progress report unless it is older than what is shown for the same job. */
  function applyProgress(p: ReplayProgress): void {
    const cur = replay.value;
    if (cur && cur.jobId === p.jobId && (cur.finished || cur.done > p.done)) return;
    if (cur && cur.jobId !== p.jobId && !cur.finished) return;
    replay.value = p;
  }

  /** Follow live events until `stop()`. */
  function live(): void {
    if (detach.length) return;
    const api = useApi();
    detach = [
      api.on('deliveries.changed', (row) => { upsertRow(row); countSoon(); }),
      api.on('deliveries.attempted', applyAttempt),
      api.on('deliveries.replayProgress', applyProgress),
    ];
  }
  function stop(): void { for (const d of detach) d(); detach = []; clearTimeout(countTimer); }

  const details = (id: number): Promise<DeliveryDetails> => useApi()['deliveries.get']({ id });
  const replayOne = async (id: number) => { await useApi()['deliveries.replay']({ id }); };

  /** Replay every match of the filter; delivered ones only with `includeDelivered`. */
  async function replayAll(includeDelivered = false): Promise<void> {
    const started = await useApi()['deliveries.replayAll']({ filter: filter.value, includeDelivered });
    if (replay.value?.jobId !== started.jobId) replay.value = null;
    applyProgress(started);
  }
  async function cancelReplay(): Promise<void> {
    if (replay.value) await useApi()['deliveries.cancelReplay']({ jobId: replay.value.jobId });
  }

  return {
    filter, rows, nextCursor, loading, error, replay, counts,
    load, loadCounts, setFilter, upsertRow, applyAttempt, applyProgress, live, stop, details, replayOne, replayAll, cancelReplay,
  };
});
