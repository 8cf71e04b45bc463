// Opens the main SQLite connection of a process and brings its schema up to date. A lock file attached to the
// connection holds the data dir for this process (a second one is refused at once). The database is in WAL mode with
// its index in shared memory, so the checkpointer's connection (checkpointer.ts) can copy the WAL off this thread;
// where the file system cannot map the -shm file, the index stays in this connection's memory instead.
import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../kernel/app-error';
import { migrate } from './migrate';

export type Db = Database.Database;

/**
 * WAL frames after which a commit checkpoints on this connection. With the checkpointer running this copies only
 * the frames it has not reached yet, and lets the next write start the WAL over; without it, it bounds the WAL.
 */
export const CATCH_UP_FRAMES = 4000;

/** Create `file` owner-only if missing: SQLite gives the -wal and -shm files the database file's mode. */
function createPrivate(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
}

/** Whether `db`'s WAL index is in shared memory (other connections, such as the checkpointer's, can open it). */
export function sharesWalIndex(db: Db): boolean {
  return db.pragma('main.locking_mode', { simple: true }) === 'normal';
}

/**
 * Open (creating if needed, owner-only) the database file at `file`, take the data dir's lock (`<file>.lock`, held
 * until the connection closes) and run pending migrations. Throws AppError `DataDirInUse` when another live
 * connection, in this process or another, holds it.
 * Commits are durable only after `createWalSync(db).durable()` (synchronous = NORMAL: the WAL is not synced
 * at each commit; checkpoints and WAL headers are).
 */
export function openDb(file: string): Db {
  createPrivate(file);
  createPrivate(`${file}.lock`);
  let db: Db;
  try {
    db = connect(file, true);
  } catch (err) {
    if (!String((err as { code?: string }).code).startsWith('SQLITE_IOERR_SHM')) throw err;
    db = connect(file, false); // FUSE with direct I/O, some network mounts: no shared maps
  }
  migrate(db);
  return db;
}

/** One connection holding the data dir's lock, its WAL index shared or in its own memory. */
function connect(file: string, sharedIndex: boolean): Db {
  const db = new Database(file);
  try {
    if (!sharedIndex) db.pragma('main.locking_mode = EXCLUSIVE'); // before anything reads the database
    const busyTimeout = db.pragma('busy_timeout', { simple: true });
    db.pragma('busy_timeout = 0');
    // An exclusive lock that is never released: the kernel drops it when the process dies, even by kill -9.
    db.prepare('ATTACH ? AS lock').run(`${file}.lock`);
    db.pragma('lock.locking_mode = EXCLUSIVE');
    db.pragma('lock.journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    db.pragma(`busy_timeout = ${busyTimeout}`);
    db.pragma('main.journal_mode = WAL');
    db.pragma('main.synchronous = NORMAL');
    db.prepare('SELECT count(*) FROM sqlite_schema').get(); // the first read maps the -shm file, or cannot
    db.pragma(`wal_autocheckpoint = ${CATCH_UP_FRAMES}`);
    db.pragma('foreign_keys = ON');
    // Group commit runs each body in a savepoint, whose undo pages SQLite keeps in a statement journal; past 64 KiB
    // that journal spilled to a temp file, two write syscalls per page (two thirds of a PUT's writes). In memory it
    // is a copy; it lives only within a transaction, and a crash loses an uncommitted transaction either way.
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new AppError('DataDirInUse', 'the database is held by another running process', { cause: err });
    }
    throw err;
  }
}
