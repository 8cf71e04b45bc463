// Group commit: writes that become ready in the same event-loop turn — object changes with their outbox rows and
// traces, delivery outcomes — share one SQLite transaction (shared pages written once per group, not per write),
// each in its own savepoint so a failing write rolls back alone. One instance per connection, shared by services.
import type { Db } from './open';

interface Pending {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown };

/**
 * Queues synchronous transaction bodies and runs them together on the next check phase (after the I/O
 * callbacks that made them ready). Each caller is settled only after the shared transaction commits.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  /** BEGIN…COMMIT outside a transaction, SAVEPOINT…RELEASE (ROLLBACK TO on throw) inside one. */
  private readonly atomic: (fn: () => unknown) => unknown;
  private readonly all: (batch: readonly Pending[]) => Outcome[];

  constructor(private readonly db: Db) {
    this.atomic = db.transaction((fn: () => unknown) => fn());
    this.all = db.transaction((batch: readonly Pending[]) => batch.map((p): Outcome => {
      try {
        return { ok: true, value: this.atomic(p.fn) };
      } catch (err) {
        // An error SQLite answered by rolling the whole transaction back sinks the batch.
        if (!this.db.inTransaction) throw err;
        return { ok: false, err };
      }
    }));
  }

  /** Run `fn` atomically with the other bodies queued in this turn; resolves with its result once committed. */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!this.queue.length) setImmediate(() => this.flush());
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 1) {
      const [only] = batch;
      let value: unknown;
      try { value = this.atomic(only.fn); } catch (err) { only.reject(err); return; }
      only.resolve(value);
      return;
    }
    let outcomes: Outcome[];
    try {
      outcomes = this.all(batch);
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i];
      if (o.ok) p.resolve(o.value); else p.reject(o.err);
    });
  }
}
