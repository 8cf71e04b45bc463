// Properties of the app API's input validation, through the one dispatcher both transports use, on a real core:
// whatever the renderer (or anything holding the token) sends to any method, the answer is a result or an
// AppError with its own code, never InternalError. Inputs mix plausible values per field with hostile ones
// (lone surrogates, NaN, huge numbers, nested objects, reserved names) as IPC's structured clone can carry them.
// And a hook the API accepts survives its own XML: export → import gives the same hook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { API_METHODS } from '../../src-shared/contract';
import { createApiDispatcher } from '../../src-main/core/api/dispatch';
import { createLogger } from '../../src-main/core/kernel/logger';
import { startTestCore, type TestCore } from '../helpers/core';
import { hostileText, RUNS } from './arbitraries';

let core: TestCore;
const logged: string[] = [];

beforeAll(async () => {
  core = await startTestCore();
  await core.api['buckets.create']({ name: 'prop-bucket' });
  await core.api['hooks.upsert']({ bucket: 'prop-bucket', hook: { id: 'h1', events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:1/h' } });
});
afterAll(async () => { await core?.stop(); });

const junk: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' },
    hostileText(20), fc.constantFrom('\uD800', 'a\uDFFFb', '', ' ', '__proto__', 'constructor', 'prop-bucket', 'h1'),
    fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 53, 1e308, -1),
    fc.boolean(), fc.constant(null), fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(hostileText(6), tie('value'), { maxKeys: 3 })),
})).value;

/** Plausible values per field name, so that validation passes often enough to reach the services behind it. */
const plausible: Record<string, fc.Arbitrary<unknown>> = {
  bucket: fc.constantFrom('prop-bucket', 'missing-bucket', 'Bad_Name'), name: fc.constantFrom('prop-bucket', 'new-bucket', 'inbox-a', 'x'),
  key: hostileText(30), keys: fc.array(hostileText(20), { minLength: 1, maxLength: 3 }), prefix: hostileText(10), search: hostileText(10),
  cursor: hostileText(20), limit: fc.integer({ min: -5, max: 2000 }), id: fc.oneof(fc.constantFrom('h1'), fc.integer({ min: 0, max: 5 })),
  ids: fc.array(fc.constantFrom('h1', 'nope'), { maxLength: 2 }), state: fc.constantFrom('active', 'paused', 'disabled'),
  xml: fc.constantFrom('', '<NotificationConfiguration/>', '<x', '<NotificationConfiguration><SimpleTopicConfiguration><Event>s3:ObjectCreated:*</Event><Url>http://127.0.0.1:1/a</Url></SimpleTopicConfiguration></NotificationConfiguration>'),
  hook: fc.record({ id: fc.constantFrom('h2', 'bad id', ''), events: fc.constantFrom(['s3:ObjectCreated:*'], ['nope'], []),
    url: fc.oneof(fc.constantFrom('http://127.0.0.1:1/x', 'ftp://x'), hostileText(20)), prefix: hostileText(8), suffix: hostileText(8),
    secret: fc.oneof(fc.constant('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), hostileText(10)), retrySchedule: fc.array(fc.integer({ min: -1, max: 1e9 }), { maxLength: 3 }) },
  { requiredKeys: [] }),
  filter: fc.record({ bucket: fc.constantFrom('prop-bucket'), hookId: fc.constantFrom('h1'), status: fc.constantFrom('pending', 'failed', 'x'),
    keyPrefix: hostileText(5), since: fc.integer(), until: fc.integer() }, { requiredKeys: [] }),
  jobId: hostileText(10), size: fc.oneof(fc.integer({ min: 0, max: 40 * 1024 * 1024 }), fc.constantFrom(-1, 5 * 1024 ** 4 + 1)),
  contentType: hostileText(10), uploadId: hostileText(10), versionId: hostileText(10), download: fc.boolean(),
  parts: fc.array(fc.record({ partNumber: fc.integer({ min: 0, max: 3 }), etag: hostileText(8) }), { maxLength: 2 }),
  method: fc.constantFrom('GET', 'PUT', 'DELETE'), expiresIn: fc.integer({ min: -1, max: 700_000 }),
  status: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 700 })), delayMs: fc.integer({ min: -1, max: 200_000 }),
  confirmMode: fc.constantFrom('strict', 'record', 'off', 'loud'), retrySchedule: fc.array(fc.integer({ min: -1, max: 1e9 }), { maxLength: 3 }),
  replaceId: fc.constantFrom('h1', 'zz'),
};
const input = fc.oneof(
  { weight: 4, arbitrary: fc.record(Object.fromEntries(Object.entries(plausible).map(([k, arb]) => [k, fc.oneof({ weight: 3, arbitrary: arb }, junk)])),
    { requiredKeys: [] }) },
  junk,
);

describe('app API input validation', () => {
  it('answers every method and any input with a result or its own error code', async () => {
    const dispatch = createApiDispatcher(core.api, createLogger('error', (line) => logged.push(line)));
    await fc.assert(fc.asyncProperty(fc.constantFrom(...API_METHODS), input, async (method, value) => {
      const answer = await dispatch(method, value);
      if (!answer.ok) expect(answer.error.code, `${method} ${logged.at(-1) ?? ''}`).not.toBe('InternalError');
    }), { numRuns: RUNS * 3 });
  });

  it('imports an exported hook as the same hook', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 30 });
    const hook = fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/), events: fc.subarray(['s3:ObjectCreated:*', 's3:ObjectCreated:Put', 's3:ObjectRemoved:Delete'], { minLength: 1 }),
      url: text.map((t) => `http://127.0.0.1:1/${encodeURIComponent(t)}`), prefix: text, suffix: text,
    });
    let n = 0;
    await fc.assert(fc.asyncProperty(hook, async (h) => {
      const [from, to] = [`rt-from-${++n}`, `rt-to-${n}`];
      await core.api['buckets.create']({ name: from });
      await core.api['buckets.create']({ name: to });
      const accepted = await core.api['hooks.upsert']({ bucket: from, hook: h }).then(() => true, () => false);
      if (!accepted) return;
      const { xml } = await core.api['hooks.exportXml']({ bucket: from });
      const imported = await core.api['hooks.importXml']({ bucket: to, xml });
      const shape = (v: { id: string; url: string; events: string[]; prefix: string; suffix: string }) =>
        ({ id: v.id, url: v.url, events: v.events, prefix: v.prefix, suffix: v.suffix });
      expect(imported.map(shape)).toEqual((await core.api['hooks.list']({ bucket: from })).map(shape));
    }), { numRuns: Math.ceil(RUNS / 3) });
  });

  it.each([
    ['objects.presign', { bucket: 'prop-bucket', key: 'photo\uD800.jpg', download: true }, 'key: must be valid Unicode text'],
    ['objects.delete', { bucket: 'prop-bucket', keys: ['\uDC00'] }, 'keys[0]: must be valid Unicode text'],
    ['hooks.upsert', { bucket: 'prop-bucket', hook: { id: 'c', events: ['s3:ObjectCreated:*'], url: 'http://127.0.0.1:1/c', prefix: 'a\u0001' } },
      'prefix: must not contain control characters (it is kept in the notification XML)'],
    ['buckets.create', { name: 'ab' }, 'name: must be at least 3 characters'],
  ])('refuses what the properties found: %s %j', async (method, value, message) => {
    const dispatch = createApiDispatcher(core.api, createLogger('error', (line) => logged.push(line)));
    expect(await dispatch(method, value)).toEqual({ ok: false, error: { code: 'InvalidInput', message } });
  });
});
