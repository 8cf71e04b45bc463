// The live feed of object changes (`watch`, the UI's live view): traced changes read back in id order after they
// commit, pushed to subscribers. Idle when nobody listens; a change rolled back is never read, so never shown.
import type { Logger } from '../kernel/logger';
import type { TraceStore, TracedChange } from './trace-store';

const BATCH = 500;

/** A subscriber of the feed. */
export type ChangeListener = (change: TracedChange) => void;

/** Build the feed over `traces`; call `changed()` after each traced change. */
export function createChangeFeed(traces: TraceStore, logger: Logger) {
  const listeners = new Set<ChangeListener>();
  let lastSeen = 0;
  let queued = false;

  function poll(): void {
    queued = false;
    for (let rows = traces.after(lastSeen, BATCH); listeners.size > 0 && rows.length > 0; rows = traces.after(lastSeen, BATCH)) {
      for (const change of rows) {
        lastSeen = change.id;
        for (const listener of listeners) {
          try { listener(change); } catch (err) { logger.warn('change listener failed', { error: String(err) }); }
        }
      }
    }
  }

  return {
    /** A change was traced inside a transaction: read it once that transaction is over (the next turn). */
    changed(): void {
      if (listeners.size === 0 || queued) return;
      queued = true;
      setImmediate(poll);
    },
    /** Receive every change committed from now on; returns the unsubscribe function. */
    subscribe(listener: ChangeListener): () => void {
      if (listeners.size === 0) lastSeen = traces.lastId();
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
