// Listing through the real SDK over 2,500 keys: v1 and v2 pagination, prefix, delimiter, common prefixes,
// start-after, encoding-type=url, checked against a model computed from the key set.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand, ListObjectsCommand, ListObjectsV2Command, PutObjectCommand, type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { startTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
const B = 'listing';
const keys: string[] = [];
for (let d = 0; d < 25; d++) for (let f = 0; f < 96; f++) keys.push(`dir${String(d).padStart(2, '0')}/file${String(f).padStart(3, '0')}.txt`);
keys.push(...Array.from({ length: 100 }, (_, i) => `top-${String(i).padStart(3, '0')}`), 'dir05/sub/deep.txt', 'a b+c%', 'ünï/ключ', 'z/');
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const sorted = [...keys].sort(byteOrder);

/** The expected keys and common prefixes of a full listing. */
function model(prefix: string, delimiter: string): { keys: string[]; prefixes: string[] } {
  const out = { keys: [] as string[], prefixes: [] as string[] };
  for (const k of sorted) {
    if (!k.startsWith(prefix)) continue;
    const at = delimiter ? k.indexOf(delimiter, prefix.length) : -1;
    if (at >= 0) { const cp = k.slice(0, at + delimiter.length); if (!out.prefixes.includes(cp)) out.prefixes.push(cp); } else out.keys.push(k);
  }
  return out;
}

beforeAll(async () => {
  core = await startTestCore();
  await core.s3.send(new CreateBucketCommand({ Bucket: B }));
  const ctx = { requestId: 'seed', hostId: 'seed', sourceIp: '127.0.0.1', principalId: 'seed' };
  for (const key of keys) {
    await core.storage.putObject({ bucket: B, key, source: Readable.from([Buffer.from(key)]), meta: {}, algorithms: [], eventName: 's3:ObjectCreated:Put', ctx });
  }
});
afterAll(async () => { await core.stop(); });

async function allV2(params: { Prefix?: string; Delimiter?: string; MaxKeys?: number; StartAfter?: string }) {
  const out = { keys: [] as string[], prefixes: [] as string[], pages: 0 };
  let token: string | undefined;
  do {
    const r: ListObjectsV2CommandOutput = await core.s3.send(new ListObjectsV2Command({ Bucket: B, ...params, ContinuationToken: token }));
    out.pages++;
    expect(r.KeyCount).toBe((r.Contents?.length ?? 0) + (r.CommonPrefixes?.length ?? 0));
    out.keys.push(...(r.Contents ?? []).map((c) => c.Key as string));
    out.prefixes.push(...(r.CommonPrefixes ?? []).map((c) => c.Prefix as string));
    token = r.IsTruncated ? r.NextContinuationToken : undefined;
  } while (token);
  return out;
}

test('v2 without delimiter pages through every key in order', async () => {
  const r = await allV2({});
  expect(r.pages).toBe(Math.ceil(sorted.length / 1000));
  expect(r.keys).toEqual(sorted);
});

test.each([
  ['', '/', 7], ['dir05/', '/', 10], ['dir1', '/', 50], ['top-', '', 40], ['', '/', 3], ['dir0', 'file0', 13],
])('v2 prefix %j delimiter %j max-keys %i matches the model', async (prefix, delimiter, maxKeys) => {
  const r = await allV2({ Prefix: prefix, Delimiter: delimiter || undefined, MaxKeys: maxKeys });
  const m = model(prefix, delimiter);
  expect(r.keys).toEqual(m.keys);
  expect(r.prefixes).toEqual(m.prefixes);
});

test('v2 start-after and encoding-type=url', async () => {
  const r = await core.s3.send(new ListObjectsV2Command({ Bucket: B, StartAfter: 'dir24/file094.txt', MaxKeys: 3 }));
  expect(r.Contents?.map((c) => c.Key)).toEqual(sorted.slice(sorted.indexOf('dir24/file094.txt') + 1).slice(0, 3));
  const enc = await core.s3.send(new ListObjectsV2Command({ Bucket: B, Prefix: 'a b', EncodingType: 'url' }));
  expect(enc.Contents?.map((c) => c.Key)).toEqual(['a%20b%2Bc%25']);
});

test('v2 echoes an empty ContinuationToken and lists from the start', async () => {
  const r = await core.s3.send(new ListObjectsV2Command({ Bucket: B, ContinuationToken: '', MaxKeys: 2 }));
  expect(r.ContinuationToken).toBe('');
  expect(r.Contents?.map((c) => c.Key)).toEqual(sorted.slice(0, 2));
});

test('v1 encoding-type=url encodes Prefix, Delimiter, Marker, NextMarker and keys', async () => {
  const r = await core.s3.send(new ListObjectsCommand({ Bucket: B, Prefix: 'a b', Delimiter: '%', Marker: 'a b+', EncodingType: 'url' }));
  expect(r).toMatchObject({ Prefix: 'a%20b', Delimiter: '%25', Marker: 'a%20b%2B', EncodingType: 'url' });
  expect(r.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a%20b%2Bc%25']);
  const paged = await core.s3.send(new ListObjectsCommand({ Bucket: B, Delimiter: '/', MaxKeys: 1, EncodingType: 'url' }));
  expect(paged).toMatchObject({ Prefix: '', Delimiter: '/', NextMarker: 'a%20b%2Bc%25', IsTruncated: true });
});

test('v1 with marker and NextMarker when a delimiter is given', async () => {
  const keysSeen: string[] = [];
  const prefixes: string[] = [];
  let marker: string | undefined;
  let pages = 0;
  for (;;) {
    const r = await core.s3.send(new ListObjectsCommand({ Bucket: B, Delimiter: '/', MaxKeys: 9, Marker: marker }));
    pages++;
    keysSeen.push(...(r.Contents ?? []).map((c) => c.Key as string));
    prefixes.push(...(r.CommonPrefixes ?? []).map((c) => c.Prefix as string));
    if (!r.IsTruncated) break;
    expect(r.NextMarker).toBeDefined();
    marker = r.NextMarker;
  }
  const m = model('', '/');
  expect(keysSeen).toEqual(m.keys);
  expect(prefixes).toEqual(m.prefixes);
  expect(pages).toBe(Math.ceil((m.keys.length + m.prefixes.length) / 9));
  const plain: string[] = [];
  marker = undefined;
  for (;;) {
    const r = await core.s3.send(new ListObjectsCommand({ Bucket: B, Prefix: 'dir07/', MaxKeys: 40, Marker: marker }));
    plain.push(...(r.Contents ?? []).map((c) => c.Key as string));
    if (!r.IsTruncated) break;
    marker = plain[plain.length - 1];
  }
  expect(plain).toEqual(model('dir07/', '').keys);
});

test('a replaced key is listed once with its new size', async () => {
  await core.s3.send(new PutObjectCommand({ Bucket: B, Key: 'top-000', Body: 'replaced!' }));
  const r = await core.s3.send(new ListObjectsV2Command({ Bucket: B, Prefix: 'top-000' }));
  expect(r.Contents?.map((c) => [c.Key, c.Size])).toEqual([['top-000', 9]]);
});
