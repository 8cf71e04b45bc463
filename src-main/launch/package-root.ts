// Finds the folder of BucketHooks' package.json from a module's URL: the same answer from the TypeScript sources
// (src-main/…) and from the built files (out/node/…), in the repository and in an installed package.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above `moduleUrl` whose package.json names the `buckethooks` package. */
export function packageRoot(moduleUrl: string): string {
  for (let dir = dirname(fileURLToPath(moduleUrl)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'buckethooks') return dir;
    if (dirname(dir) === dir) throw new Error(`no buckethooks package.json above ${fileURLToPath(moduleUrl)}`);
  }
}
