// Requests the property tests found to crash or 500 the server, replayed against a real core: each is answered
// with its S3 error and the server keeps serving. A form part without a name once threw inside the request
// stream (the process died); a truncated form, a 64-character non-hex signature and a policy with an object
// operand were 500s; a DeleteObjects Key holding an element deleted the key "[object Object]"; text a client sent
// outside headers (response-* query values, form fields kept as metadata, version ids echoed back) with a newline
// or beyond latin1 made setHeader throw: a 500 for that request, or for every later GET of the object.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { createHash, createHmac } from 'node:crypto';
import { deriveKey, signHeaders } from './s3-protocol-helpers';
import { createLogger } from '../../src-main/core/kernel/logger';

let core: TestCore;
const logged: string[] = [];
const DATE = new Date().toISOString().slice(0, 10).replace(/-/g, '');
const CREDENTIAL = `${TEST_KEYS.accessKey}/${DATE}/ru-msk/s3/aws4_request`;

beforeAll(async () => {
  core = await startTestCore({}, { logger: createLogger('error', (line) => logged.push(line)) });
  await core.s3.send(new CreateBucketCommand({ Bucket: 'hostile' }));
});
afterAll(async () => { await core?.stop(); });

/** Write raw bytes on a fresh connection (the request says Connection: close); the status line and body of the answer. */
function raw(request: Buffer | string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // Write without ending our side: node:http aborts a request whose client half-closes before the answer.
    const socket = net.connect(core.port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (c: Buffer) => { data += c.toString('latin1'); });
    socket.on('end', () => resolve({ status: Number(data.slice(9, 12)), text: data }));
    socket.on('error', reject);
  });
}

function formRequest(parts: string[], boundary = 'B'): string {
  const body = parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--\r\n`;
  return `POST /hostile HTTP/1.1\r\nHost: 127.0.0.1:${core.port}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

function signedForm(conditions: unknown[], file = 'data', extra: [string, string][] = []): string[] {
  const policy = Buffer.from(JSON.stringify({ expiration: new Date(Date.now() + 60_000).toISOString(), conditions })).toString('base64');
  const signature = createHmac('sha256', deriveKey(TEST_KEYS.secretKey, DATE, 'ru-msk')).update(policy).digest('hex');
  const field = (name: string, value: string) => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`;
  return [field('key', 'k'), field('x-amz-algorithm', 'AWS4-HMAC-SHA256'), field('x-amz-credential', CREDENTIAL), field('policy', policy),
    field('x-amz-signature', signature), ...extra.map(([n, v]) => field(n, v)), `Content-Disposition: form-data; name="file"; filename="f"\r\n\r\n${file}`];
}

async function stillServing(): Promise<void> {
  expect((await core.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toContain('hostile');
}

describe('hostile requests against a real core', () => {
  it('answers a form part without a name and keeps serving', async () => {
    const answer = await raw(formRequest(['Content-Disposition: form-data\r\n\r\nnameless', ...signedForm([{ bucket: 'hostile' }])]));
    expect(answer.status).toBe(403);
    await stillServing();
  });

  it('answers a form cut short inside its file with 400 MalformedPOSTRequest', async () => {
    const full = formRequest(signedForm([{ bucket: 'hostile' }, ['starts-with', '$key', ''], { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
      { 'x-amz-credential': CREDENTIAL }], 'x'.repeat(5000)));
    const cut = full.slice(0, full.length - 2000).replace(/Content-Length: \d+/, (m) => `Content-Length: ${Number(m.slice(16)) - 2000}`);
    const answer = await raw(cut);
    expect([answer.status, /<Code>(\w+)<\/Code>/.exec(answer.text)?.[1]]).toEqual([400, 'MalformedPOSTRequest']);
    await stillServing();
  });

  it('answers a policy with an object where a string belongs with 400 InvalidPolicyDocument', async () => {
    const answer = await raw(formRequest(signedForm([['eq', '$key', { toString: 'k' }]])));
    expect([answer.status, /<Code>(\w+)<\/Code>/.exec(answer.text)?.[1]]).toEqual([400, 'InvalidPolicyDocument']);
  });

  it('answers a 64-character signature that is not hex with 403 SignatureDoesNotMatch', async () => {
    const amzDate = `${DATE}T000000Z`;
    const signature = 'é'.repeat(64);
    const head = `GET /hostile HTTP/1.1\r\nHost: 127.0.0.1:${core.port}\r\nx-amz-date: ${amzDate}\r\nx-amz-content-sha256: UNSIGNED-PAYLOAD\r\n`
      + `Authorization: AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${signature}\r\nConnection: close\r\n\r\n`;
    const answer = await raw(Buffer.from(head, 'latin1'));
    expect([answer.status, /<Code>(\w+)<\/Code>/.exec(answer.text)?.[1]]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  it.each([
    ['DeleteObjects', '/hostile', { delete: '' }, '<Delete><Object><Key><toString>k</toString></Key></Object></Delete>'],
    ['DeleteObjects (Quiet)', '/hostile', { delete: '' }, '<Delete><Quiet><toString>1</toString></Quiet><Object><Key>k</Key></Object></Delete>'],
    ['CompleteMultipartUpload', '/hostile/big', { uploadId: 'none' }, '<CompleteMultipartUpload><Part><PartNumber><toString>1</toString></PartNumber></Part></CompleteMultipartUpload>'],
  ])('answers a %s body with an element where text belongs with 400 MalformedXML', async (_name, path, query, xml) => {
    const body = Buffer.from(xml);
    if (path !== '/hostile') {
      const created = await core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'hostile', Key: 'big' }));
      Object.assign(query, { uploadId: created.UploadId ?? '' });
    }
    const search = new URLSearchParams(query).toString();
    const headers = await signHeaders({ method: 'POST', host: `127.0.0.1:${core.port}`, path, query, body, ...TEST_KEYS,
      secret: TEST_KEYS.secretKey, headers: { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'), 'content-length': String(body.length) } });
    const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
    const answer = await raw(Buffer.concat([Buffer.from(`POST ${path}?${search.replace(/=(&|$)/g, '$1')} HTTP/1.1\r\n${head}\r\nConnection: close\r\n\r\n`), body]));
    expect([answer.status, /<Code>(\w+)<\/Code>/.exec(answer.text)?.[1]]).toEqual([400, 'MalformedXML']);
    await stillServing();
  });

  it('answers response-* overrides with a newline 400 and sends non-ASCII ones RFC 2047 encoded', async () => {
    await core.s3.send(new PutObjectCommand({ Bucket: 'hostile', Key: 'photo', Body: 'jpg' }));
    const bad = await fetch(await getSignedUrl(core.s3, new GetObjectCommand({ Bucket: 'hostile', Key: 'photo', ResponseContentType: 'image/jpeg\nx: y' })));
    expect([bad.status, /<Code>(\w+)<\/Code>/.exec(await bad.text())?.[1]]).toEqual([400, 'InvalidArgument']);
    const good = await fetch(await getSignedUrl(core.s3, new GetObjectCommand({ Bucket: 'hostile', Key: 'photo', ResponseContentLanguage: 'русский' })));
    expect([good.status, good.headers.get('content-language')]).toEqual([200, `=?UTF-8?B?${Buffer.from('русский').toString('base64')}?=`]);
  });

  it('keeps form fields as metadata a later GET can send, and refuses one with a newline', async () => {
    const conditions = [{ bucket: 'hostile' }, ['starts-with', '$key', ''], { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' }, { 'x-amz-credential': CREDENTIAL },
      ['starts-with', '$x-amz-meta-title', '']];
    expect((await raw(formRequest(signedForm(conditions, 'data', [['x-amz-meta-title', 'фото дня']])))).status).toBe(204);
    const get = await raw(`GET /hostile/k HTTP/1.1\r\nHost: 127.0.0.1:${core.port}\r\nConnection: close\r\n\r\n`);
    expect(get.status).toBe(403);
    const object = await core.s3.send(new GetObjectCommand({ Bucket: 'hostile', Key: 'k' }));
    expect(object.Metadata?.title).toBe(`=?UTF-8?B?${Buffer.from('фото дня').toString('base64')}?=`);
    const refused = await raw(formRequest(signedForm(conditions, 'data', [['x-amz-meta-title', 'two\nlines']])));
    expect([refused.status, /<Code>(\w+)<\/Code>/.exec(refused.text)?.[1]]).toEqual([400, 'InvalidArgument']);
  });

  it('takes a client that leaves mid-body for gone, not for an internal error', async () => {
    logged.length = 0;
    const head = `DELETE /hostile/k HTTP/1.1\r\nHost: 127.0.0.1:${core.port}\r\nx-amz-date: ${DATE}T000000Z\r\nContent-Length: 100\r\n`
      + `Authorization: AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}\r\n\r\npartial`;
    await new Promise<void>((resolve) => {
      const socket = net.connect(core.port, '127.0.0.1', () => socket.write(head, () => setTimeout(() => { socket.destroy(); resolve(); }, 50)));
    });
    await stillServing();
    expect(logged.filter((l) => l.includes('internal error'))).toEqual([]);
  });

  it.each([
    ['DeleteObject', 'DELETE', '/hostile/k?versionId=%1E%00x'],
    ['GetObject', 'GET', '/hostile/k?versionId=v%0A1'],
  ])('answers %s with a version id that is no id 400 InvalidArgument', async (_name, method, target) => {
    const [path, query] = target.split('?');
    const headers = await signHeaders({ method, host: `127.0.0.1:${core.port}`, path, query: Object.fromEntries(new URLSearchParams(query)),
      accessKey: TEST_KEYS.accessKey, secret: TEST_KEYS.secretKey, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
    const answer = await raw(`${method} ${target} HTTP/1.1\r\n${head}\r\nConnection: close\r\n\r\n`);
    expect([answer.status, /<Code>(\w+)<\/Code>/.exec(answer.text)?.[1]]).toEqual([400, 'InvalidArgument']);
  });
});
