// The headless server and CLI as a user runs them: real child processes, real S3 client, real files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { spawnServe, type ServeProcess } from '../helpers/serve-process';
import { s3ClientFor } from '../helpers/core';
import { tempDir } from '../helpers/temp-dir';
import { runCli } from '../helpers/cli-process';

const cli = (args: string[]) => runCli(args);

const vkXml = (url: string) => `<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><SimpleTopicConfiguration>
<Id>cli-hook</Id><Event>s3:ObjectCreated:Put</Event><Url>${url}</Url></SimpleTopicConfiguration></NotificationConfiguration>`;

describe('buckethooks CLI', () => {
  let dir: string;
  let server: ServeProcess;

  beforeAll(async () => {
    dir = tempDir('bh-cli-');
    server = await spawnServe(['--port', '0', '--data-dir', dir, '--confirm', 'off']);
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one parseable line per listener and the generated keys, kept for the next start', () => {
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.uiUrl ?? '').toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_ui\/\?token=[\w-]{20,}$/);
    // The UI and app API never share the S3 endpoint's origin (an uploaded page must not run as the app).
    expect(server.appEndpoint).not.toBe(server.endpoint);
    const stored = JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8'));
    expect(server.lines).toContain(`Access key: ${stored.accessKey}`);
  });

  it('imports, exports and reports through the running server', async () => {
    const stored = JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8'));
    const s3 = s3ClientFor(server.endpoint, stored);
    await s3.send(new CreateBucketCommand({ Bucket: 'cli-bucket' }));
    const file = join(dir, 'hooks.xml');
    writeFileSync(file, vkXml(`${server.endpoint}/_inbox/cli`));
    const imported = await cli(['import-config', 'cli-bucket', file, '--data-dir', dir]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const exported = await cli(['export-config', 'cli-bucket', '--data-dir', dir]);
    expect(exported.stdout).toContain('<SimpleTopicConfiguration>');
    expect(exported.stdout).toContain('<Id>cli-hook</Id>');
    const status = await cli(['status', '--data-dir', dir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(server.endpoint);
    expect(status.stdout).toContain(`UI: ${server.uiUrl}`);
    expect(status.stdout).toContain(`secretKey: ${stored.secretKey.slice(0, 4)}… (hidden; --show-secret prints it)`);
    expect(status.stdout).not.toContain(stored.secretKey);
    expect((await cli(['status', '--show-secret', '--data-dir', dir])).stdout).toContain(`secretKey: ${stored.secretKey}`);
    expect((await cli(['env', '--data-dir', dir])).stdout.split('\n')).toEqual(expect.arrayContaining([
      `export AWS_ACCESS_KEY_ID='${stored.accessKey}'`, `export AWS_SECRET_ACCESS_KEY='${stored.secretKey}'`,
      `export AWS_ENDPOINT_URL='${server.endpoint}'`, "export AWS_DEFAULT_REGION='ru-msk'",
    ]));

    await s3.send(new PutObjectCommand({ Bucket: 'cli-bucket', Key: 'replayed.txt', Body: 'x' }));
    s3.destroy();
    const skipped = await cli(['replay', '--hook', 'cli-hook', '--data-dir', dir]);
    expect(skipped.stdout).toContain('Replayed 0 of 0');
    const replayed = await cli(['replay', '--hook', 'cli-hook', '--since', '2020-01-01T00:00:00Z', '--include-delivered', '--data-dir', dir]);
    expect(replayed.stderr).toBe('');
    expect(replayed.stdout).toContain('Replayed 1 of 1: 1 delivered, 0 failed');
    const none = await cli(['replay', '--hook', 'no-such-hook', '--data-dir', dir]);
    expect(none.stdout).toContain('Replayed 0 of 0');
  });

  it('exports retry policies (and secrets when asked) that import-config brings back', async () => {
    const stored = JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8'));
    const s3 = s3ClientFor(server.endpoint, stored);
    await s3.send(new CreateBucketCommand({ Bucket: 'cli-copy' }));
    s3.destroy();
    const token = readFileSync(join(dir, 'ui-token'), 'utf8').trim();
    const api = (method: string, input: unknown) => fetch(`${server.appEndpoint}/_api/${method}`, {
      method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(input),
    }).then((r) => r.json());
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    await api('hooks.upsert', { bucket: 'cli-bucket', hook: { id: 'cli-hook', events: ['s3:ObjectCreated:Put'], url: `${server.endpoint}/_inbox/cli`, retrySchedule: [1000, 2000], secret }, replaceId: 'cli-hook' });
    const file = join(dir, 'with-secrets.xml');
    writeFileSync(file, 'older, world-readable', { mode: 0o644 });
    chmodSync(file, 0o644);
    expect((await cli(['export-config', 'cli-bucket', '--include-secrets', '--out', file, '--data-dir', dir])).code).toBe(0);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(readFileSync(file, 'utf8')).toContain(`<?buckethooks-hook id="cli-hook" retry-schedule-ms="1000 2000" secret="${secret}"?>`);
    expect((await cli(['export-config', 'cli-bucket', '--data-dir', dir])).stdout).not.toContain(secret);
    const imported = await cli(['import-config', 'cli-copy', file, '--data-dir', dir]);
    expect(imported.stdout).toContain(`Imported ${file} into cli-copy (1 hook)`);
    const copied = (await api('hooks.list', { bucket: 'cli-copy' })) as { result: { id: string; retrySchedule: number[]; hasSecret: boolean }[] };
    expect(copied.result.map((h) => [h.id, h.retrySchedule, h.hasSecret])).toEqual([['cli-hook', [1000, 2000], true]]);
  });

  it('rejects an invalid configuration file with the server\'s reason and exit code 2', async () => {
    const file = join(dir, 'bad.xml');
    writeFileSync(file, '<NotificationConfiguration><SimpleTopicConfiguration>');
    const result = await cli(['import-config', 'cli-bucket', file, '--data-dir', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('MalformedXML');
  });

  it.each(['serve', 'export-config', 'import-config', 'replay', 'status', 'env', 'remote', 'hooks'])('prints help for %s and exits 0', async (command) => {
    const result = await cli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage: buckethooks ${command} `));
    expect(result.stderr).toBe('');
  });

  it('prints the command list for --help and exits 0; an unknown command exits 2', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('import-config');
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('buckethooks: unknown command "frobnicate"');
  });

  it('says in one line that a file is missing, or that no server runs on a data dir', async () => {
    const missing = await cli(['import-config', 'cli-bucket', join(dir, 'nope.xml'), '--data-dir', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`buckethooks import-config: ${join(dir, 'nope.xml')}: no such file or directory\n`);
    const noServer = await cli(['status', '--data-dir', join(dir, 'nothing-here')]);
    expect(noServer.code).toBe(2);
    expect(noServer.stderr.trim().split('\n')).toHaveLength(1);
    expect(noServer.stderr).toContain('no running server found for data dir');
  });

  it('refuses bad flags in one line, without a stack trace', async () => {
    const result = await cli(['serve', '--port', 'nine', '--data-dir', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('buckethooks serve: --port must be 0..65535, got "nine"');
  });

  it('shuts down cleanly on SIGTERM and removes its server.json', async () => {
    const other = await spawnServe(['--port', '0', '--data-dir', join(dir, 'second')]);
    expect(existsSync(join(dir, 'second', 'server.json'))).toBe(true);
    expect(await other.stop('SIGTERM')).toBe(0);
    expect(existsSync(join(dir, 'second', 'server.json'))).toBe(false);
  });
});
