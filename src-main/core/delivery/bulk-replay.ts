// Bulk replay: every delivery matching a filter, oldest first, with bounded concurrency, one key at a
// time in sequencer order, progress events and cancel. Each item is a 'bulk-replay' attempt.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open';
import type { Logger } from '../kernel/logger';
import type { EventHub } from './events';
import type { Replayer } from './replay';
import { filterClause } from './queries';
import type { DeliveryFilter, ReplayProgress } from './types';

const PAGE = 500;
const CONCURRENCY = 8;

export interface BulkReplayDeps { db: Db; replayer: Replayer; hub: EventHub; logger: Logger }

interface Item { id: number; bucket: string; hook_id: string; key: string; sequencer: number }

/** Build the bulk replayer; jobs run in the background and report through `replay.progress` events. */
export function createBulkReplay(deps: BulkReplayDeps) {
  const jobs = new Map<string, { cancelled: boolean }>();

  async function runChains(items: Item[], job: { cancelled: boolean }, progress: ReplayProgress): Promise<void> {
    const chains = new Map<string, Item[]>();
    // Row ids follow insertion, not event order: each key's line runs in sequencer order.
    for (const item of [...items].sort((a, b) => a.sequencer - b.sequencer || a.id - b.id)) {
      const k = `${item.bucket}\u0000${item.hook_id}\u0000${item.key}`;
      const chain = chains.get(k);
      if (chain) chain.push(item); else chains.set(k, [item]);
    }
    const queue = [...chains.values()];
    const worker = async (): Promise<void> => {
      for (let chain = queue.shift(); chain && !job.cancelled; chain = queue.shift()) {
        for (const item of chain) {
          if (job.cancelled) return;
          const ok = await deps.replayer.replay(item.id, 'bulk-replay').then((r) => r.ok, () => false);
          progress.done++;
          if (ok) progress.succeeded++; else progress.failed++;
          if (progress.done % 25 === 0) deps.hub.emit({ type: 'replay.progress', progress: { ...progress } });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  /** Count the matches and start replaying them; returns the initial progress and the job's completion. */
  function begin(filter: DeliveryFilter): { progress: ReplayProgress; done: Promise<ReplayProgress> } {
    const { where, params } = filterClause(deps.db, filter);
    const total = (deps.db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE ${where}`).get(params) as { n: number }).n;
    const maxId = (deps.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM deliveries').get() as { id: number }).id;
    // Pages run in (sequencer, id) order, so a key's line keeps its event order across pages too.
    const page = deps.db.prepare(`SELECT id, bucket, hook_id, key, sequencer FROM deliveries WHERE ${where}
      AND (sequencer, id) > (@afterSequencer, @afterId) AND id <= @maxId ORDER BY sequencer, id LIMIT ${PAGE}`);
    const jobId = randomUUID();
    const job = { cancelled: false };
    jobs.set(jobId, job);
    const progress: ReplayProgress = { jobId, total, done: 0, succeeded: 0, failed: 0, finished: false, cancelled: false };
    const initial = { ...progress };
    deps.hub.emit({ type: 'replay.progress', progress: initial });
    const done = (async () => {
      try {
        for (let after = { afterSequencer: -1, afterId: 0 }; !job.cancelled;) {
          const items = page.all({ ...params, ...after, maxId }) as Item[];
          if (items.length === 0) break;
          const last = items[items.length - 1];
          after = { afterSequencer: last.sequencer, afterId: last.id };
          await runChains(items, job, progress);
        }
      } catch (err) {
        deps.logger.error('bulk replay failed', { jobId, error: String(err) });
      } finally {
        jobs.delete(jobId);
      }
      progress.finished = true;
      progress.cancelled = job.cancelled;
      deps.hub.emit({ type: 'replay.progress', progress: { ...progress } });
      return progress;
    })();
    return { progress: initial, done };
  }

  return {
    /** Replay every match and wait; resolves with the final progress. */
    run: (filter: DeliveryFilter): Promise<ReplayProgress> => begin(filter).done,
    /** Start a background job; returns its initial progress (jobId, total). Later progress comes as events. */
    start: (filter: DeliveryFilter): ReplayProgress => begin(filter).progress,
    /** Cancel every running job (shutdown). */
    cancelAll(): void {
      for (const job of jobs.values()) job.cancelled = true;
    },
    /** Cancel a running job; false when no such job runs. */
    cancel(jobId: string): boolean {
      const job = jobs.get(jobId);
      if (!job) return false;
      job.cancelled = true;
      return true;
    },
  };
}
