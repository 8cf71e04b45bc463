// In-memory figures of every hook, updated on each delivery outcome in O(1): per-minute counters (persisted in
// batches by the health service), the answer latencies of the last day (capped) for exact percentiles, failures
// in a row and the last error. Knows no SQL and no hooks table.
import { bucketOf, mergeHistogram, percentilesOf, percentilesOfHistogram, type Percentiles } from './latency';
import type { MinuteFigures } from './minutes-store';

const MINUTE = 60_000;
/** How long figures are kept. */
export const KEEP_MS = 24 * 3600_000;
/** Latency samples kept per hook; past this, percentiles of older windows come from the minute histograms. */
export const SAMPLE_CAP = 20_000;

/** Figures of one hook over a window. */
export interface WindowFigures {
  attempts: number; ok: number; delivered: number; failed: number; retried: number;
  /** Successful attempts / attempts, null without attempts. */
  successRate: number | null;
  latency: Percentiles | null;
  /** False when percentiles were estimated from the minute histograms (after a restart or past the sample cap). */
  latencyExact: boolean;
}

/** One minute of a hook's timeline. */
export interface TimelinePoint { minute: number; delivered: number; failed: number; retried: number; attempts: number; latencyAvg: number | null }

interface Sample { at: number; ms: number; ok: boolean }

interface HookState {
  minutes: Map<number, MinuteFigures>;
  samples: Sample[];
  /** Samples are complete from this time on. */
  coveredFrom: number;
  inARow: number;
  lastError: { message: string; at: number } | null;
}

/** The trackers of all hooks; `startedAt` is when samples began to be kept. */
export function createHookTracker(startedAt: number) {
  const hooks = new Map<string, HookState>();
  const dirty = new Set<MinuteFigures>();
  const keyOf = (bucket: string, hookId: string) => `${bucket}\u0000${hookId}`;
  const stateOf = (bucket: string, hookId: string): HookState => {
    const key = keyOf(bucket, hookId);
    let s = hooks.get(key);
    if (!s) { s = { minutes: new Map(), samples: [], coveredFrom: startedAt, inARow: 0, lastError: null }; hooks.set(key, s); }
    return s;
  };
  const minuteOf = (s: HookState, bucket: string, hookId: string, at: number): MinuteFigures => {
    const minute = at - (at % MINUTE);
    let m = s.minutes.get(minute);
    if (!m) {
      m = { bucket, hookId, minute, attempts: 0, ok: 0, delivered: 0, failed: 0, retried: 0, latencySum: 0, latencyHist: [], lastError: null };
      s.minutes.set(minute, m);
    }
    dirty.add(m);
    return m;
  };

  return {
    /** One answered attempt. `scheduled` attempts (not replays or tests) count towards failures in a row. */
    attempt(bucket: string, hookId: string, a: { at: number; ms: number; ok: boolean; error: string | null; scheduled: boolean }): HookState {
      const s = stateOf(bucket, hookId);
      const m = minuteOf(s, bucket, hookId, a.at);
      m.attempts++;
      m.latencySum += a.ms;
      const b = bucketOf(a.ms);
      m.latencyHist[b] = (m.latencyHist[b] ?? 0) + 1;
      if (a.ok) { m.ok++; s.inARow = 0; } else {
        if (a.scheduled) s.inARow++;
        s.lastError = { message: a.error ?? 'failed', at: a.at };
        m.lastError = s.lastError.message;
      }
      s.samples.push({ at: a.at, ms: a.ms, ok: a.ok });
      if (s.samples.length > SAMPLE_CAP * 1.25) {
        const cut = s.samples.length - SAMPLE_CAP;
        s.coveredFrom = Math.max(s.coveredFrom, s.samples[cut - 1].at + 1);
        s.samples.splice(0, cut);
      }
      return s;
    },
    /** A delivery became delivered or failed, or a failed attempt left a retry scheduled. */
    outcome(bucket: string, hookId: string, kind: 'delivered' | 'failed' | 'retried', at: number): void {
      const s = stateOf(bucket, hookId);
      minuteOf(s, bucket, hookId, at)[kind]++;
    },
    /** Seed from persisted minutes (at start): counts and histograms, no samples. */
    load(minutes: readonly MinuteFigures[]): void {
      for (const m of minutes) {
        const s = stateOf(m.bucket, m.hookId);
        s.minutes.set(m.minute, { ...m });
        if (m.lastError && (!s.lastError || s.lastError.at < m.minute)) s.lastError = { message: m.lastError, at: m.minute };
      }
    },
    /** Minutes changed since the last call (to persist), and forget minutes older than a day. */
    takeDirty(now: number): MinuteFigures[] {
      const out = [...dirty];
      dirty.clear();
      for (const s of hooks.values()) {
        for (const minute of s.minutes.keys()) if (minute < now - KEEP_MS - MINUTE) s.minutes.delete(minute);
        while (s.samples.length && s.samples[0].at < now - KEEP_MS) s.samples.shift();
      }
      return out;
    },
    /** Figures of a hook over [from, now]. */
    window(bucket: string, hookId: string, from: number): WindowFigures {
      const s = hooks.get(keyOf(bucket, hookId));
      const out: WindowFigures = { attempts: 0, ok: 0, delivered: 0, failed: 0, retried: 0, successRate: null, latency: null, latencyExact: true };
      if (!s) return out;
      const hist: number[] = [];
      const start = from - (from % MINUTE);
      for (const m of s.minutes.values()) {
        if (m.minute < start) continue;
        out.attempts += m.attempts; out.ok += m.ok; out.delivered += m.delivered; out.failed += m.failed; out.retried += m.retried;
        mergeHistogram(hist, m.latencyHist);
      }
      out.successRate = out.attempts ? out.ok / out.attempts : null;
      const inWindow = s.samples.filter((x) => x.at >= start);
      out.latencyExact = s.coveredFrom <= start || inWindow.length === out.attempts;
      out.latency = out.latencyExact ? percentilesOf(inWindow.map((x) => x.ms)) : percentilesOfHistogram(hist);
      return out;
    },
    /** Attempts and failures of a hook since `from` (the failure-rate window), from its samples. */
    failuresSince(bucket: string, hookId: string, from: number): { attempts: number; failures: number } {
      const samples = hooks.get(keyOf(bucket, hookId))?.samples ?? [];
      let attempts = 0;
      let failures = 0;
      for (let i = samples.length - 1; i >= 0 && samples[i].at >= from; i--) { attempts++; if (!samples[i].ok) failures++; }
      return { attempts, failures };
    },
    /** One point per minute from `from` to `now` (minutes without outcomes are zeros). */
    timeline(bucket: string, hookId: string, from: number, now: number): TimelinePoint[] {
      const s = hooks.get(keyOf(bucket, hookId));
      const points: TimelinePoint[] = [];
      for (let minute = from - (from % MINUTE); minute <= now; minute += MINUTE) {
        const m = s?.minutes.get(minute);
        points.push({
          minute, delivered: m?.delivered ?? 0, failed: m?.failed ?? 0, retried: m?.retried ?? 0, attempts: m?.attempts ?? 0,
          latencyAvg: m?.attempts ? Math.round(m.latencySum / m.attempts) : null,
        });
      }
      return points;
    },
    lastError: (bucket: string, hookId: string) => hooks.get(keyOf(bucket, hookId))?.lastError ?? null,
    /** Forget a hook's failures in a row (it was resumed). */
    resetRun(bucket: string, hookId: string): void { const s = hooks.get(keyOf(bucket, hookId)); if (s) s.inARow = 0; },
  };
}

export type HookTracker = ReturnType<typeof createHookTracker>;
