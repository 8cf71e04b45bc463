// Mutation check (`npm run mutation`, part of `npm test`): applies each mutation of test/mutations.ts in memory
// (a Vite transform on the test run; no source file on disk is touched), runs only its test files and expects a
// failing test. Prints one line per mutation and the score; exits 1 on a surviving or stale mutation.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { startVitest } from 'vitest/node';
import { MUTATIONS, type Mutation } from '../test/mutations';

const ROOT = process.cwd();

type Outcome = { verdict: 'killed'; by: string[] } | { verdict: 'survived' | 'stale' | 'not loaded' | 'broken'; detail: string };

/** The mutated text of `source`, or why the mutation no longer applies (a search text that is not there exactly once). */
function applyEdits(source: string, edits: Mutation['edits']): { code: string } | { stale: string } {
  let code = source;
  for (const [search, replace] of edits) {
    const count = code.split(search).length - 1;
    if (count !== 1) return { stale: `search text found ${count} times (expected once): ${JSON.stringify(search)}` };
    code = code.replace(search, () => replace);
  }
  return { code };
}

/** A Vite plugin serving `mutated` in place of `file`; `loaded.value` tells whether a test imported it. */
function mutate(file: string, mutated: string, loaded: { value: boolean }): Plugin {
  return {
    name: 'mutation-check', enforce: 'pre',
    transform(_code, id) {
      if (id.split('?')[0] !== file) return undefined;
      loaded.value = true;
      return { code: mutated, map: null };
    },
  };
}

async function check(m: Mutation): Promise<Outcome> {
  const file = resolve(ROOT, m.file);
  const applied = applyEdits(readFileSync(file, 'utf8'), m.edits);
  if ('stale' in applied) return { verdict: 'stale', detail: applied.stale };
  const loaded = { value: false };
  const vitest = await startVitest('test', m.tests, { watch: false, bail: 1, silent: true, reporters: [{}] },
    { plugins: [mutate(file, applied.code, loaded)] });
  try {
    const failedFiles = vitest.state.getFailedFilepaths();
    const failedTests = vitest.state.getFiles().flatMap((f) => collectFailed(f));
    if (!loaded.value) return { verdict: 'not loaded', detail: `no test imported ${m.file}` };
    if (failedTests.length > 0) return { verdict: 'killed', by: failedTests };
    if (failedFiles.length > 0) return { verdict: 'broken', detail: `test files failed without a failing test (syntax?): ${failedFiles.join(', ')}` };
    return { verdict: 'survived', detail: `every test of ${m.tests.join(', ')} passed` };
  } finally {
    await vitest.close();
    process.exitCode = 0;
  }
}

interface TaskLike { name: string; type: string; result?: { state?: string }; tasks?: TaskLike[] }

function collectFailed(task: TaskLike, path: string[] = []): string[] {
  if (task.type === 'test') return task.result?.state === 'fail' ? [[...path, task.name].join(' > ')] : [];
  return (task.tasks ?? []).flatMap((t) => collectFailed(t, task.type === 'suite' && task.name ? [...path, task.name] : path));
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const list = only.length ? MUTATIONS.filter((m) => only.some((o) => m.name.includes(o))) : MUTATIONS;
  let killed = 0;
  const problems: string[] = [];
  for (const m of list) {
    const started = performance.now();
    const outcome = await check(m);
    const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
    if (outcome.verdict === 'killed') {
      killed++;
      process.stdout.write(`killed    ${m.name} (${took})\n          by ${outcome.by[0]}\n`);
    } else {
      problems.push(`${outcome.verdict}: ${m.name} [${m.file}]: ${outcome.detail}`);
      process.stdout.write(`${outcome.verdict.toUpperCase().padEnd(9)} ${m.name} (${took})\n          ${outcome.detail}\n`);
    }
  }
  process.stdout.write(`\nMutation score: ${killed}/${list.length} killed (${Math.round((100 * killed) / Math.max(1, list.length))} %)\n`);
  if (problems.length) {
    process.stderr.write(`\nMutation check failed (update test/mutations.ts or add the missing test):\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

await main();
