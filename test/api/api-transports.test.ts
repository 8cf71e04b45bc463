// One suite, every transport (as Hono runs one router suite over every router): the same calls over IPC (the
// shell's handler with the core's dispatcher) and over HTTP (the core's own listener), each against a real core,
// must give the same answers: results, refusals with their code, and unexpected failures hidden and logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../src-shared/contract';
import { createLogger } from '../../src-main/core/kernel/logger';
import { INTERNAL_ERROR } from '../../src-main/core/api/dispatch';
import { createIpcDispatcher, type InvokeEventLike } from '../../src-main/shell/ipc-api';
import { startTestCore, type TestCore } from '../helpers/core';

type Invoke = (method: string, input: unknown) => Promise<ApiResult<unknown>>;
interface LogLine { level: string; msg: string; method?: string; error?: string }

const trusted: InvokeEventLike = { sender: { id: 1 }, senderFrame: { url: 'app://bucket-hooks/index.html', parent: null } };

/** Each transport as the renderer reaches it, over a started core. */
const transports: Record<string, (core: TestCore, logger: ReturnType<typeof createLogger>) => Invoke> = {
  ipc: (core, logger) => {
    const handle = createIpcDispatcher({ api: core.api, isTrusted: () => true, logger });
    return (method, input) => handle(method, trusted, input);
  },
  http: (core) => async (method, input) => {
    const res = await fetch(`${core.endpoint}/_api/${method}`, {
      method: 'POST', body: input === undefined ? undefined : JSON.stringify(input),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${core.token}` },
    });
    return (await res.json()) as ApiResult<unknown>;
  },
};

describe.each(Object.keys(transports))('app API over %s', (name) => {
  let core: TestCore;
  let invoke: Invoke;
  const logged: LogLine[] = [];

  beforeAll(async () => {
    const logger = createLogger('error', (line) => logged.push(JSON.parse(line) as LogLine));
    core = await startTestCore({}, { logger });
    invoke = transports[name](core, logger.child('api'));
  });
  afterAll(async () => { await core?.stop(); });

  it('answers a call with its result', async () => {
    expect(await invoke('buckets.create', { name: 'photos' })).toMatchObject({ ok: true, result: { name: 'photos' } });
    const list = await invoke('buckets.list', {});
    expect(list.ok && (list.result as { name: string }[]).map((b) => b.name)).toEqual(['photos']);
  });

  it('treats a missing input as an empty object', async () => {
    expect(await invoke('server.status', undefined)).toMatchObject({ ok: true, result: { region: 'ru-msk' } });
  });

  it.each(['nope.list', 'constructor', '__proto__', 'hasOwnProperty'])('refuses the unknown method %s', async (method) => {
    expect(await invoke(method, {})).toMatchObject({ ok: false, error: { code: 'UnknownMethod' } });
  });

  it.each([[['x']], ['text'], [5]])('refuses the input %j that is not an object', async (input) => {
    expect(await invoke('buckets.list', input)).toEqual({ ok: false, error: { code: 'InvalidInput', message: 'input: must be an object' } });
  });

  it('refuses a bad field naming it', async () => {
    expect(await invoke('objects.list', { bucket: 42 }))
      .toEqual({ ok: false, error: { code: 'InvalidInput', message: 'bucket: must be a string' } });
  });

  it('answers a domain error with its code and message', async () => {
    expect(await invoke('hooks.list', { bucket: 'missing' }))
      .toEqual({ ok: false, error: { code: 'NoSuchBucket', message: 'The specified bucket does not exist' } });
    expect(await invoke('buckets.create', { name: 'Bad_Name' })).toMatchObject({ ok: false, error: { code: 'InvalidBucketName' } });
  });

  it('hides an unexpected failure behind InternalError, logs its stack, and keeps answering', async () => {
    core.db.exec('DROP TABLE inbox_captures');
    const answer = await invoke('inbox.captures', { name: 'demo' });
    expect(answer).toEqual({ ok: false, error: INTERNAL_ERROR });
    expect(JSON.stringify(answer)).not.toMatch(/inbox_captures|no such table|sqlite/i);
    const entry = logged.find((l) => l.msg === 'api call failed');
    expect(entry).toMatchObject({ level: 'error', method: 'inbox.captures' });
    expect(entry?.error).toMatch(/no such table: inbox_captures\n\s+at /);
    expect(await invoke('server.status', {})).toMatchObject({ ok: true });
  });
});
