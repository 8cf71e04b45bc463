// Request handling at the HTTP edge of a real core: Expect values S3 ignores, 100 Continue only after the
// signature checks out, oversized bodies answered and the connection closed cleanly, over-long headers
// answered 431 instead of reset, thousands of repeated query parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { send, signHeaders } from './s3-protocol-helpers';

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
  await core.s3.send(new CreateBucketCommand({ Bucket: 'edge' }));
});
afterAll(async () => { await core.stop(); });

const host = () => `127.0.0.1:${core.port}`;
const sign = (method: string, path: string, headers: Record<string, string>, extra: { secret?: string; query?: Record<string, string | string[]> } = {}) =>
  signHeaders({ method, host: host(), path, headers, accessKey: TEST_KEYS.accessKey, secret: extra.secret ?? TEST_KEYS.secretKey, query: extra.query });

/** Write a raw request in full before reading anything; resolve with everything read until the server closes. */
function sendWholeThenRead(head: string, body: Buffer): Promise<{ text: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(core.port, '127.0.0.1');
    const parts: Buffer[] = [];
    socket.on('data', (d: Buffer) => parts.push(d));
    socket.on('error', (err) => resolve({ text: Buffer.concat(parts).toString('latin1'), error: String(err) }));
    socket.on('end', () => resolve({ text: Buffer.concat(parts).toString('latin1') }));
    socket.write(head);
    socket.write(body);
  });
}

describe('Expect', () => {
  it.each(['200', ''])('ignores Expect: %j as S3 does (node would answer 417)', async (expectValue) => {
    const body = Buffer.from('expect value ignored');
    const headers = await sign('PUT', '/edge/expect', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': String(body.length) });
    const res = await send(core.port, 'PUT', '/edge/expect', { ...headers, expect: expectValue }, [body]);
    expect(res.status).toBe(200);
    const got = await core.s3.send(new GetObjectCommand({ Bucket: 'edge', Key: 'expect' }));
    expect(await got.Body!.transformToString()).toBe('expect value ignored');
  });

  it('sends 100 Continue only once the signature checks out', async () => {
    const attempt = async (secret: string) => {
      const headers = await sign('PUT', '/edge/continued', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': '4' }, { secret });
      return new Promise<{ continued: boolean; status: number }>((resolve, reject) => {
        let continued = false;
        const req = http.request({ host: '127.0.0.1', port: core.port, method: 'PUT', path: '/edge/continued', agent: false,
          headers: { ...headers, expect: '100-continue' } }, (res) => {
          res.resume();
          res.on('end', () => { resolve({ continued, status: res.statusCode ?? 0 }); req.destroy(); });
        });
        req.on('continue', () => { continued = true; req.end('body'); });
        req.on('error', reject);
        req.flushHeaders();
      });
    };
    expect(await attempt('wrong-secret')).toEqual({ continued: false, status: 403 });
    expect(await attempt(TEST_KEYS.secretKey)).toEqual({ continued: true, status: 200 });
  });
});

describe('bodies and headers over the limits', () => {
  it('answers a DeleteObjects body over its 2 MiB limit and closes after reading the rest', async () => {
    const body = Buffer.alloc(16 * 1024 * 1024, 0x20);
    const headers = await sign('POST', '/edge', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': String(body.length) }, { query: { delete: '' } });
    const head = `POST /edge?delete= HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
    const res = await sendWholeThenRead(head, body);
    expect(res.error).toBeUndefined();
    expect(res.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(res.text).toMatch(/\r\nconnection: close\r\n/i);
    expect(res.text).toContain('<Code>MaxMessageLengthExceeded</Code>');
  });

  it('answers a chunked body found too big while streaming the same way', async () => {
    const headers = await sign('PUT', '/edge', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, { query: { versioning: '' } });
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const pieces: Buffer[] = [];
    for (let i = 0; i < 16; i++) pieces.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
    pieces.push(Buffer.from('0\r\n\r\n'));
    const head = `PUT /edge?versioning= HTTP/1.1\r\ntransfer-encoding: chunked\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
    const res = await sendWholeThenRead(head, Buffer.concat(pieces));
    expect(res.error).toBeUndefined();
    expect(res.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(res.text).toContain('<Code>MaxMessageLengthExceeded</Code>');
  });

  it('answers headers over the limit with 431 rather than a reset', async () => {
    const res = await sendWholeThenRead(`GET /edge HTTP/1.1\r\nhost: ${host()}\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`, Buffer.alloc(0));
    expect(res.error).toBeUndefined();
    expect(res.text).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('answers an unparseable request (negative Content-Length) with 400', async () => {
    const res = await sendWholeThenRead(`PUT /edge/k HTTP/1.1\r\nhost: ${host()}\r\ncontent-length: -1\r\n\r\n`, Buffer.alloc(0));
    expect(res.text).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('serves a signed listing with 7,500 repeats of one query parameter', async () => {
    const headers = await sign('GET', '/edge', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      { query: { a: new Array<string>(7500).fill(''), 'list-type': '2' } });
    const res = await send(core.port, 'GET', `/edge?${'a&'.repeat(7500)}list-type=2`, headers);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<ListBucketResult');
  });
});
