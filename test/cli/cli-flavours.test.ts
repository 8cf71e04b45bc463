// `buckethooks catalog`, `hooks set` and `hooks show` as real processes against a real server: the catalog prints a
// flavour's request and schema, `hooks set` changes flavour and auth (bad flags are usage errors), `hooks show`
// prints them with every secret masked.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HookView } from '../../src-shared/contract';
import { callServeApi, spawnServe, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
let dir: string;
let server: ServeProcess;

const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'src-main/cli.ts', ...args, '--data-dir', dir])
  .then((r) => ({ code: 0, out: r.stdout }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: `${e.stdout}${e.stderr}` }));
const api = <T>(method: string, input: unknown) => callServeApi<T>(dir, method, input);

beforeAll(async () => {
  dir = tempDir('bh-flavour-cli-');
  server = await spawnServe(['--port', '0', '--data-dir', dir, '--confirm', 'off']);
  await api('buckets.create', { name: 'photos' });
  await api('hooks.upsert', { bucket: 'photos', hook: { id: 'uploads', events: ['s3:ObjectCreated:*'], url: `${server.endpoint}/_inbox/cli` } });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('flavour and auth commands', () => {
  it('catalog prints a flavour\'s request for an event, and its schema', async () => {
    const b2 = await cli(['catalog', '--flavour', 'b2', '--event', 'Put']);
    expect(b2.code).toBe(0);
    expect(b2.out).toContain('## s3:ObjectCreated:Put');
    expect(b2.out).toMatch(/x-bz-event-notification-signature: v1=[0-9a-f]{64}/);
    expect(b2.out).toContain('"eventType": "b2:ObjectCreated:Upload"');
    const schema = await cli(['catalog', '--flavour', 'sns', '--event', 'Delete', '--schema']);
    expect(schema.out).toContain('"$schema": "https://json-schema.org/draft/2020-12/schema"');
    expect((await cli(['catalog', '--flavour', 'nope'])).out).toMatch(/flavour: must be one of/);
  });

  it('hooks set changes flavour and auth; hooks show masks every secret', async () => {
    const set = await cli(['hooks', 'set', 'photos', 'uploads', '--flavour', 'sns', '--header', 'X-Api-Key: k-123', '--bearer-token', 'tok-456']);
    expect(set.code).toBe(0);
    const [hook] = await api<HookView[]>('hooks.list', { bucket: 'photos' });
    expect(hook).toMatchObject({ flavour: 'sns', auth: { headers: ['X-Api-Key'], bearer: true, basicUser: null } });
    const show = await cli(['hooks', 'show', 'photos', 'uploads']);
    expect(show.out).toContain('flavour: sns');
    expect(show.out).toContain('headers: X-Api-Key: ••••••••');
    expect(show.out).toContain('bearer token: ••••••••');
    expect(show.out).not.toMatch(/k-123|tok-456/);
    const bad = await cli(['hooks', 'set', 'photos', 'uploads', '--basic-auth', 'no-colon']);
    expect(bad).toMatchObject({ code: 2, out: expect.stringContaining('--basic-auth must be USER:PASSWORD') });
    expect((await api<HookView[]>('hooks.list', { bucket: 'photos' }))[0].auth.bearer).toBe(true);
  });
});
