// Every XML request body of the S3 endpoint (notification, DeleteObjects, CompleteMultipartUpload, versioning,
// CORS) refuses a DOCTYPE with an entity that would otherwise take effect, 100,000-deep nesting and a
// `__proto__` element with 400 MalformedXML, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateBucketCommand, CreateMultipartUploadCommand, GetBucketCorsCommand, GetBucketVersioningCommand, HeadObjectCommand, ListPartsCommand,
  PutObjectCommand, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { startTestCore, TEST_KEYS, type TestCore } from '../helpers/core';
import { send, signHeaders } from './s3-protocol-helpers';

let core: TestCore;
let uploadId = '';
let partEtag = '';

beforeAll(async () => {
  core = await startTestCore();
  await core.s3.send(new CreateBucketCommand({ Bucket: 'xml' }));
  await core.s3.send(new PutObjectCommand({ Bucket: 'xml', Key: 'victim', Body: 'still here' }));
  uploadId = (await core.s3.send(new CreateMultipartUploadCommand({ Bucket: 'xml', Key: 'mp' }))).UploadId ?? '';
  partEtag = (await core.s3.send(new UploadPartCommand({ Bucket: 'xml', Key: 'mp', UploadId: uploadId, PartNumber: 1, Body: 'part' }))).ETag ?? '';
});
afterAll(async () => { await core.stop(); });

interface Endpoint {
  method: string; path: string; query: Record<string, string>;
  /** The document as the endpoint would accept it, with `$v` where an entity reference can stand. */
  doc: (value: string) => string;
  /** The value the entity expands to: with it the request would take effect. */
  value: () => string;
  unchanged: () => Promise<void>;
}

const ENDPOINTS: Record<string, Endpoint> = {
  notification: {
    method: 'PUT', path: '/xml', query: { notification: '' }, value: () => 'http://127.0.0.1:1/hook',
    doc: (v) => `<NotificationConfiguration><TopicConfiguration><Id>h</Id><Topic>${v}</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration></NotificationConfiguration>`,
    unchanged: async () => { expect(await core.notifications.getConfigXml('xml')).not.toContain('<Id>h</Id>'); },
  },
  DeleteObjects: {
    method: 'POST', path: '/xml', query: { delete: '' }, value: () => 'victim',
    doc: (v) => `<Delete><Object><Key>${v}</Key></Object></Delete>`,
    unchanged: async () => { expect((await core.s3.send(new HeadObjectCommand({ Bucket: 'xml', Key: 'victim' }))).ContentLength).toBe(10); },
  },
  CompleteMultipartUpload: {
    method: 'POST', path: '/xml/mp', query: { uploadId: '' }, value: () => partEtag.replace(/"/g, ''),
    doc: (v) => `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${v}</ETag></Part></CompleteMultipartUpload>`,
    unchanged: async () => { expect((await core.s3.send(new ListPartsCommand({ Bucket: 'xml', Key: 'mp', UploadId: uploadId }))).Parts).toHaveLength(1); },
  },
  versioning: {
    method: 'PUT', path: '/xml', query: { versioning: '' }, value: () => 'Enabled',
    doc: (v) => `<VersioningConfiguration><Status>${v}</Status></VersioningConfiguration>`,
    unchanged: async () => { expect((await core.s3.send(new GetBucketVersioningCommand({ Bucket: 'xml' }))).Status).toBeUndefined(); },
  },
  CORS: {
    method: 'PUT', path: '/xml', query: { cors: '' }, value: () => 'https://attacker.test',
    doc: (v) => `<CORSConfiguration><CORSRule><AllowedOrigin>${v}</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`,
    unchanged: async () => {
      await expect(core.s3.send(new GetBucketCorsCommand({ Bucket: 'xml' }))).rejects.toMatchObject({ name: 'NoSuchCORSConfiguration' });
    },
  },
};

const DOCUMENTS: Record<string, (e: Endpoint) => string> = {
  'a DOCTYPE whose entity would take effect': (e) => {
    const doc = e.doc('&v;');
    const root = /^<(\w+)/.exec(doc)?.[1] ?? '';
    return `<?xml version="1.0"?><!DOCTYPE ${root} [<!ENTITY v "${e.value()}">]>${doc}`;
  },
  'nesting 100,000 deep': (e) => e.doc(`${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}`),
  'a __proto__ element': (e) => e.doc(e.value()).replace(/^(<\w+>)/, '$1<__proto__><polluted>yes</polluted></__proto__>'),
};

describe.each(Object.keys(ENDPOINTS))('%s', (name) => {
  const endpoint = ENDPOINTS[name];
  it.each(Object.keys(DOCUMENTS))('refuses %s with 400 MalformedXML and changes nothing', async (docName) => {
    if (name === 'CompleteMultipartUpload') endpoint.query.uploadId = uploadId;
    const body = Buffer.from(DOCUMENTS[docName](endpoint));
    const headers = await signHeaders({ method: endpoint.method, host: `127.0.0.1:${core.port}`, path: endpoint.path, query: endpoint.query,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': String(body.length) },
      accessKey: TEST_KEYS.accessKey, secret: TEST_KEYS.secretKey });
    const qs = new URLSearchParams(endpoint.query).toString();
    const res = await send(core.port, endpoint.method, `${endpoint.path}?${qs}`, headers, [body]);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>MalformedXML</Code>');
    await endpoint.unchanged();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
