// Browser POST form uploads (SigV4 or V2 POST policy) through fetch + FormData: the file part streams to the
// PostObject operation with the form fields as headers; policy signature, expiry and conditions enforced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { deriveKey, KEYS, startProtocolServer } from './s3-protocol-helpers';

let server: Awaited<ReturnType<typeof startProtocolServer>>;
beforeAll(async () => { server = await startProtocolServer(); });
afterAll(async () => { await server.close(); });

const DATE = new Date().toISOString().slice(0, 10).replace(/-/g, '');
const CREDENTIAL = `${KEYS.accessKey}/${DATE}/ru-msk/s3/aws4_request`;

interface FormOptions { expiresInMs?: number; secret?: string; conditions?: unknown[]; fields?: Record<string, string>; file?: string }

function form(opts: FormOptions = {}): FormData {
  const fields: Record<string, string> = {
    key: 'uploads/${filename}', 'Content-Type': 'text/plain', 'x-amz-meta-tag': 'v', success_action_status: '201',
    'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': CREDENTIAL, 'x-amz-date': `${DATE}T000000Z`, ...opts.fields,
  };
  const conditions = opts.conditions ?? [
    { bucket: 'b' }, ['starts-with', '$key', 'uploads/'], ['starts-with', '$Content-Type', 'text/'], { 'x-amz-meta-tag': 'v' },
    { success_action_status: '201' }, { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' }, { 'x-amz-credential': CREDENTIAL },
    { 'x-amz-date': `${DATE}T000000Z` }, ['content-length-range', 1, 100],
  ];
  const policy = Buffer.from(JSON.stringify({
    expiration: new Date(Date.now() + (opts.expiresInMs ?? 60_000)).toISOString(), conditions,
  })).toString('base64');
  const signature = createHmac('sha256', deriveKey(opts.secret ?? KEYS.secretKey, DATE, 'ru-msk')).update(policy).digest('hex');
  const data = new FormData();
  for (const [k, v] of Object.entries({ ...fields, Policy: policy, 'X-Amz-Signature': signature })) data.append(k, v);
  data.append('file', new Blob([opts.file ?? 'hello from a form']), 'hello.txt');
  data.append('after-file', 'ignored');
  return data;
}

const post = (data: FormData) => fetch(`${server.endpoint}/b`, { method: 'POST', body: data });

interface V2Options { policy?: Record<string, unknown>; conditions?: unknown[]; signature?: string | null; file?: string; fileParts?: boolean }

/** A form signed the V2 way (AWSAccessKeyId + base64 HMAC-SHA1 of the policy), field names in mixed case. */
function formV2(opts: V2Options = {}): FormData {
  const policy = Buffer.from(JSON.stringify(opts.policy ?? {
    expiration: new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    conditions: opts.conditions ?? [{ bUcKeT: 'b' }, ['StArTs-WiTh', '$KeY', 'v2/'], { acl: 'private' },
      ['starts-with', '$Content-Type', 'text/'], ['content-length-range', 0, 1024]],
  })).toString('base64');
  const data = new FormData();
  const fields: Record<string, string> = { kEy: 'v2/${filename}', AWSAccessKeyId: KEYS.accessKey, aCl: 'private', pOLICy: policy, 'Content-Type': 'text/plain' };
  const signature = opts.signature === undefined ? createHmac('sha1', KEYS.secretKey).update(policy).digest('base64') : opts.signature;
  if (signature !== null) fields.signature = signature;
  // python-requests sends each field as a part with a filename; only the part named `file` is the file.
  for (const [k, v] of Object.entries(fields)) {
    if (opts.fileParts) data.append(k, new Blob([v]), k); else data.append(k, v);
  }
  data.append('file', new Blob([opts.file ?? 'bar']), 'v2.txt');
  return data;
}

describe('POST form upload', () => {
  it('streams the file to PostObject with the key substituted and fields as headers', async () => {
    const res = await post(form());
    expect(res.status).toBe(204);
    expect(res.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    const stored = server.objects.get('b/uploads/hello.txt');
    expect(stored?.body.toString()).toBe('hello from a form');
    expect(stored?.headers).toMatchObject({ 'content-type': 'text/plain', 'x-amz-meta-tag': 'v', success_action_status: '201' });
    expect(stored?.headers.policy).toBeUndefined();
    expect(stored?.headers['after-file']).toBeUndefined();
    expect(server.calls).toContain('PostObject b/uploads/hello.txt');
  });

  it.each([
    ['a wrong signature', { secret: 'wrong' }, 403, 'SignatureDoesNotMatch'],
    ['an expired policy', { expiresInMs: -1000 }, 403, 'AccessDenied'],
    ['a failed condition', { fields: { key: 'elsewhere/${filename}' } }, 403, 'AccessDenied'],
    ['an extra field', { fields: { 'x-amz-meta-sneaky': '1' } }, 403, 'AccessDenied'],
    ['a file over the length range', { file: 'x'.repeat(101) }, 400, 'EntityTooLarge'],
    ['an unknown access key', { fields: { 'x-amz-credential': `AKIAOTHER/${DATE}/ru-msk/s3/aws4_request` } }, 403, 'InvalidAccessKeyId'],
  ])('rejects %s without committing', async (_name, opts: FormOptions, status, code) => {
    const before = server.objects.size;
    const res = await post(form(opts));
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(`<Code>${code}</Code>`);
    expect(server.objects.size).toBe(before);
  });

  it('survives a client abort in the middle of the file part', async () => {
    const encoded = new Response(form({ file: 'y'.repeat(100), fields: { key: 'uploads/abort-${filename}' } }));
    const contentType = encoded.headers.get('content-type') ?? '';
    const wire = Buffer.from(await encoded.arrayBuffer());
    const cut = wire.indexOf('yyyy') + 10;
    const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/b',
      headers: { 'content-type': contentType, 'content-length': String(wire.length) }, agent: false });
    req.on('error', () => undefined);
    req.write(wire.subarray(0, cut));
    const op = 'PostObject b/uploads/abort-hello.txt';
    await new Promise<void>((resolve) => { const t = setInterval(() => { if (server.calls.includes(op)) { clearInterval(t); resolve(); } }, 5); });
    req.destroy();
    await new Promise<void>((resolve) => { const t = setInterval(() => { if (server.settled.includes(op)) { clearInterval(t); resolve(); } }, 5); });
    expect(server.objects.has('b/uploads/abort-hello.txt')).toBe(false);
    expect((await post(form())).status).toBe(204);
  });

  it.each([false, true])('accepts a V2-signed policy with field and condition names in any case (fields as file parts: %s)', async (fileParts) => {
    server.objects.delete('b/v2/v2.txt');
    const res = await post(formV2({ fileParts }));
    expect(res.status).toBe(204);
    expect(server.objects.get('b/v2/v2.txt')?.body.toString()).toBe('bar');
    expect(server.objects.get('b/v2/v2.txt')?.headers).toMatchObject({ 'content-type': 'text/plain', acl: 'private' });
    expect(server.objects.get('b/v2/v2.txt')?.headers.signature).toBeUndefined();
  });

  it.each([
    ['a wrong V2 signature', { signature: 'AAAA' }, 403, 'SignatureDoesNotMatch'],
    ['no Signature field', { signature: null }, 400, 'InvalidArgument'],
    ['an expiration that is not ISO 8601', { policy: { expiration: '2099-01-01 00:00:00+00:00', conditions: [{ bucket: 'b' }] } }, 400, 'InvalidPolicyDocument'],
    ['no condition on the bucket', { conditions: [['starts-with', '$key', 'v2/'], { acl: 'private' }, ['starts-with', '$Content-Type', '']] }, 403, 'AccessDenied'],
    ['a content-length-range with one bound', { conditions: [{ bucket: 'b' }, ['content-length-range', 0]] }, 400, 'InvalidPolicyDocument'],
    ['a negative content-length-range', { conditions: [{ bucket: 'b' }, ['content-length-range', -1, 0]] }, 400, 'InvalidPolicyDocument'],
    ['an empty condition', { conditions: [{}] }, 400, 'InvalidPolicyDocument'],
    ['"CONDITIONS" instead of "conditions"', { policy: { expiration: '2099-01-01T00:00:00Z', CONDITIONS: [] } }, 400, 'InvalidPolicyDocument'],
    ['a file under the length range', { conditions: [{ bucket: 'b' }, ['starts-with', '$key', ''], { acl: 'private' },
      ['starts-with', '$Content-Type', ''], ['content-length-range', 512, 1000]] }, 400, 'EntityTooSmall'],
  ])('rejects %s (V2) without committing', async (_name, opts: V2Options, status, code) => {
    const before = server.objects.size;
    const res = await post(formV2(opts));
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(`<Code>${code}</Code>`);
    expect(server.objects.size).toBe(before);
  });

  it('rejects a form without a policy', async () => {
    const data = new FormData();
    data.append('key', 'k');
    data.append('file', new Blob(['x']), 'x');
    const res = await post(data);
    expect(res.status).toBe(403);
  });
});
