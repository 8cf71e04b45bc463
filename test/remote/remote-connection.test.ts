// "Test connection" against real remotes: a second core (ok), wrong keys (auth), a self-signed HTTPS remote (TLS
// error with verify on, works with verify off), a closed port (refused), a silent host (timeout), a web page (not
// S3). Each failure is one readable outcome. Profiles are saved to a real remotes.json with the headless store.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../src-shared/contract';
import { createRemotes, type Remotes } from '../../src-main/core/remote/create-remotes';
import { ownerOnlyFileSecrets } from '../../src-main/core/kernel/secret-store';
import { silentLogger } from '../../src-main/core/kernel/logger';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { closedEndpoint, startNotS3, startSlowHost, startTlsProxy, type Target } from '../helpers/remote-targets';
import { tempDir } from '../helpers/temp-dir';

let remote: TestCore;
let dir: string;
let remotes: Remotes;
const targets: Target[] = [];
beforeAll(async () => {
  remote = await startTestCore();
  dir = tempDir('bh-remotes-');
  remotes = createRemotes({ dataDir: dir, secrets: ownerOnlyFileSecrets, logger: silentLogger });
});
afterAll(async () => {
  remotes?.close();
  await Promise.all(targets.map((t) => t.close()));
  await remote?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const form = (over: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'second', endpoint: remote.endpoint, region: 'ru-msk', accessKey: TEST_KEYS.accessKey,
  secretKey: TEST_KEYS.secretKey, pathStyle: true, verifyTls: true, ...over,
});
const started = async (t: Promise<Target>) => { const target = await t; targets.push(target); return target.endpoint; };

describe('Test connection', () => {
  it('lists the buckets of a reachable S3 service', async () => {
    await remote.api['buckets.create']({ name: 'one' });
    expect(await remotes.test(form())).toEqual({ ok: true, bucketCount: 1, message: expect.stringContaining('1 bucket') });
  });

  it.each([
    ['a wrong secret key', { secretKey: 'wrong-secret' }, 'SignatureDoesNotMatch'],
    ['an unknown access key', { accessKey: 'AKIAUNKNOWN' }, 'InvalidAccessKeyId'],
  ])('reports %s as an auth error with the service code', async (_what, over, code) => {
    const outcome = await remotes.test(form(over));
    expect(outcome).toMatchObject({ ok: false, kind: 'auth', code });
  });

  it('refuses a self-signed certificate while Verify TLS is on, and works with it off', async () => {
    const endpoint = await started(startTlsProxy(remote.endpoint));
    const verified = await remotes.test(form({ endpoint }));
    expect(verified).toMatchObject({ ok: false, kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(verified.ok ? '' : verified.message).toMatch(/^TLS error with 127\.0\.0\.1:\d+: self[- ]signed certificate/);
    expect(await remotes.test(form({ endpoint, verifyTls: false }))).toMatchObject({ ok: true, bucketCount: 1 });
  });

  it('reports a closed port as refused', async () => {
    const outcome = await remotes.test(form({ endpoint: await closedEndpoint() }));
    expect(outcome).toMatchObject({ ok: false, kind: 'refused', code: 'ECONNREFUSED', message: expect.stringMatching(/^Connection refused by 127\.0\.0\.1:\d+/) });
  });

  it('reports a host that never answers as a timeout', async () => {
    const outcome = await remotes.test(form({ endpoint: await started(startSlowHost()) }));
    expect(outcome).toMatchObject({ ok: false, kind: 'timeout', code: 'Timeout', message: expect.stringContaining('No answer from 127.0.0.1') });
  });

  it('reports a web page as not S3', async () => {
    const outcome = await remotes.test(form({ endpoint: await started(startNotS3()) }));
    expect(outcome).toMatchObject({ ok: false, kind: 'not-s3', code: 'NotS3',
      message: expect.stringMatching(/^127\.0\.0\.1:\d+ is not an S3 service: HTTP 200 \(text\/html\) is not a ListAllMyBucketsResult$/) });
  });

  it('reports an unknown host name as a DNS failure', async () => {
    const outcome = await remotes.test(form({ endpoint: 'http://no-such-host.invalid' }));
    expect(outcome).toMatchObject({ ok: false, kind: 'dns', message: 'Host not found: no-such-host.invalid (DNS lookup failed)' });
  });
});

describe('saved profiles', () => {
  it('keeps the secret out of every answer and tests a saved profile by name', async () => {
    const view = remotes.save(form());
    expect(view).toEqual({ name: 'second', endpoint: remote.endpoint, region: 'ru-msk', accessKey: TEST_KEYS.accessKey,
      pathStyle: true, verifyTls: true, builtIn: false, hasSecret: true });
    expect(JSON.stringify(remotes.list())).not.toContain(TEST_KEYS.secretKey);
    expect(await remotes.test('second')).toMatchObject({ ok: true });
  });

  it('keeps the saved secret when an edit leaves it out, and renames', async () => {
    remotes.save(form({ name: 'renamed', originalName: 'second', secretKey: undefined, region: 'kz-ast' }));
    expect(remotes.list().map((p) => [p.name, p.region])).toEqual([['renamed', 'kz-ast']]);
    expect(await remotes.test('renamed')).toMatchObject({ ok: true });
  });

  it('refuses bad fields, duplicates and the built-in name, and saves nothing', async () => {
    const before = readFileSync(join(dir, 'remotes.json'), 'utf8');
    expect(() => remotes.save(form({ name: 'local' }))).toThrow(/built-in/);
    expect(() => remotes.save(form({ name: 'renamed' }))).toThrow(/already exists/);
    expect(() => remotes.save(form({ name: 'x', endpoint: 'ftp://h' }))).toThrow(/endpoint: must start with http/);
    expect(() => remotes.save(form({ name: 'x', secretKey: undefined }))).toThrow(/secretKey: required/);
    expect(() => remotes.save(form({ name: 'bad name' }))).toThrow(/name: use 1–64/);
    expect(readFileSync(join(dir, 'remotes.json'), 'utf8')).toBe(before);
  });

  it('removes a profile; an unknown one is a readable error', () => {
    remotes.remove('renamed');
    expect(remotes.list()).toEqual([]);
    expect(() => remotes.remove('renamed')).toThrow('No connection profile named "renamed"');
  });
});
