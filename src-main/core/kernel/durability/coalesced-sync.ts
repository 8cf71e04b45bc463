// Group sync: many callers, few fsyncs. Each caller waits for a sync that started after its call, and every
// caller arriving while one runs shares the single sync queued behind it. Knows nothing of files.

/**
 * Coalesces calls to an expensive durability operation (an fsync). `sync()` resolves once a run of
 * `syncOnce` that began after the call has finished, so everything written before the call is covered.
 */
export class CoalescedSync {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly syncOnce: () => Promise<void>) {}

  /** Wait for a sync that starts now, or right after the one in progress (shared with other waiters). */
  sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    const after = this.running.catch(() => undefined);
    this.queued = after.then(() => {
      this.queued = undefined;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<void> {
    const run: Promise<void> = this.syncOnce().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }
}
