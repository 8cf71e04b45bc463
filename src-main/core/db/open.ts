// Opens the one SQLite connection of a process and brings its schema up to date. The connection holds the
// database exclusively (WAL without shared memory): a second process on the same data dir is refused at once.
import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../kernel/app-error';
import { migrate } from './migrate';

export type Db = Database.Database;

/**
 * Open (creating if needed, owner-only) the database file at `file`, take its exclusive lock and run pending
 * migrations. Throws AppError `DataDirInUse` when another live process holds the database.
 * Commits are durable only after `createWalSync(db).durable()` (synchronous = NORMAL: the WAL is not synced
 * at each commit; checkpoints and WAL headers are).
 */
export function openDb(file: string): Db {
  // SQLite gives the -wal file the database file's mode: create it 0600 first.
  closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Group commit runs each body in a savepoint, whose undo pages SQLite keeps in a statement journal; past 64 KiB
    // that journal spilled to a temp file, two write syscalls per page (two thirds of a PUT's writes). In memory it
    // is a copy; it lives only within a transaction, and a crash loses an uncommitted transaction either way.
    db.pragma('temp_store = MEMORY');
    db.exec('BEGIN IMMEDIATE; COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new AppError('DataDirInUse', 'the database is held by another running process', { cause: err });
    }
    throw err;
  }
  migrate(db);
  return db;
}
