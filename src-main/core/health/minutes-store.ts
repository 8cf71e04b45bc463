// SQLite side of the per-minute rollup (the hook_minutes table, owned here): upsert many minutes in one short
// transaction, read a hook's recent minutes back at start, drop minutes older than a day. No figures computed here.
import type { Db } from '../db/open';

/** One hook's figures for one minute (counts add up; the histogram is per LATENCY_BOUNDS_MS bucket). */
export interface MinuteFigures {
  bucket: string; hookId: string; minute: number;
  attempts: number; ok: number; delivered: number; failed: number; retried: number;
  latencySum: number; latencyHist: number[]; lastError: string | null;
}

interface MinuteRow {
  bucket: string; hook_id: string; minute: number; attempts: number; ok: number; delivered: number; failed: number;
  retried: number; latency_sum: number; latency_hist: string; last_error: string | null;
}

/** Prepared statements over hook_minutes. */
export function createMinutesStore(db: Db) {
  const upsert = db.prepare(`INSERT INTO hook_minutes (bucket, hook_id, minute, attempts, ok, delivered, failed, retried,
      latency_sum, latency_hist, last_error)
    VALUES (@bucket, @hookId, @minute, @attempts, @ok, @delivered, @failed, @retried, @latencySum, @hist, @lastError)
    ON CONFLICT (bucket, hook_id, minute) DO UPDATE SET attempts = excluded.attempts, ok = excluded.ok,
      delivered = excluded.delivered, failed = excluded.failed, retried = excluded.retried,
      latency_sum = excluded.latency_sum, latency_hist = excluded.latency_hist, last_error = excluded.last_error`);
  const since = db.prepare<[number], MinuteRow>('SELECT * FROM hook_minutes WHERE minute >= ? ORDER BY minute');
  const prune = db.prepare<[number]>('DELETE FROM hook_minutes WHERE minute < ?');
  const write = db.transaction((minutes: readonly MinuteFigures[]) => {
    for (const m of minutes) upsert.run({ ...m, hist: JSON.stringify(m.latencyHist) });
  });
  return {
    /** Write the given minutes (whole values, not increments) in one transaction. */
    write: (minutes: readonly MinuteFigures[]): void => { if (minutes.length) write(minutes); },
    /** Every hook's minutes from `from` (ms epoch) on, oldest first. */
    since: (from: number): MinuteFigures[] => since.all(from).map((r) => ({
      bucket: r.bucket, hookId: r.hook_id, minute: r.minute, attempts: r.attempts, ok: r.ok, delivered: r.delivered,
      failed: r.failed, retried: r.retried, latencySum: r.latency_sum, latencyHist: JSON.parse(r.latency_hist) as number[],
      lastError: r.last_error,
    })),
    /** Drop minutes before `before`; returns how many. */
    prune: (before: number): number => prune.run(before).changes,
  };
}

export type MinutesStore = ReturnType<typeof createMinutesStore>;
