// The global event sequencer: values handed out from blocks reserved in the sequencer row, so a change
// updates that row (one more WAL page) once per block instead of once per write.
import type { Db } from '../db/open';

/** Sequencer values reserved per update of the sequencer row. */
const BLOCK = 1024;

/**
 * Strictly increasing sequencer values (gaps allowed). A block is reserved inside the caller's transaction,
 * so every committed value is at most the committed row and a restart continues above all of them.
 * Call `rolledBack()` whenever a transaction that took values aborts: its reservation may be undone.
 */
export class Sequencer {
  private last = 0;
  private high = 0;
  private readonly reserve;

  constructor(db: Db) {
    this.reserve = db.prepare<[number, number], { value: number }>(
      'UPDATE sequencer SET value = max(value, ?) + ? WHERE id = 1 RETURNING value');
  }

  /** The next value; call inside the transaction that records it. */
  take(): number {
    if (this.last >= this.high) {
      this.high = (this.reserve.get(this.last, BLOCK) as { value: number }).value;
      this.last = this.high - BLOCK;
    }
    return ++this.last;
  }

  /** Forget the current block (its reservation may have been rolled back); the next take reserves anew. */
  rolledBack(): void {
    this.high = 0;
  }
}
