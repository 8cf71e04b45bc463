// better-sqlite3 for Electron without breaking the Node build: a copy of the module under
// node_modules/.cache/buckethooks is rebuilt for Electron's ABI (@electron/rebuild) and handed to the main
// process as BUCKETHOOKS_SQLITE_BINDING; tests and headless keep node_modules/better-sqlite3 as it is.
import { cpSync, existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the Electron-ABI copy of better-sqlite3 lives for `electronVersion` on this platform. */
export function electronSqliteDir(root: string, electronVersion: string): string {
  return join(root, 'node_modules/.cache/buckethooks', `better-sqlite3-electron-${electronVersion}-${process.platform}-${process.arch}`);
}

/** The .node file the Electron main process should load. */
export function electronSqliteBinding(root: string, electronVersion: string): string {
  return join(electronSqliteDir(root, electronVersion), 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
}

/** Build the Electron-ABI binding once (needs Electron's headers: network or cache); returns its path. */
export async function ensureElectronSqlite(root: string, electronVersion: string): Promise<string> {
  const binding = electronSqliteBinding(root, electronVersion);
  if (existsSync(binding)) return binding;
  const dir = electronSqliteDir(root, electronVersion);
  const source = join(root, 'node_modules/better-sqlite3');
  const target = join(dir, 'node_modules/better-sqlite3');
  mkdirSync(dir, { recursive: true });
  cpSync(source, target, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  const { version } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { version: string };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bh-electron-sqlite', private: true, dependencies: { 'better-sqlite3': version } }));
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: dir, electronVersion, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
  if (!existsSync(binding)) throw new Error(`the Electron build of better-sqlite3 did not produce ${binding}`);
  return binding;
}
