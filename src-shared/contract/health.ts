// The contract of hook health: per-hook figures and timeline, lint warnings and the delivery log's histogram (the
// health policy a hook may set is part of the hook, in hooks.ts).

import type { HookInput } from './hooks';
import type { DeliveryFilter } from './deliveries';

/** Answer latency percentiles in ms. */
export interface LatencyPercentiles { p50: number; p95: number; p99: number }
/** A hook's figures over the last hour or day. */
export interface WindowFiguresView {
  attempts: number; ok: number; delivered: number; failed: number; retried: number;
  successRate: number | null; latency: LatencyPercentiles | null;
  /** False when percentiles were estimated from per-minute histograms (after a restart). */
  latencyExact: boolean;
}
/** A hook's health figures (`hooks.stats`). */
export interface HookStats {
  bucket: string; hookId: string; state: 'active' | 'paused' | 'disabled';
  /** Why the hook paused itself (suspension, loop guard), else null. */
  stateReason: string | null;
  pending: number; oldestAgeMs: number | null;
  lastHour: WindowFiguresView; lastDay: WindowFiguresView;
  lastError: { message: string; at: number } | null;
}
/** One minute of a hook's timeline (`hooks.timeline`). */
export interface HookTimelinePoint { minute: number; delivered: number; failed: number; retried: number; attempts: number; latencyAvg: number | null }
/** A lint warning about one hook: patterns that usually mean a mistake; never a refusal. */
export interface LintWarningView { hookId: string; field: 'events' | 'prefix' | 'suffix' | 'url'; message: string }
/** The filtered deliveries per time bin and status (`deliveries.histogram`). */
export interface DeliveryHistogramView {
  from: number; to: number; binMs: number;
  bins: { at: number; pending: number; delivered: number; failed: number }[];
}

export interface HealthMethods {
  /** Health figures of each hook of a local bucket (kept as deliveries happen, not read from the log). */
  'hooks.stats': (input: { bucket: string }) => Promise<HookStats[]>;
  /** A hook's deliveries per minute and mean latency over the last `minutes` (1–1440, default 60). */
  'hooks.timeline': (input: { bucket: string; id: string; minutes?: number }) => Promise<HookTimelinePoint[]>;
  /** Lint warnings: of `hook` as the dialog would save it, or of every stored hook of the bucket; probes each URL's port. */
  'hooks.lint': (input: { bucket: string; hook?: HookInput }) => Promise<LintWarningView[]>;
  /** The filtered deliveries per time bin and status, in at most `bins` bins (1–200, default 60). */
  'deliveries.histogram': (input: { filter?: DeliveryFilter; bins?: number }) => Promise<DeliveryHistogramView>;
}
