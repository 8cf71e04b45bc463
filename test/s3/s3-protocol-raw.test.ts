// Wire-level protocol tests with hand-built requests signed by @smithy/signature-v4: signed aws-chunked
// streaming, tampering and bad checksums (no commit), CORS, virtual-hosted buckets, error documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { encodeChunks, seedOf, send, signHeaders, startProtocolServer } from './s3-protocol-helpers';

let server: Awaited<ReturnType<typeof startProtocolServer>>;
beforeAll(async () => { server = await startProtocolServer(); });
afterAll(async () => { await server.close(); });

const host = () => `127.0.0.1:${server.port}`;
const crcB64 = (b: Buffer) => { const o = Buffer.alloc(4); o.writeUInt32BE(crc32(b)); return o.toString('base64'); };
const payload = randomBytes(200_000);
const pieces = [payload.subarray(0, 65536), payload.subarray(65536, 131072), payload.subarray(131072)];

async function streamingPut(key: string, mode: string, trailer: boolean, mutate: (wire: Buffer) => Buffer = (w) => w,
  checksum = crcB64(payload), agent: http.Agent | false = false) {
  const headers: Record<string, string> = {
    'x-amz-content-sha256': mode, 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(payload.length),
    ...(trailer ? { 'x-amz-trailer': 'x-amz-checksum-crc32' } : {}),
  };
  const signed = await signHeaders({ method: 'PUT', host: host(), path: `/b/${key}`, headers });
  const signedMode = mode.startsWith('STREAMING-AWS4');
  const wire = encodeChunks(pieces, { ...(signedMode ? seedOf(signed) : {}), trailers: trailer ? { 'x-amz-checksum-crc32': checksum } : undefined });
  return send(server.port, 'PUT', `/b/${key}`, { ...signed, 'transfer-encoding': 'chunked' }, [mutate(wire)], agent);
}

describe('streaming payloads', () => {
  it.each([
    ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', false],
    ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', true],
    ['STREAMING-UNSIGNED-PAYLOAD-TRAILER', true],
  ])('%s commits the decoded bytes', async (mode, trailer) => {
    const res = await streamingPut(`ok-${mode}`, mode, trailer);
    expect(res.status).toBe(200);
    const stored = server.objects.get(`b/ok-${mode}`);
    expect(stored?.body.equals(payload)).toBe(true);
    expect(stored?.headers['content-encoding']).toBeUndefined();
    if (trailer) expect(stored?.trailers['x-amz-checksum-crc32']).toBe(crcB64(payload));
  });

  it('a tampered signed chunk → 403 SignatureDoesNotMatch and no commit', async () => {
    const res = await streamingPut('tampered', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', false, (w) => {
      const t = Buffer.from(w); t[100_000] ^= 0xff; return t;
    });
    expect(res.status).toBe(403);
    expect(res.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(server.objects.has('b/tampered')).toBe(false);
  });

  it('a bad trailing checksum → 400 BadDigest and no commit', async () => {
    const res = await streamingPut('baddigest', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', true, undefined, crcB64(Buffer.from('x')));
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>BadDigest</Code>');
    expect(server.objects.has('b/baddigest')).toBe(false);
  });

  it('a body that does not match the signed SHA-256 → XAmzContentSHA256Mismatch and no commit', async () => {
    const body = Buffer.from('actual body');
    const headers = { 'x-amz-content-sha256': createHash('sha256').update('other body').digest('hex'), 'content-length': String(body.length) };
    const signed = await signHeaders({ method: 'PUT', host: host(), path: '/b/mismatch', headers });
    const res = await send(server.port, 'PUT', '/b/mismatch', signed, [body]);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    expect(server.objects.has('b/mismatch')).toBe(false);
  });

  it('verifies a body signed without x-amz-content-sha256 (curl --aws-sigv4) from a buffered copy', async () => {
    const body = Buffer.from('<NotificationConfiguration/>');
    const headers = await signHeaders({ method: 'PUT', host: host(), path: '/b/curl', headers: { 'content-length': String(body.length) }, body });
    expect(headers['x-amz-content-sha256']).toBeUndefined();
    expect((await send(server.port, 'PUT', '/b/curl', headers, [body])).status).toBe(200);
    expect(server.objects.get('b/curl')?.body.equals(body)).toBe(true);
    const forged = await send(server.port, 'PUT', '/b/curl', headers, [Buffer.from('<NotificationConfiguration/ ')]);
    expect(forged.status).toBe(403);
    expect(server.objects.get('b/curl')?.body.equals(body)).toBe(true);
  });

  it.each(['STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'UNSIGNED-PAYLOAD'])('a client abort mid-body (%s) ends the operation without a commit', async (mode) => {
    const key = `aborted-${mode}`;
    const signed = await signHeaders({ method: 'PUT', host: host(), path: `/b/${key}`, headers: { 'x-amz-content-sha256': mode } });
    const req = http.request({ host: '127.0.0.1', port: server.port, method: 'PUT', path: `/b/${key}`,
      headers: { ...signed, 'transfer-encoding': 'chunked' }, agent: false });
    req.on('error', () => undefined);
    req.write(mode === 'UNSIGNED-PAYLOAD' ? payload.subarray(0, 1000) : encodeChunks(pieces).subarray(0, 70_000));
    await new Promise<void>((resolve) => { const t = setInterval(() => { if (server.calls.includes(`PutObject b/${key}`)) { clearInterval(t); resolve(); } }, 5); });
    req.destroy();
    await new Promise<void>((resolve) => { const t = setInterval(() => { if (server.settled.includes(`PutObject b/${key}`)) { clearInterval(t); resolve(); } }, 5); });
    expect(server.objects.has(`b/${key}`)).toBe(false);
  });

  it('keeps a keep-alive connection usable after a rejected body', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const bad = await streamingPut('ka1', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', true, undefined, crcB64(Buffer.from('x')), agent);
      expect(bad.status).toBe(400);
      const good = await streamingPut('ka2', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', true, undefined, undefined, agent);
      expect(good.status).toBe(200);
      expect(good.reused).toBe(true);
      expect(server.objects.get('b/ka2')?.body.equals(payload)).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe('addressing, auth and errors on the wire', () => {
  it('serves a virtual-hosted bucket from the Host header', async () => {
    const vhost = `vbucket.localhost:${server.port}`;
    const headers = await signHeaders({ method: 'PUT', host: vhost, path: '/dir/file.txt',
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': '2' } });
    expect((await send(server.port, 'PUT', '/dir/file.txt', headers, [Buffer.from('hi')])).status).toBe(200);
    expect(server.objects.get('vbucket/dir/file.txt')?.body.toString()).toBe('hi');
  });

  it('answers an unauthenticated request 403 AccessDenied with ids and an XML error', async () => {
    const res = await send(server.port, 'GET', '/b/buf', {});
    expect(res.status).toBe(403);
    expect(res.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
    expect(res.headers['x-amz-id-2']).toBeTruthy();
    expect(res.headers['content-type']).toBe('application/xml');
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message><Resource>\/b\/buf<\/Resource><RequestId>[0-9A-F]{16}<\/RequestId>/);
  });

  it('answers HEAD errors without a body', async () => {
    const headers = await signHeaders({ method: 'HEAD', host: host(), path: '/b/none', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    const res = await send(server.port, 'HEAD', '/b/none', headers);
    expect(res.status).toBe(404);
    expect(res.body).toBe('');
  });

  it('answers a preflight from a loopback page and adds CORS headers to its normal responses; other origins get neither', async () => {
    const origin = 'http://127.0.0.1:5173';
    const pre = await send(server.port, 'OPTIONS', '/b/k', { origin, 'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,x-amz-meta-foo' });
    expect(pre.status).toBe(200);
    expect(pre.headers['access-control-allow-origin']).toBe(origin);
    expect(pre.headers['access-control-allow-methods']).toContain('PUT');
    expect(pre.headers['access-control-allow-headers']).toBe('content-type, x-amz-meta-foo');
    expect(pre.headers['access-control-expose-headers']).toContain('ETag');
    expect(pre.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
    const headers = await signHeaders({ method: 'GET', host: host(), path: '/b/vk', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    server.objects.set('b/vk', { body: Buffer.from('v'), headers: {}, trailers: {} });
    const res = await send(server.port, 'GET', '/b/vk', { ...headers, origin });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    expect(res.headers['access-control-expose-headers']).toContain('x-amz-meta-seen');
    const foreignPre = await send(server.port, 'OPTIONS', '/b/k', { origin: 'http://app.test', 'access-control-request-method': 'PUT' });
    expect(foreignPre.status).toBe(403);
    const foreign = await send(server.port, 'GET', '/b/vk', { ...headers, origin: 'http://app.test' });
    expect(foreign.status).toBe(200);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('turns an unexpected operation failure into a generic 500 InternalError', async () => {
    const headers = await signHeaders({ method: 'DELETE', host: host(), path: '/b/k', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    const res = await send(server.port, 'DELETE', '/b/k', headers);
    expect(res.status).toBe(500);
    expect(res.body).toContain('<Code>InternalError</Code>');
    expect(res.body).not.toContain('disk on fire');
  });
});
