// The README's "Headless usage" runs as written: the blocks marked <!-- readme-test:… --> are extracted and run in
// order in a folder laid out like a fresh clone (its package.json, bin, sources and node_modules), against the server
// its serve block starts on a free port: the printed lines match the documented ones, every command succeeds with
// real awscli and the real CLI, and the SDK snippet with forcePathStyle round-trips an object.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { s3ClientFor } from '../helpers/core';
import { tempDir } from '../helpers/temp-dir';

const ROOT = join(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CLONE_FILES = ['package.json', 'node_modules', 'bin', 'src-main', 'src-shared', 'src-preload', 'tsconfig.json', 'tsconfig.node.json'];

/** The marked blocks of a kind, in document order. */
function blocks(kind: string): string[] {
  return [...README.matchAll(/<!-- readme-test:(\w+) -->\n```\w*\n([\s\S]*?)```/g)].filter((m) => m[1] === kind).map((m) => m[2]);
}

/** The environment of a new terminal: no AWS_* or BUCKETHOOKS_* settings of the test runner. */
function terminalEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AWS_|BUCKETHOOKS_)/.test(k)));
}

/** Run `script` with bash in the clone; resolves stdout, rejects with everything on a non-zero exit. */
function bash(script: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `set -euo pipefail\n${script}`], { cwd, env: terminalEnv() });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}\n${out}\n${err}`))));
  });
}

let clone: string;
let server: ChildProcess;
let printed: string[] = [];

beforeAll(async () => {
  clone = tempDir('bh-readme-');
  for (const name of CLONE_FILES) symlinkSync(join(ROOT, name), join(clone, name));
  const [serve] = blocks('serve');
  const command = serve.replace(/#.*$/m, '').trim().replace('--port 9000', '--port 0');
  expect(command).toMatch(/--port 0 /);
  server = spawn('bash', ['-c', command], { cwd: clone, env: terminalEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: server.stdout! });
  printed = await new Promise<string[]>((resolve, reject) => {
    const seen: string[] = [];
    const timer = setTimeout(() => reject(new Error(`no Try: line\n${seen.join('\n')}`)), 90_000);
    server.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited ${code}\n${seen.join('\n')}`)); });
    lines.on('line', (line) => {
      seen.push(line);
      if (line.startsWith('Try: ')) { clearTimeout(timer); resolve(seen.slice(seen.findIndex((l) => l.startsWith('S3 endpoint: ')))); }
    });
  });
}, 120_000);

afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
  rmSync(clone, { recursive: true, force: true });
});

describe('README: Headless usage', () => {
  it('prints the lines the README shows', () => {
    const pattern = (line: string) => new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/…/g, '.+').replace(/9000/g, '\\d+')}$`);
    const expected = blocks('output')[0].trimEnd().split('\n');
    expect(printed).toHaveLength(expected.length);
    expected.forEach((line, i) => expect(printed[i]).toMatch(pattern(line)));
  });

  it('runs every command block as written', async () => {
    const out = await bash(blocks('run').join('\n'), clone);
    expect(out).toContain('make_bucket: photos');
    expect(out).toContain('Imported hooks.xml into photos');
    expect(out).toMatch(/Replayed 0 of 0: 0 delivered, 0 failed/);
    expect(out).toMatch(/^secretKey: .{4}… \(hidden; --show-secret prints it\)$/m);
    expect(readFileSync(join(clone, 'exported.xml'), 'utf8')).toContain('<Id>1</Id><Event>s3:ObjectCreated:*</Event>');
    const endpoint = printed[0].slice('S3 endpoint: '.length);
    const keys = JSON.parse(readFileSync(join(clone, '.buckethooks', 'credentials.json'), 'utf8'));
    const s3 = s3ClientFor(endpoint, keys);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'photos', Key: 'cat.txt' }))).ContentLength).toBe(5);
    s3.destroy();
    const token = readFileSync(join(clone, '.buckethooks', 'ui-token'), 'utf8').trim();
    await expect.poll(async () => {
      const res = await fetch(`${endpoint}/_api/inbox.captures`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{"name":"demo"}' });
      return JSON.stringify(await res.json());
    }, { timeout: 15_000 }).toContain('cat.txt');
  }, 300_000); // about a dozen CLI and awscli starts, each a new Node or Python process: bounded, not a speed check

  it('runs the @aws-sdk/client-s3 snippet with forcePathStyle', async () => {
    writeFileSync(join(clone, 'hello.mjs'), blocks('node')[0]);
    expect(await bash('eval "$(npx buckethooks env)"\nnode hello.mjs', clone)).toBe('hello\n');
  }, 120_000);
});
