// Opens the one SQLite connection of a process (WAL, foreign keys) and brings its schema up to date.
import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type Db = Database.Database;

/** Open (creating if needed) the database file at `file` and run pending migrations. */
export function openDb(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
