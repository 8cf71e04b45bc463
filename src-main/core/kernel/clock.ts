// The injected source of time: production uses the real clock, delivery tests pass a fake one.
// Nothing in the core may call Date.now() or setTimeout() directly where a Clock is available.

/** A source of time and timers. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Run `fn` after `ms` milliseconds; returns a cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
  /** Resolve after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The wall clock and Node timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
