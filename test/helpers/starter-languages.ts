// Test helper: the receiver starter files (examples/receivers) as runnable languages, filled with a hook's URL and
// secret exactly as the hook dialog fills them. Go is available only where a Go toolchain is installed.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillStarter, type StarterValues } from '../../src-renderer/src/lib/starter-fill';
import { goVersion } from './receiver-process';

const ROOT = join(import.meta.dirname, '../..');

/** One starter language. */
export interface StarterLanguage {
  name: string;
  file: string;
  /** Prepare the filled source in `dir` and return the command that runs it. */
  command(dir: string, fileName: string): [string, string[]];
  available: boolean;
}

/** `go version`'s answer, or null when there is no Go toolchain. */
export const GO = goVersion();

/** Node, Python and Go. */
export const STARTER_LANGUAGES: StarterLanguage[] = [
  { name: 'node', file: 'node/receiver.mjs', command: (dir, f) => [process.execPath, [join(dir, f)]], available: true },
  { name: 'python', file: 'python/receiver.py', command: (dir, f) => ['python3', [join(dir, f)]], available: true },
  {
    name: 'go', file: 'go/main.go', available: GO !== null,
    command(dir, f) {
      execFileSync('go', ['build', '-o', join(dir, 'receiver'), join(dir, f)], { cwd: dir, stdio: 'pipe' });
      return [join(dir, 'receiver'), []];
    },
  },
];

/** Write `lang`'s starter filled with `values` into `dir` and return the command that runs it. */
export function prepareStarter(lang: StarterLanguage, dir: string, values: StarterValues): [string, string[]] {
  const fileName = lang.file.split('/')[1];
  const source = readFileSync(join(ROOT, 'examples/receivers', lang.file), 'utf8');
  writeFileSync(join(dir, fileName), fillStarter(source, values));
  return lang.command(dir, fileName);
}
