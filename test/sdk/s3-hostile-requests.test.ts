// Requests the property tests found to crash or 500 the server, replayed against a real core: each is answered
// with its S3 error and the server keeps serving. A form part without a name once threw inside the request
// stream (the process died); a truncated form, a 64-character non-hex signature and a policy with an object
// operand were 500s; a DeleteObjects Key holding an element deleted the key "[object Object]".
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, CreateMultipartUploadCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { createHash, createHmac } from 'node:crypto';
import { deriveKey, signHeaders } from './s3-protocol-helpers';

let core: TestCore;
const DATE = new Date().toISOString().slice(0, 10).replace(/-/g, '');
const CREDENTIAL = `${TEST_KEYS.accessKey}/${DATE}/ru-msk/s3/aws4_request`;

beforeAll(async () => {
  core = await startTestCore();
  await core.s3.send(new CreateBucketCommand({ Bucket: 'hostile' }));
});
afterAll(async () => { await core?.stop(); });

/** Write raw bytes on a fresh connection; the status line and body of the answer. */
function raw(request: Buffer | string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(core.port, '127.0.0.1', () => socket.end(request));
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

function signedForm(conditions: unknown[], file = 'data'): string[] {
  const policy = Buffer.from(JSON.stringify({ expiration: new Date(Date.now() + 60_000).toISOString(), conditions })).toString('base64');
  const signature = createHmac('sha256', deriveKey(TEST_KEYS.secretKey, DATE, 'ru-msk')).update(policy).digest('hex');
  const field = (name: string, value: string) => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`;
  return [field('key', 'k'), field('x-amz-algorithm', 'AWS4-HMAC-SHA256'), field('x-amz-credential', CREDENTIAL), field('policy', policy),
    field('x-amz-signature', signature), `Content-Disposition: form-data; name="file"; filename="f"\r\n\r\n${file}`];
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
});
