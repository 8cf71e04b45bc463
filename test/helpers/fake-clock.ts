// A manual clock for tests: time moves only when `advance` is called, timers fire in order.
import type { Clock } from '../../src-main/core/kernel/clock';

interface Timer { at: number; seq: number; fn: () => void }

/** A Clock whose time is advanced by hand; `advance` fires due timers in time order. */
export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private seq = 0;
  constructor(private current = Date.UTC(2026, 0, 1)) {}

  now(): number { return this.current; }

  setTimer(fn: () => void, ms: number): () => void {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => { this.timers = this.timers.filter((t) => t !== timer); };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => { this.setTimer(resolve, ms); });
  }

  /** Move time forward by `ms`, firing every timer that falls due, earliest first. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.current = next.at;
      next.fn();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.current = target;
  }

  /** Number of timers waiting. */
  pending(): number { return this.timers.length; }
}
