// Ordered schema migrations tracked by SQLite's user_version. Each migration runs once, in a transaction.
import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

/** Apply every migration whose index is above the database's user_version. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}
