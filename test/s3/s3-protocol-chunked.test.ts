// aws-chunked decoder: unsigned/signed chunks, trailers and checksums, with the input split at every
// byte boundary; tampering and truncation must error the stream before it ends.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { AwsChunkedDecoder, type AwsChunkedOptions } from '../../src-main/core/s3/protocol/aws-chunked';
import { ChunkSignatureChain } from '../../src-main/core/s3/auth/chunk-signature';
import { createChecksum } from '../../src-main/core/s3/protocol/checksums';
import { deriveKey, encodeChunks } from './s3-protocol-helpers';

const AMZ_DATE = '20260101T000000Z';
const SCOPE = '20260101/ru-msk/s3/aws4_request';
const SEED = 'a'.repeat(64);
const KEY = deriveKey('secret', '20260101', 'ru-msk');

/** Run the decoder over `pieces`; resolves with output bytes or rejects with the stream error. */
function decode(pieces: Buffer[], options: AwsChunkedOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const decoder = new AwsChunkedDecoder(options);
    const out: Buffer[] = [];
    decoder.on('data', (c: Buffer) => out.push(c));
    decoder.on('end', () => resolve(Buffer.concat(out)));
    decoder.on('error', reject);
    for (const p of pieces) decoder.write(p);
    decoder.end();
  });
}

const splitAt = (buf: Buffer, i: number) => [buf.subarray(0, i), buf.subarray(i)];
const crcB64 = (data: Buffer) => { const b = Buffer.alloc(4); b.writeUInt32BE(crc32(data)); return b.toString('base64'); };
const chain = () => new ChunkSignatureChain(KEY, AMZ_DATE, SCOPE, SEED);
const signed = (chunks: Buffer[], trailers?: Record<string, string>) =>
  encodeChunks(chunks, { seed: SEED, key: KEY, amzDate: AMZ_DATE, scope: SCOPE, trailers });

describe('aws-chunked decoder', () => {
  const data = [Buffer.from('hello, '), Buffer.from('aws-chunked world\r\n'), Buffer.from('0;x')];
  const payload = Buffer.concat(data);

  it('decodes unsigned chunks with a crc32 trailer, split at every byte', async () => {
    const wire = encodeChunks(data, { trailers: { 'x-amz-checksum-crc32': crcB64(payload) } });
    for (let i = 0; i <= wire.length; i++) {
      const trailers: Record<string, string> = {};
      const out = await decode(splitAt(wire, i), { trailers, checksum: createChecksum('x-amz-checksum-crc32'), decodedLength: payload.length });
      expect(out.equals(payload)).toBe(true);
      expect(trailers['x-amz-checksum-crc32']).toBe(crcB64(payload));
    }
  });

  it('decodes byte-by-byte signed chunks and verifies the chain', async () => {
    const wire = signed(data);
    const out = await decode([...wire].map((b) => Buffer.from([b])), { trailers: {}, chain: chain() });
    expect(out.equals(payload)).toBe(true);
    for (let i = 0; i <= wire.length; i += 7) {
      expect((await decode(splitAt(wire, i), { trailers: {}, chain: chain() })).equals(payload)).toBe(true);
    }
  });

  it('verifies a signed trailer', async () => {
    const trailers: Record<string, string> = {};
    const wire = signed(data, { 'x-amz-checksum-crc32': crcB64(payload) });
    const out = await decode([wire], { trailers, chain: chain(), checksum: createChecksum('x-amz-checksum-crc32') });
    expect(out.equals(payload)).toBe(true);
    const forged = Buffer.from(wire.toString('latin1').replace(/trailer-signature:[0-9a-f]/, 'trailer-signature:z'), 'latin1');
    await expect(decode([forged], { trailers: {}, chain: chain() })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('handles a 1 MiB payload in 64 KiB chunks', async () => {
    const big = randomBytes(1024 * 1024);
    const chunks = Array.from({ length: 16 }, (_, i) => big.subarray(i * 65536, (i + 1) * 65536));
    const wire = signed(chunks);
    const pieces = Array.from({ length: Math.ceil(wire.length / 10_000) }, (_, i) => wire.subarray(i * 10_000, (i + 1) * 10_000));
    expect((await decode(pieces, { trailers: {}, chain: chain(), decodedLength: big.length })).equals(big)).toBe(true);
  });

  it.each([
    ['a tampered data byte', (w: Buffer) => { const t = Buffer.from(w); t[t.indexOf('aws')] ^= 1; return t; }, 'SignatureDoesNotMatch'],
    ['a wrong signature', (w: Buffer) => Buffer.from(w.toString('latin1').replace('chunk-signature=', 'chunk-signature=0').replace(/(chunk-signature=0[0-9a-f]{63})[0-9a-f]/, '$1'), 'latin1'), 'SignatureDoesNotMatch'],
    ['truncation', (w: Buffer) => w.subarray(0, w.length - 10), 'IncompleteBody'],
    ['a bad size line', (w: Buffer) => Buffer.concat([Buffer.from('zz;chunk-signature=' + 'a'.repeat(64) + '\r\n'), w]), 'IncompleteBody'],
  ])('rejects %s', async (_name, mutate, code) => {
    await expect(decode([mutate(signed(data))], { trailers: {}, chain: chain() })).rejects.toMatchObject({ code });
  });

  it('rejects a chunk without signature in signed mode', async () => {
    await expect(decode([encodeChunks(data)], { trailers: {}, chain: chain() })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it.each(['x-amz-checksum-crc32', 'x-amz-checksum-crc32c', 'x-amz-checksum-sha1', 'x-amz-checksum-sha256'])('BadDigest on a wrong %s', async (name) => {
    const good = createChecksum(name);
    good?.update(payload);
    const value = good?.digest() ?? '';
    const ok = await decode([encodeChunks(data, { trailers: { [name]: value } })], { trailers: {}, checksum: createChecksum(name) });
    expect(ok.equals(payload)).toBe(true);
    const wrong = encodeChunks(data, { trailers: { [name]: crcB64(Buffer.from('other')) } });
    await expect(decode([wrong], { trailers: {}, checksum: createChecksum(name) })).rejects.toMatchObject({ code: 'BadDigest' });
  });

  it('rejects a declared trailer that is missing and a wrong decoded length', async () => {
    await expect(decode([encodeChunks(data)], { trailers: {}, checksum: createChecksum('x-amz-checksum-crc32') }))
      .rejects.toMatchObject({ code: 'IncompleteBody' });
    await expect(decode([encodeChunks(data)], { trailers: {}, decodedLength: payload.length + 1 }))
      .rejects.toMatchObject({ code: 'IncompleteBody' });
  });

  it('known checksum vectors', () => {
    const c = createChecksum('x-amz-checksum-crc32c');
    c?.update(Buffer.from('123456789'));
    expect(c?.digest()).toBe(Buffer.from('e3069283', 'hex').toString('base64'));
    const d = createChecksum('x-amz-checksum-crc32');
    d?.update(Buffer.from('1234'));
    d?.update(Buffer.from('56789'));
    expect(d?.digest()).toBe(Buffer.from('cbf43926', 'hex').toString('base64'));
  });
});
