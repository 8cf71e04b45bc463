// The cycle check between folders: collapses the file import graph (dpdm, type imports included) to one
// node per module folder and reports every cycle; `npm run lint` fails on any. Files cycles are dpdm's own check.
import { parseCircular, parseDependencyTree, type Dependency, type DependencyTree } from 'dpdm';

/**
 * The folder a source file belongs to: `src-main/core/<module>` for files inside a core module,
 * `src-main/<area>` for the other areas, the file itself for files at the top of `src-main/` or `src-main/core/`
 * (the composition root and the shared kernel: their own cycles are dpdm's file check).
 */
export function folderOf(file: string): string {
  const parts = file.split('/');
  const depth = parts[1] === 'core' ? 3 : 2;
  return parts.length > depth ? parts.slice(0, depth).join('/') : file;
}

const isSource = (file: string): boolean => file.startsWith('src-');

/** The import graph between folders (edges inside one folder dropped), shaped as dpdm's tree. */
export function folderTree(tree: DependencyTree): DependencyTree {
  const edges = new Map<string, Map<string, Dependency>>();
  for (const [file, deps] of Object.entries(tree)) {
    if (!isSource(file)) continue;
    const from = folderOf(file);
    const out = edges.get(from) ?? new Map<string, Dependency>();
    edges.set(from, out);
    for (const dep of deps ?? []) {
      if (!dep.id || !isSource(dep.id)) continue;
      const to = folderOf(dep.id);
      if (to !== from && !out.has(to)) out.set(to, { ...dep, issuer: from, request: to, id: to });
    }
  }
  return Object.fromEntries([...edges].map(([folder, out]) => [folder, [...out.values()]]));
}

/** Every cycle between folders, each as the list of folders it passes through. */
export function folderCycles(tree: DependencyTree): string[][] {
  return parseCircular(folderTree(tree));
}

async function main(): Promise<void> {
  const tree = await parseDependencyTree(['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-preload/**/*.ts'], { transform: false });
  const cycles = folderCycles(tree);
  for (const cycle of cycles) process.stdout.write(`folder cycle: ${[...cycle, cycle[0]].join(' → ')}\n`);
  process.stdout.write(`${cycles.length} cycles between ${Object.keys(folderTree(tree)).length} folders and files\n`);
  if (cycles.length > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
