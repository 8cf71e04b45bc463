// Test helper for the S3 protocol layer: createS3Handler over a tiny in-memory operation table on a real
// node:http server (port 0), so SDK tests exercise auth, decoding and routing without the storage engine.
import http from 'node:http';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { createS3Handler } from '../../src-main/core/s3/http-handler';
import type { OperationTable, S3Request } from '../../src-main/core/s3/types';
import { S3Error } from '../../src-main/core/s3/s3-error';
import { DEFAULTS, type CoreConfig } from '../../src-main/core/kernel/config';
import { systemClock, type Clock } from '../../src-main/core/kernel/clock';
import { silentLogger } from '../../src-main/core/kernel/logger';

export const KEYS = { accessKey: 'AKIAPROTOCOLTEST0001', secretKey: 'protocol-secret-0123456789abcdefghijklmn' };

/** What the fake operations committed. */
export interface Stored { body: Buffer; headers: S3Request['headers']; trailers: Record<string, string>; contentLength?: number }

async function readAll(req: S3Request): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req.body) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** A running protocol server with a map of committed objects and the list of operations called. */
export async function startProtocolServer(clock: Clock = systemClock, host = '127.0.0.1') {
  const objects = new Map<string, Stored>();
  const calls: string[] = [];
  const settled: string[] = [];
  const put = async (req: S3Request) => {
    const body = await readAll(req);
    objects.set(`${req.bucket}/${req.key}`, { body, headers: req.headers, trailers: { ...req.trailers }, contentLength: req.contentLength });
    return { headers: { ETag: `"${createHash('md5').update(body).digest('hex')}"` } };
  };
  const get = (withBody: boolean) => async (req: S3Request) => {
    const obj = objects.get(`${req.bucket}/${req.key}`);
    if (!obj) throw new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: req.key ?? '' });
    return {
      headers: { 'Content-Length': obj.body.length, ETag: `"${createHash('md5').update(obj.body).digest('hex')}"`, 'x-amz-meta-seen': 'yes' },
      body: withBody ? Readable.from([obj.body]) : undefined,
    };
  };
  const table: OperationTable = {
    PutObject: put, UploadPart: put, GetObject: get(true), HeadObject: get(false),
    PostObject: async (req) => { await put(req); return { status: 204 }; },
    CreateBucket: async () => ({ headers: { Location: '/b' } }),
    ListBuckets: async () => ({ headers: { 'Content-Type': 'application/xml' },
      body: '<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>' }),
    HeadBucket: async () => ({}),
    DeleteObject: async () => { throw new Error('disk on fire at /secret/path'); },
  };
  const operations: OperationTable = {};
  for (const [name, op] of Object.entries(table) as [keyof OperationTable, NonNullable<OperationTable[keyof OperationTable]>][]) {
    operations[name] = (req) => {
      calls.push(`${name} ${req.bucket ?? ''}/${req.key ?? ''}`);
      return op(req).finally(() => settled.push(`${name} ${req.bucket ?? ''}/${req.key ?? ''}`));
    };
  }
  const config: CoreConfig = { ...DEFAULTS, host, port: 0, dataDir: '/nonexistent', ownerId: 'o', ...KEYS };
  const handler = createS3Handler({ operations, config, clock, logger: silentLogger, cors: () => undefined, bucketExists: () => true });
  const server = http.createServer(handler);
  server.on('checkContinue', handler.checkContinue);
  server.on('checkExpectation', handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    objects, calls, settled, port, endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A raw HTTP answer. */
export interface RawResponse { status: number; headers: http.IncomingHttpHeaders; body: string; reused: boolean }

/** Send a raw request to 127.0.0.1:port (any Host header), body written in the given pieces. */
export function send(port: number, method: string, path: string, headers: Record<string, string>, body: Buffer[] = [],
  agent: http.Agent | false = false): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString(),
        reused: req.reusedSocket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const piece of body) req.write(piece);
    req.end();
  });
}

/** Independent SigV4 signing key derivation (plain HMAC chain) to cross-check the server's. */
export function deriveKey(secret: string, date: string, region: string, service = 's3'): Buffer {
  let key: Buffer = Buffer.from('AWS4' + secret);
  for (const part of [date, region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return key;
}

/** aws-chunked encoding of `chunks` with chained signatures (signed mode) or none (seed undefined), plus trailers. */
export function encodeChunks(chunks: Buffer[], opts: { seed?: string; key?: Buffer; amzDate?: string; scope?: string;
  trailers?: Record<string, string> } = {}): Buffer {
  const empty = createHash('sha256').update('').digest('hex');
  let prev = opts.seed ?? '';
  const sign = (data: Buffer) => {
    const sts = `AWS4-HMAC-SHA256-PAYLOAD\n${opts.amzDate}\n${opts.scope}\n${prev}\n${empty}\n${createHash('sha256').update(data).digest('hex')}`;
    prev = createHmac('sha256', opts.key as Buffer).update(sts).digest('hex');
    return `;chunk-signature=${prev}`;
  };
  const out: Buffer[] = [];
  for (const c of [...chunks, Buffer.alloc(0)]) {
    out.push(Buffer.from(`${c.length.toString(16)}${opts.seed ? sign(c) : ''}\r\n`), c);
    if (c.length) out.push(Buffer.from('\r\n'));
  }
  if (opts.trailers) {
    let canonical = '';
    for (const [k, v] of Object.entries(opts.trailers)) { out.push(Buffer.from(`${k}:${v}\r\n`)); canonical += `${k}:${v}\n`; }
    if (opts.seed) {
      const sts = `AWS4-HMAC-SHA256-TRAILER\n${opts.amzDate}\n${opts.scope}\n${prev}\n${createHash('sha256').update(canonical).digest('hex')}`;
      out.push(Buffer.from(`x-amz-trailer-signature:${createHmac('sha256', opts.key as Buffer).update(sts).digest('hex')}\r\n`));
    }
  }
  out.push(Buffer.from('\r\n'));
  return Buffer.concat(out);
}

/** Sign a request's headers with @smithy/signature-v4 (the SDK's own signer). */
export async function signHeaders(opts: { method: string; host: string; path: string; query?: Record<string, string | string[]>;
  headers: Record<string, string>; secret?: string; accessKey?: string; date?: Date; region?: string; body?: Buffer }): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 's3', region: opts.region ?? 'ru-msk', sha256: Sha256, uriEscapePath: false, applyChecksum: false,
    credentials: { accessKeyId: opts.accessKey ?? KEYS.accessKey, secretAccessKey: opts.secret ?? KEYS.secretKey },
  });
  const signed = await signer.sign(new HttpRequest({
    method: opts.method, protocol: 'http:', hostname: opts.host.replace(/:\d+$/, ''), path: opts.path, query: opts.query,
    headers: { host: opts.host, ...opts.headers }, body: opts.body,
  }), { signingDate: opts.date ?? new Date() });
  return signed.headers;
}

/** Pull the fields the chunk signer needs out of a signed Authorization header. */
export function seedOf(headers: Record<string, string>): { seed: string; scope: string; amzDate: string; key: Buffer } {
  const auth = headers.authorization;
  const seed = /Signature=([0-9a-f]+)/.exec(auth)?.[1] ?? '';
  const scope = (/Credential=[^/]+\/([^,]+)/.exec(auth)?.[1] ?? '');
  const [date, region] = scope.split('/');
  return { seed, scope, amzDate: headers['x-amz-date'], key: deriveKey(KEYS.secretKey, date, region) };
}
