// The layer rules hold: lint refuses a domain service importing s3/ or api/ (a fixture linted as if it sat in
// each domain folder), allows it where it belongs, and the folder cycle check finds cycles and reports none today.
import { readdirSync, readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { parseDependencyTree, type DependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderOf } from '../../scripts/folder-cycles';

const fixture = readFileSync(new URL('../fixtures/lint/storage-imports-s3.ts', import.meta.url), 'utf8');
const eslint = new ESLint();

/** The no-restricted-imports messages lint gives `text` placed at `filePath`. */
async function layerErrors(text: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('refuses storage/ importing s3/ (the fixture)', async () => {
    const errors = await layerErrors(fixture, 'src-main/core/storage/fixture.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('never import s3/ or api/');
  });

  it.each(['storage', 'notifications', 'delivery', 'inbox', 'remote', 'backfill', 'settings'])('refuses %s/ importing s3/ or api/', async (folder) => {
    const text = "import { a } from '../s3/xml';\nimport { b } from '../api/events';\nexport const c = [a, b];\n";
    expect(await layerErrors(text, `src-main/core/${folder}/fixture.ts`)).toHaveLength(2);
  });

  it.each([['delivery', 'notifications/hooks-repo'], ['notifications', 'delivery/store']])('refuses %s/ importing %s', async (folder, target) => {
    const text = `import { a } from '../${target}';\nexport const c = a;\n`;
    expect(await layerErrors(text, `src-main/core/${folder}/fixture.ts`)).toEqual([expect.stringContaining('hook-directory.ts')]);
  });

  it('leaves the SQL of the hooks table to notifications/ (and its migrations)', () => {
    const sql = /\b(FROM|INTO|UPDATE|JOIN|ON)\s+hooks\b/;
    const offenders = readdirSync('src-main/core', { recursive: true, encoding: 'utf8' })
      .map((file) => `src-main/core/${file}`).filter((file) => file.endsWith('.ts'))
      .filter((file) => !file.startsWith('src-main/core/notifications/') && !file.startsWith('src-main/core/db/migrations/'))
      .filter((file) => sql.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
    expect(sql.test(readFileSync('src-main/core/notifications/hooks-repo.ts', 'utf8'))).toBe(true);
  });

  it.each(['s3/ops', 'api'])('allows %s/ to import storage/ and s3/', async (folder) => {
    const text = "import { a } from '../storage/buckets';\nimport { b } from '../s3/xml';\nexport const c = [a, b];\n";
    expect(await layerErrors(text, `src-main/core/${folder}/fixture.ts`)).toEqual([]);
  });
});

describe('shared code, preload and kernel', () => {
  it.each([
    ['src-shared/fixture.ts', "import { readFileSync } from 'node:fs';", 1],
    ['src-shared/fixture.ts', "import { createHash } from 'crypto';", 1],
    ['src-shared/fixture.ts', "import { ipcRenderer } from 'electron';", 1],
    ['src-shared/fixture.ts', "import { createCore } from '../src-main/core/create-core';", 1],
    ['src-shared/fixture.ts', "import { HOOK_ID_RULE } from './rules';", 0],
    ['src-main/core/api/fixture.ts', "import { bridge } from '../../../src-preload/index';", 1],
    ['src-renderer/src/fixture.ts', "import { bridge } from '../../src-preload/index';", 1],
    ['test/api/fixture.ts', "import { bridge } from '../../src-preload/index';", 1],
    ['src-preload/fixture.ts', "import { createCore } from '../src-main/core/create-core';", 1],
    ['src-preload/fixture.ts', "import { isApiMethod } from '../src-shared/contract';", 0],
    ['src-main/core/kernel/fixture.ts', "import { openDb } from '../db/open';", 1],
    ['src-main/core/kernel/fixture.ts', "import { createDelivery } from '../delivery/create-delivery';", 1],
    ['src-main/core/model/fixture.ts', "import { parseConfig } from '../notifications/parse-config';", 1],
    ['src-main/core/model/fixture.ts', "import { systemClock } from '../kernel/clock';", 0],
  ])('%s: %s gives %i layer error(s)', async (filePath, line, count) => {
    expect(await layerErrors(`${line}\nexport const used = [${/\{ (\w+) \}/.exec(line)?.[1]}];\n`, filePath)).toHaveLength(count);
  });
});

describe('start-up rules', () => {
  it.each([
    ['src-main/shell/desktop-core.ts', "import { loadOrCreateCredentials } from '../cli/credentials';", 1],
    ['src-main/launch/launch-core.ts', "import { startHeadless } from '../cli/headless';", 1],
    ['src-main/cli/headless.ts', "import { startDesktopCore } from '../shell/desktop-core';", 1],
    ['src-main/cli/headless.ts', "import { app } from 'electron';", 1],
    ['src-main/shell/desktop-core.ts', "import { launchCore } from '../launch/launch-core';", 0],
    ['src-main/cli/headless.ts', "import { launchCore } from '../launch/launch-core';", 0],
    ['src-main/devkit/start-bucket-hooks.ts', "import { startHeadless } from '../cli/headless';", 1],
    ['src-main/devkit/start-bucket-hooks.ts', "import { app } from 'electron';", 1],
    ['src-main/devkit/start-bucket-hooks.ts', "import { launchCore } from '../launch/launch-core';", 0],
  ])('%s: %s gives %i layer error(s)', async (filePath, line, count) => {
    expect(await layerErrors(`${line}\nexport const used = [${/\{ (\w+) \}/.exec(line)?.[1]}];\n`, filePath)).toHaveLength(count);
  });
});

describe('.vue files', () => {
  const component = (script: string, template: string) =>
    `<script setup lang="ts">\n${script}\n</script>\n\n<template>\n  ${template}\n</template>\n`;
  const rulesBroken = async (text: string) => {
    const [result] = await eslint.lintText(text, { filePath: 'src-renderer/src/components/LintFixture.vue' });
    return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId);
  };

  it('passes a clean component', async () => {
    expect(await rulesBroken(component("const items: string[] = ['a'];", '<ul><li v-for="i in items" :key="i">{{ i }}</li></ul>'))).toEqual([]);
  });

  it.each([
    ['a v-for without :key', "const items: string[] = ['a'];", '<ul><li v-for="i in items">{{ i }}</li></ul>', 'vue/require-v-for-key'],
    ['console in a component', "console.log('x');", '<p>x</p>', 'no-console'],
    ['an any in a component', 'const x: any = 1;\nexport { x };', '<p>{{ x }}</p>', '@typescript-eslint/no-explicit-any'],
    ['a main-process import', "import { createCore } from '../../../src-main/core/create-core';\nconst c = createCore;", '<p>{{ c }}</p>', 'no-restricted-imports'],
  ])('refuses %s', async (_name, script, template, rule) => {
    expect(await rulesBroken(component(script, template))).toContain(rule);
  });
});

describe('folder cycle check', () => {
  const dep = (issuer: string, id: string) => ({ issuer, request: id, kind: 'StaticImport' as never, id });

  it.each([
    ['src-main/core/storage/buckets.ts', 'src-main/core/storage'],
    ['src-main/core/s3/ops/get-object.ts', 'src-main/core/s3'],
    ['src-main/core/kernel/clock.ts', 'src-main/core/kernel'],
    ['src-main/core/create-core.ts', 'src-main/core/create-core.ts'],
    ['src-main/shell/ipc-api.ts', 'src-main/shell'],
    ['src-main/cli.ts', 'src-main/cli.ts'],
  ])('%s belongs to %s', (file, folder) => {
    expect(folderOf(file)).toBe(folder);
  });

  it('finds a cycle between folders that no two files form', () => {
    const tree: DependencyTree = {
      'src-main/core/storage/buckets.ts': [dep('src-main/core/storage/buckets.ts', 'src-main/core/s3/s3-error.ts')],
      'src-main/core/s3/s3-error.ts': [],
      'src-main/core/s3/ops/buckets.ts': [dep('src-main/core/s3/ops/buckets.ts', 'src-main/core/storage/types.ts')],
      'src-main/core/storage/types.ts': [],
    };
    expect(folderCycles(tree)).toEqual([['src-main/core/storage', 'src-main/core/s3']]);
  });

  it('reports no cycle between the folders of src-main and src-preload', async () => {
    const tree = await parseDependencyTree(['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-preload/**/*.ts'], { transform: false });
    expect(Object.keys(tree).length).toBeGreaterThan(100);
    expect(folderCycles(tree)).toEqual([]);
  });
});
