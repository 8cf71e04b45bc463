// Backfill ("send events for existing objects"): a hook gets one s3:ObjectCreated:Put-shaped record per current
// object of its bucket that its filter matches (under an optional prefix), marked with trigger 'backfill' in the log.
// The objects are counted, then enqueued page by page (one durable transaction each, yielding between pages) with at
// most WINDOW waiting for their first attempt, so live events keep flowing; progress goes to subscribers; cancel fails
// what was not sent yet. One job per hook and MAX_BACKFILLS in all; more are refused with the reason. Wired by create-core.
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { Delivery } from '../delivery/create-delivery';
import type { Notifications } from '../notifications/create-notifications';
import type { Storage } from '../storage/create-storage';
import type { BackfillProgress } from '../../../src-shared/contract';
import { keysUnder, scanPrefix } from './scan';
import { AppError } from '../kernel/app-error';

export type { BackfillProgress };

export interface BackfillDeps {
  storage: Pick<Storage, 'listObjects'>;
  notifications: Pick<Notifications, 'backfillTarget'>;
  delivery: Pick<Delivery, 'enqueueTracked' | 'cancelUnsent' | 'subscribe' | 'wake'>;
  /** Resolves once what was committed is on disk (the outbox rows survive a power cut before they count as queued). */
  durable: () => Promise<void>;
  clock: Clock;
  logger: Logger;
}

/** Deliveries of one job waiting for their first attempt, at most (the next page waits until there is room). */
const WINDOW = 1000;
/** Objects read (and enqueued in one transaction) per page. */
const PAGE = 500;
/** Backfills running at once, at most (one per hook; another is refused until one finishes or is cancelled). */
export const MAX_BACKFILLS = 4;
/** Progress events at most this often while a job runs (the hook is also checked to still take the backfill). */
const PROGRESS_MS = 200;

interface Job { progress: BackfillProgress; outstanding: Set<number>; stopped: boolean; wakeUp?: () => void }

/** Build the backfill service. */
export function createBackfill(deps: BackfillDeps) {
  const jobs = new Map<string, Job>();
  const listeners = new Set<(p: BackfillProgress) => void>();
  const emit = (job: Job) => { const copy = { ...job.progress }; for (const l of listeners) l(copy); };
  const stop = (job: Job) => { job.stopped = true; job.wakeUp?.(); };

  async function run(job: Job, target: ReturnType<Notifications['backfillTarget']>): Promise<void> {
    const { progress } = job;
    const scan = scanPrefix(progress.prefix, target.prefix);
    const pages = () => (scan === null ? [] : keysUnder(deps.storage, progress.bucket, scan, PAGE));
    let cancelTimer: (() => void) | undefined;
    const tick = () => {
      try {
        deps.notifications.backfillTarget(progress.bucket, progress.hookId, progress.jobId);
      } catch (err) {
        progress.error = (err as Error).message;
        stop(job);
      }
      emit(job);
      cancelTimer = deps.clock.setTimer(tick, PROGRESS_MS);
    };
    const off = deps.delivery.subscribe((e) => {
      if (e.type !== 'delivery.attempted' || !job.outstanding.delete(e.deliveryId)) return;
      progress.sent++;
      if (e.ok) progress.delivered++; else progress.failed++;
      job.wakeUp?.();
    }, ['delivery.attempted']);
    const room = (limit: number) => new Promise<void>((resolve) => {
      job.wakeUp = () => { if (job.outstanding.size <= limit || job.stopped) { job.wakeUp = undefined; resolve(); } };
      job.wakeUp();
    });
    try {
      for (const page of pages()) {
        progress.total += page.filter((o) => o.key.endsWith(target.suffix)).length;
        await nextTurn();
      }
      tick();
      for (const page of pages()) {
        await room(WINDOW - PAGE);
        if (job.stopped || progress.cancelled) break;
        const ids = deps.delivery.enqueueTracked(target.entries(page));
        for (const id of ids) job.outstanding.add(id);
        await deps.durable();
        progress.queued += ids.length;
        deps.delivery.wake();
      }
      await room(0);
    } catch (err) {
      progress.error = (err as Error).message;
      deps.logger.error('backfill failed', { jobId: progress.jobId, error: progress.error });
    } finally {
      off();
      cancelTimer?.();
      progress.total = Math.max(progress.total, progress.queued);
      progress.finished = true;
      jobs.delete(progress.jobId);
      emit(job);
    }
  }

  return {
    /**
     * Start a backfill of hook `hookId` for the current objects under `prefix`; returns its first progress (the rest
     * come to subscribers). @throws AppError when the bucket or hook cannot take one (checked before it starts).
     */
    start(bucket: string, hookId: string, prefix = ''): BackfillProgress {
      for (const job of jobs.values()) {
        if (job.progress.bucket === bucket && job.progress.hookId === hookId) {
          throw new AppError('BackfillRunning', `A backfill of hook ${hookId} is already running (job ${job.progress.jobId}): wait for it to finish or cancel it`);
        }
      }
      if (jobs.size >= MAX_BACKFILLS) {
        throw new AppError('TooManyJobs', `${MAX_BACKFILLS} backfills are already running, the most at a time: wait for one to finish or cancel one`);
      }
      const jobId = randomUUID();
      const target = deps.notifications.backfillTarget(bucket, hookId, jobId);
      const progress: BackfillProgress = {
        jobId, bucket, hookId, prefix, total: 0, queued: 0, sent: 0, delivered: 0, failed: 0, dropped: 0, finished: false, cancelled: false, error: null,
      };
      const job: Job = { progress, outstanding: new Set(), stopped: false };
      jobs.set(jobId, job);
      void run(job, target);
      return { ...progress };
    },
    /**
     * Cancel a running backfill: nothing more is enqueued and its deliveries not sent yet fail ("cancelled"); it
     * finishes once those being sent right now are answered. False when no such job runs.
     */
    cancel(jobId: string): boolean {
      const job = jobs.get(jobId);
      if (!job) return false;
      job.progress.cancelled = true;
      const cancelled = deps.delivery.cancelUnsent([...job.outstanding], 'cancelled: the backfill was cancelled');
      for (const id of cancelled) job.outstanding.delete(id);
      job.progress.dropped += cancelled.length;
      job.wakeUp?.();
      return true;
    },
    /** Shutdown: stop enqueuing at once (what was enqueued stays pending and is delivered after a restart). */
    stopAll(): void {
      for (const job of jobs.values()) stop(job);
    },
    /** Receive every job's progress; returns the unsubscribe function. */
    subscribe(listener: (p: BackfillProgress) => void): () => void {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  };
}

export type Backfill = ReturnType<typeof createBackfill>;
