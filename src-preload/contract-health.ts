// The contract's hook-health nouns: per-hook figures and timeline, the health policy a hook may set, lint warnings
// and the delivery log's histogram. Types only, no imports (joined to AppApiMethods in contract.ts).

/** When a hook pauses itself: suspension after failures (opt-in) and the write-back loop guard (10 rounds; 0 = off). */
export interface HealthPolicyView {
  suspendAfterFailures: number | null;
  /** Share of failed attempts (0–1] over the window that suspends the hook; null = never. */
  suspendFailureRate: number | null;
  failureRateWindowMs: number;
  failureRateMinAttempts: number;
  loopLimit: number;
}
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
