// Properties of browser POST uploads (multipart form parser and policy check) on a real HTTP listener: a form
// built and signed the way a browser page does arrives with exactly its fields, key and file bytes, however the
// body is split; mutated forms, odd content types, arbitrary bytes and any signed policy document end in a result
// or an S3Error, never anything else.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readPostUpload } from '../../src-main/core/s3/protocol/post-object';
import { createSigningKeys } from '../../src-main/core/s3/auth/signing-key';
import { S3Error } from '../../src-main/core/s3/s3-error';
import { deriveKey, KEYS, send } from '../s3/s3-protocol-helpers';
import { RUNS } from './arbitraries';

const DATE = '20260101';
const NOW = Date.UTC(2026, 0, 1, 12);
const CREDENTIAL = `${KEYS.accessKey}/${DATE}/ru-msk/s3/aws4_request`;
const keys = createSigningKeys(KEYS);

let server: http.Server;
let port: number;

/** What the listener saw: the upload (fields as headers, key, file bytes) or the error it ended with. */
type Outcome = { ok: true; key: string; headers: Record<string, string>; body: string } | { ok: false; status: number; code: string };

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    let outcome: Outcome;
    try {
      const upload = await readPostUpload(req, 'b', { accessKey: KEYS.accessKey, secretKey: KEYS.secretKey, keys, now: NOW });
      const parts: Buffer[] = [];
      for await (const chunk of upload.body) parts.push(chunk as Buffer);
      outcome = { ok: true, key: upload.key, headers: upload.headers as Record<string, string>, body: Buffer.concat(parts).toString('base64') };
    } catch (err) {
      outcome = err instanceof S3Error ? { ok: false, status: 400, code: err.code } : { ok: false, status: 500, code: String((err as Error).stack) };
    }
    req.resume();
    res.writeHead(outcome.ok ? 200 : outcome.status, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify(outcome));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Form { boundary: string; fields: [string, string][]; filename: string; file: Buffer; cuts: number[] }

/** Sign a policy document with the endpoint's key, as a page's backend does. */
function signPolicy(doc: unknown): { policy: string; signature: string } {
  const policy = Buffer.from(JSON.stringify(doc)).toString('base64');
  return { policy, signature: createHmac('sha256', deriveKey(KEYS.secretKey, DATE, 'ru-msk')).update(policy).digest('hex') };
}

/** The multipart/form-data body a browser sends: the fields, the signed policy, then the file part. */
function encodeForm(form: Form): Buffer {
  const fields: [string, string][] = [['key', 'uploads/${filename}'], ['x-amz-algorithm', 'AWS4-HMAC-SHA256'],
    ['x-amz-credential', CREDENTIAL], ['x-amz-date', `${DATE}T000000Z`], ...form.fields];
  const { policy, signature } = signPolicy({
    expiration: new Date(NOW + 60_000).toISOString(),
    conditions: [{ bucket: 'b' }, ['starts-with', '$key', 'uploads/'], ...fields.filter(([n]) => n !== 'key').map(([n, v]) => ({ [n]: v }))],
  });
  const part = (headers: string, value: Buffer | string) => Buffer.concat([Buffer.from(`--${form.boundary}\r\n${headers}\r\n\r\n`), Buffer.from(value), Buffer.from('\r\n')]);
  return Buffer.concat([
    ...[...fields, ['policy', policy], ['x-amz-signature', signature]].map(([n, v]) => part(`Content-Disposition: form-data; name="${n}"`, v)),
    part(`Content-Disposition: form-data; name="file"; filename="${form.filename}"\r\nContent-Type: application/octet-stream`, form.file),
    Buffer.from(`--${form.boundary}--\r\n`),
  ]);
}

function pieces(buf: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * buf.length)))].sort((a, b) => a - b);
  let prev = 0;
  return [...at, buf.length].map((i) => { const p = buf.subarray(prev, i); prev = i; return p; });
}

async function post(body: Buffer[], contentType: string): Promise<{ status: number; outcome: Outcome }> {
  const res = await send(port, 'POST', '/b', { 'content-type': contentType, 'content-length': String(Buffer.concat(body).length) }, body);
  return { status: res.status, outcome: JSON.parse(res.body) as Outcome };
}

const form = fc.record({
  boundary: fc.stringMatching(/^[A-Za-z0-9'()+_,.-]{1,60}$/),
  // Field values as a page's text inputs hold them: any characters but controls (those are refused, see below).
  fields: fc.uniqueArray(fc.tuple(fc.stringMatching(/^x-amz-meta-[a-z0-9]{1,8}$/), fc.string({ unit: 'binary', maxLength: 30 })
    .map((v) => [...v].map((c) => (c < ' ' || c === '\u007F' ? ' ' : c)).join(''))), { maxLength: 4, selector: ([n]) => n }),
  filename: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).filter((f) => ![...f].some((c) => '"\\/\u007F'.includes(c) || c < ' ') && Buffer.byteLength(`uploads/${f}`) <= 1024),
  file: fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
});

describe('POST form uploads', () => {
  it('deliver exactly the fields, the key and the file of a signed form, however the body is split', async () => {
    await fc.assert(fc.asyncProperty(form, async (f) => {
      const body = encodeForm(f);
      const { outcome } = await post(pieces(body, f.cuts), `multipart/form-data; boundary="${f.boundary}"`);
      expect(outcome).toMatchObject({ ok: true, key: `uploads/${f.filename}`, body: f.file.toString('base64') });
      // Kept as header text: ASCII as is, anything else as one RFC 2047 word (as AWS returns non-ASCII metadata).
      const asHeader = (v: string) => (/^[\x20-\x7e]*$/.test(v) ? v : `=?UTF-8?B?${Buffer.from(v).toString('base64')}?=`);
      if (outcome.ok) for (const [name, value] of f.fields) expect(outcome.headers[name]).toBe(asHeader(value));
    }), { numRuns: RUNS });
  });

  it('answer mutated forms, odd content types and arbitrary bytes with a result or an S3Error', async () => {
    const mutation = fc.record({ at: fc.nat({ max: 999_999 }).map((n) => n / 1_000_000), op: fc.constantFrom('flip', 'insert', 'delete', 'truncate'),
      byte: fc.constantFrom(0x2d, 0x0d, 0x0a, 0x22, 0x3b, 0x00, 0xff, 0x41) });
    // Files of a few KiB, so that cuts and flips land inside the file part as often as in the fields.
    const bigFile = fc.integer({ min: 0, max: 6000 }).map((n) => Buffer.alloc(n, 'f'));
    const body = fc.oneof(
      fc.tuple(form, bigFile, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([f, file, ms]) => {
        f = { ...f, file };
        let b = encodeForm(f);
        for (const m of ms) {
          const i = Math.floor(m.at * b.length);
          if (m.op === 'flip') b = Buffer.concat([b.subarray(0, i), Buffer.from([m.byte]), b.subarray(i + 1)]);
          if (m.op === 'insert') b = Buffer.concat([b.subarray(0, i), Buffer.from([m.byte]), b.subarray(i)]);
          if (m.op === 'delete') b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
          if (m.op === 'truncate') b = b.subarray(0, i);
        }
        return { body: b, boundary: f.boundary };
      }),
      fc.uint8Array({ maxLength: 600 }).map((a) => ({ body: Buffer.from(a), boundary: 'x' })),
    );
    const contentType = (boundary: string) => fc.oneof(
      { weight: 4, arbitrary: fc.constant(`multipart/form-data; boundary="${boundary}"`) },
      fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="unterminated',
        'text/plain', 'multipart/mixed; boundary=x', ''),
    );
    await fc.assert(fc.asyncProperty(body.chain((b) => fc.tuple(fc.constant(b), contentType(b.boundary))), async ([b, type]) => {
      const { status, outcome } = await post([b.body], type);
      expect([status, outcome.ok ? 'ok' : outcome.code]).not.toContainEqual(500);
    }), { numRuns: RUNS, timeout: 5000 });
  });

  it('answer any signed policy document with a result or an S3Error', async () => {
    const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.double(), fc.boolean(), fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('toString', 'valueOf', '__proto__', 'key', '$key', 'eq', 'expiration', 'conditions'), tie('value'), { maxKeys: 3 })),
    })).value;
    const doc = fc.record({
      expiration: fc.oneof(json, fc.constant(new Date(NOW + 60_000).toISOString())),
      conditions: fc.oneof(json, fc.array(fc.oneof(json, fc.tuple(fc.constantFrom('eq', 'starts-with', 'content-length-range', 'EQ'), json, json)), { maxLength: 5 })),
    });
    await fc.assert(fc.asyncProperty(doc, async (d) => {
      const { policy, signature } = signPolicy(d);
      const boundary = 'pb';
      const fields = [['key', 'k'], ['x-amz-algorithm', 'AWS4-HMAC-SHA256'], ['x-amz-credential', CREDENTIAL], ['policy', policy], ['x-amz-signature', signature]];
      const body = Buffer.from(`${fields.map(([n, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`).join('')}`
        + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\ndata\r\n--${boundary}--\r\n`);
      const { status, outcome } = await post([body], `multipart/form-data; boundary=${boundary}`);
      expect({ status, outcome }).not.toMatchObject({ status: 500 });
    }), { numRuns: RUNS });
  });
});
