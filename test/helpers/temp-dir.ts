// Test helper: THE temp-folder helper — a fresh folder under the OS temp dir, removed after the test file's own
// afterAll hooks (or when a bench exits; tests that must remove it sooner, or check its removal, call removeTempDir).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made = new Set<string>();
const removeMade = (): void => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); made.clear(); };
// Vitest ends a file's worker without its 'exit' event, so under Vitest the folders go in a hook of the importing
// file: registered at import, it runs after the file's own afterAll hooks (hooks run in stack order).
if (process.env.VITEST) afterAll(removeMade);
process.once('exit', removeMade);

/** Make `<tmp>/<prefix>XXXXXX` and return its path. */
export function tempDir(prefix = 'bh-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Remove a folder made by tempDir now. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}
