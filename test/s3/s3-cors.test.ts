// Per-bucket CORS on a real core: Put/Get/DeleteBucketCors through the SDK (NoSuchCORSConfiguration, validation),
// preflights evaluated against the rules (origin wildcard, method, requested headers, MaxAge, ExposeHeaders),
// CORS headers on normal responses, and the default for buckets without rules (app UI and loopback pages only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateBucketCommand, DeleteBucketCommand, DeleteBucketCorsCommand, GetBucketCorsCommand, PutBucketCorsCommand, PutObjectCommand,
  type CORSRule,
} from '@aws-sdk/client-s3';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { send, signHeaders } from './s3-protocol-helpers';

let core: TestCore;
const RULES: CORSRule[] = [
  { ID: 'app', AllowedOrigins: ['http://*.example.com'], AllowedMethods: ['GET', 'PUT'], AllowedHeaders: ['x-amz-meta-*', 'Content-Type'],
    ExposeHeaders: ['ETag', 'x-amz-request-id'], MaxAgeSeconds: 600 },
  { AllowedOrigins: ['*'], AllowedMethods: ['GET'] },
];

beforeAll(async () => {
  core = await startTestCore();
  for (const Bucket of ['ruled', 'plain']) await core.s3.send(new CreateBucketCommand({ Bucket }));
  await core.s3.send(new PutObjectCommand({ Bucket: 'ruled', Key: 'k', Body: 'x' }));
  await core.s3.send(new PutBucketCorsCommand({ Bucket: 'ruled', CORSConfiguration: { CORSRules: RULES } }));
});
afterAll(async () => { await core.stop(); });

const preflight = (path: string, headers: Record<string, string>) => fetch(`${core.endpoint}${path}`, { method: 'OPTIONS', headers });
const corsHeaders = (res: Response) => Object.fromEntries([...res.headers].filter(([k]) => k.startsWith('access-control-') || k === 'vary'));

describe('Put/Get/DeleteBucketCors', () => {
  it('stores, returns and deletes the rules; NoSuchCORSConfiguration (404) when there are none', async () => {
    await core.s3.send(new CreateBucketCommand({ Bucket: 'crud' }));
    await expect(core.s3.send(new GetBucketCorsCommand({ Bucket: 'crud' })))
      .rejects.toMatchObject({ name: 'NoSuchCORSConfiguration', $metadata: { httpStatusCode: 404 } });
    expect((await core.s3.send(new DeleteBucketCorsCommand({ Bucket: 'crud' }))).$metadata.httpStatusCode).toBe(204);
    await core.s3.send(new PutBucketCorsCommand({ Bucket: 'crud', CORSConfiguration: { CORSRules: RULES } }));
    expect((await core.s3.send(new GetBucketCorsCommand({ Bucket: 'crud' }))).CORSRules).toEqual(RULES);
    await core.s3.send(new DeleteBucketCorsCommand({ Bucket: 'crud' }));
    await expect(core.s3.send(new GetBucketCorsCommand({ Bucket: 'crud' }))).rejects.toMatchObject({ name: 'NoSuchCORSConfiguration' });
    await core.s3.send(new PutBucketCorsCommand({ Bucket: 'crud', CORSConfiguration: { CORSRules: RULES } }));
    await core.s3.send(new DeleteBucketCommand({ Bucket: 'crud' }));
    await core.s3.send(new CreateBucketCommand({ Bucket: 'crud' }));
    await expect(core.s3.send(new GetBucketCorsCommand({ Bucket: 'crud' }))).rejects.toMatchObject({ name: 'NoSuchCORSConfiguration' });
  });

  it.each([
    ['an unsupported method', [{ AllowedOrigins: ['*'], AllowedMethods: ['PATCH'] }], 'InvalidRequest'],
    ['two wildcards in an origin', [{ AllowedOrigins: ['http://*.*.test'], AllowedMethods: ['GET'] }], 'InvalidRequest'],
    ['a rule without origins', [{ AllowedOrigins: [], AllowedMethods: ['GET'] }], 'MalformedXML'],
    ['no rules at all', [], 'MalformedXML'],
  ])('refuses %s (%s) and keeps the stored rules', async (_name, CORSRules: CORSRule[], code) => {
    await expect(core.s3.send(new PutBucketCorsCommand({ Bucket: 'ruled', CORSConfiguration: { CORSRules } })))
      .rejects.toMatchObject({ name: code, $metadata: { httpStatusCode: 400 } });
    expect((await core.s3.send(new GetBucketCorsCommand({ Bucket: 'ruled' }))).CORSRules).toEqual(RULES);
  });
});

describe('preflight against the rules', () => {
  it('grants the first matching rule: origin wildcard, method, requested headers, MaxAge, ExposeHeaders', async () => {
    const res = await preflight('/ruled/k', { origin: 'http://app.example.com', 'access-control-request-method': 'PUT',
      'access-control-request-headers': 'Content-Type, X-Amz-Meta-Tag' });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual({
      'access-control-allow-origin': 'http://app.example.com', 'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, PUT', 'access-control-allow-headers': 'content-type, x-amz-meta-tag',
      'access-control-expose-headers': 'ETag, x-amz-request-id', 'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    });
  });

  it('answers `*` for a rule whose origin is `*`', async () => {
    const res = await preflight('/ruled', { origin: 'https://elsewhere.test', 'access-control-request-method': 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it.each([
    ['a header no rule allows', { origin: 'http://app.example.com', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-amz-acl' }],
    ['a method no rule allows for that origin', { origin: 'https://elsewhere.test', 'access-control-request-method': 'PUT' }],
    ['no Access-Control-Request-Method', { origin: 'http://app.example.com' }],
  ])('answers 403 AccessForbidden for %s', async (_name, headers: Record<string, string>) => {
    const res = await preflight('/ruled/k', headers);
    expect(res.status).toBe(403);
    const xml = await res.text();
    expect(xml).toContain('<Code>AccessForbidden</Code>');
    expect(xml).toContain('<ResourceType>OBJECT</ResourceType>');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 400 BadRequest without an Origin and 403 for a missing bucket', async () => {
    const noOrigin = await preflight('/ruled/k', { 'access-control-request-method': 'GET' });
    expect(noOrigin.status).toBe(400);
    expect(await noOrigin.text()).toContain('Insufficient information. Origin request header needed.');
    const missing = await preflight('/nowhere', { origin: 'http://app.example.com', 'access-control-request-method': 'GET' });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('CORSResponse: Bucket not found');
  });
});

describe('CORS headers on normal responses', () => {
  const get = async (bucket: string, origin: string) => {
    const headers = await signHeaders({ method: 'GET', host: `127.0.0.1:${core.port}`, path: `/${bucket}/k`,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, accessKey: TEST_KEYS.accessKey, secret: TEST_KEYS.secretKey });
    return send(core.port, 'GET', `/${bucket}/k`, { ...headers, origin });
  };

  it('adds the matching rule\'s headers, and none when no rule matches (the request itself still succeeds)', async () => {
    const ok = await get('ruled', 'http://app.example.com');
    expect(ok.status).toBe(200);
    expect(ok.headers).toMatchObject({ 'access-control-allow-origin': 'http://app.example.com', 'access-control-expose-headers': 'ETag, x-amz-request-id' });
    const foreign = await get('plain', 'https://evil.test');
    expect(foreign.status).toBe(404);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('buckets without rules', () => {
  it.each(['http://127.0.0.1:5173', 'http://localhost:8080', 'app://bucket-hooks'])('keep the permissive default for %s', async (origin) => {
    const res = await preflight('/plain/k', { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toMatchObject({ 'access-control-allow-origin': origin, 'access-control-allow-methods': 'GET, PUT, POST, DELETE, HEAD',
      'access-control-allow-headers': 'content-type' });
  });

  it('refuse any other origin: CORS is not enabled for this bucket', async () => {
    const res = await preflight('/plain/k', { origin: 'https://evil.test', 'access-control-request-method': 'GET' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('CORSResponse: CORS is not enabled for this bucket.');
  });

  it('the app UI origin stays allowed on a bucket with rules, loopback pages do not', async () => {
    expect((await preflight('/ruled/k', { origin: 'app://bucket-hooks', 'access-control-request-method': 'DELETE' })).status).toBe(200);
    expect((await preflight('/ruled/k', { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'DELETE' })).status).toBe(403);
  });
});
