// Electron-only stand-in for better-sqlite3 (aliased in electron.vite.config.ts for the main bundle): the same
// class, loading the native binding built for Electron's ABI when BUCKETHOOKS_SQLITE_BINDING names one
// (npm start / dev, see native-sqlite.ts). The packaged app has it rebuilt in place and needs no variable.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const requireCjs = createRequire(import.meta.url);
const Base = requireCjs('better-sqlite3') as typeof BetterSqlite3;
const binding = process.env.BUCKETHOOKS_SQLITE_BINDING;

/** better-sqlite3's Database with Electron's native binding as the default. */
export default class Database extends Base {
  constructor(filename?: string | Buffer, options: BetterSqlite3.Options = {}) {
    super(filename, binding && options.nativeBinding === undefined ? { ...options, nativeBinding: binding } : options);
  }
}
