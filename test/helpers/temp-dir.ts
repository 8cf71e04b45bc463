// Test helper: THE temp-folder helper — a fresh folder under the OS temp dir, removed after the test file's own
// afterAll hooks (temp-dir-cleanup.ts, a Vitest setup file) or when a process that is not a test file (a bench, a
// script a test spawns) exits. Tests that must remove one sooner, or check its removal, call removeTempDir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();
/** Remove every folder made by tempDir and not yet removed. */
export function removeAllTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
process.once('exit', removeAllTempDirs);

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
