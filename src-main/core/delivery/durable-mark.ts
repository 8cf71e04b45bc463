// "No event before its change is durable": the highest delivery id known to be on stable storage. The engine claims
// no row above it; moving it up waits for the database's group sync, the same one the S3 acknowledgements wait for.

/** The mark and how to move it. */
export interface DurableMark {
  /** Rows with an id up to this are on stable storage. */
  upTo(): number;
  /** When rows newer than the mark exist, sync (one sync at a time) and call `onAdvance` once the mark moved (at once without a barrier). */
  check(): void;
}

/**
 * Build the mark over `maxId` (the newest row id) and `durable` (resolves once every commit made before the call is
 * on stable storage). Without `durable` every committed row counts as durable (tests of the engine alone).
 */
export function createDurableMark(maxId: () => number, durable: (() => Promise<void>) | undefined,
  onAdvance: () => void, onError: (err: unknown) => void): DurableMark {
  let mark = 0;
  let syncing = false;
  return {
    upTo: () => mark,
    check() {
      if (!durable) { mark = maxId(); return; }
      if (syncing) return;
      const top = maxId();
      if (top <= mark) return;
      syncing = true;
      durable().then(() => {
        syncing = false;
        mark = Math.max(mark, top);
        onAdvance();
      }, (err: unknown) => {
        syncing = false;
        onError(err);
      });
    },
  };
}
