// The durability barrier of the database: after a commit, fdatasync the -wal file on the thread pool so the
// commit survives a power cut. Concurrent waiters share one sync (group sync); the event loop never blocks on it.
import { closeSync, fdatasync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { fsyncDirSync } from '../kernel/durability/dir-sync';
import { CoalescedSync } from '../kernel/durability/coalesced-sync';
import type { Db } from './open';

/** The barrier every acknowledgement of a change waits on. */
export interface WalSync {
  /** Resolve once every transaction committed before this call is on stable storage. */
  durable(): Promise<void>;
  /** Release the -wal file descriptor (before the database closes). */
  close(): void;
}

/**
 * Build the barrier of `db` (opened by openDb: WAL, synchronous = NORMAL). SQLite's total_changes() tells
 * whether anything was written since the last finished sync; when nothing was, `durable()` resolves at once, and a
 * caller whose commits the sync in progress already covers (it started after them) shares it instead of queueing
 * another: a turn's group commit acknowledges all its writes after one sync, not the first after one and the rest
 * after two.
 */
export function createWalSync(db: Db): WalSync {
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const changes = () => totalChanges.get() as number;
  let fd: number | undefined;
  let synced = changes();
  /** The sync in progress and the changes it covers. */
  let current: { covered: number; done: Promise<void> } | undefined;
  const group = new CoalescedSync(() => {
    const covered = changes();
    if (fd === undefined) {
      // The first sync of this connection: the -wal file may be new (SQLite removes it on a clean close), and its
      // name must be durable too. SQLite keeps it for as long as the connection is open.
      fd = openSync(`${db.name}-wal`, 'r+'); // read-write: Windows flushes only handles opened for writing
      fsyncDirSync(dirname(db.name));
    }
    const done = new Promise<void>((resolve, reject) => fdatasync(fd as number, (err) => {
      current = undefined;
      if (err) return reject(err);
      synced = Math.max(synced, covered);
      resolve();
    }));
    current = { covered, done };
    return done;
  });
  return {
    durable() {
      const now = changes();
      if (now === synced) return Promise.resolve();
      return current && current.covered >= now ? current.done : group.sync();
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
