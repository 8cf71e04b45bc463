// Test helper: load a module of desktop-tools/ (electron-builder's parts, electronegativity), the tools only the
// desktop build and its checks use, installed apart from the project by `npm test` (scripts/desktop-tools.js).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const DIR = resolve(import.meta.dirname, '../../desktop-tools');

/** `require(id)` from desktop-tools/; a clear error naming the command when that folder is not installed. */
export function requireDesktopTool<T>(id: string): T {
  if (!existsSync(join(DIR, 'node_modules'))) {
    throw new Error('desktop-tools/ is not installed: run `npm run desktop-tools` (npm test runs it first)');
  }
  return createRequire(join(DIR, 'package.json'))(id) as T;
}
