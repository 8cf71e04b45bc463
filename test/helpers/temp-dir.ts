// Test helper: THE temp-folder helper — a fresh folder under the OS temp dir, removed when the test process exits
// (tests that must remove it sooner, or check its removal, still call removeTempDir).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();
process.once('exit', () => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

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
