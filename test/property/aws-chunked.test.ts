// Properties of the streaming aws-chunked decoder: on any valid body (unsigned or signed chunks, with or without a
// checksum trailer, fed in any split) it agrees byte for byte with a straightforward whole-buffer reference decoder
// and with the payload; on mutated or arbitrary bytes it ends or errors with an S3Error, and never disagrees with
// the reference when both accept.
import { describe, expect, it } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { AwsChunkedDecoder, type AwsChunkedOptions } from '../../src-main/core/s3/protocol/aws-chunked';
import { ChunkSignatureChain } from '../../src-main/core/s3/auth/chunk-signature';
import { createChecksum } from '../../src-main/core/s3/protocol/checksums';
import { S3Error } from '../../src-main/core/s3/s3-error';
import { deriveKey, encodeChunks } from '../s3/s3-protocol-helpers';
import { RUNS } from './arbitraries';

const AMZ_DATE = '20260101T000000Z';
const SCOPE = '20260101/ru-msk/s3/aws4_request';
const SEED = 'c'.repeat(64);
const KEY = deriveKey('secret', '20260101', 'ru-msk');
const TRAILER = 'x-amz-checksum-crc32';
const EMPTY = createHash('sha256').update('').digest('hex');

const hmac = (data: string) => createHmac('sha256', KEY).update(data).digest('hex');
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const crcB64 = (data: Buffer) => { const b = Buffer.alloc(4); b.writeUInt32BE(crc32(data)); return b.toString('base64'); };

/** The straightforward reading of the format over the whole buffer: CRLF lines, hex sizes, data, trailers. */
function referenceDecode(wire: Buffer, signed: boolean, checksum: boolean): { payload: Buffer; trailers: Record<string, string> } | undefined {
  let pos = 0;
  let previous = SEED;
  const line = (): string | undefined => {
    const end = wire.indexOf('\r\n', pos);
    if (end < 0) return undefined;
    const text = wire.subarray(pos, end).toString('latin1');
    pos = end + 2;
    return text;
  };
  const parts: Buffer[] = [];
  for (;;) {
    const header = line();
    const m = header === undefined ? null : /^([0-9a-fA-F]{1,16})(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(header);
    if (!m || (signed && !m[2])) return undefined;
    const size = parseInt(m[1], 16);
    const data = wire.subarray(pos, pos + size);
    if (data.length !== size) return undefined;
    pos += size;
    if (signed) {
      previous = hmac(`AWS4-HMAC-SHA256-PAYLOAD\n${AMZ_DATE}\n${SCOPE}\n${previous}\n${EMPTY}\n${sha(data)}`);
      if (previous !== m[2]) return undefined;
    }
    if (size === 0) break;
    parts.push(data);
    if (line() !== '') return undefined;
  }
  const trailers: Record<string, string> = {};
  let canonical = '';
  let trailerSignature = '';
  for (let l = line(); l !== ''; l = line()) {
    const colon = l?.indexOf(':') ?? -1;
    if (l === undefined || colon <= 0) return undefined;
    const name = l.slice(0, colon).trim().toLowerCase();
    const value = l.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') trailerSignature = value;
    else { trailers[name] = value; canonical += `${name}:${value}\n`; }
  }
  if (pos !== wire.length) return undefined;
  const payload = Buffer.concat(parts);
  if (checksum && trailers[TRAILER] !== crcB64(payload)) return undefined;
  if (signed && canonical && hmac(`AWS4-HMAC-SHA256-TRAILER\n${AMZ_DATE}\n${SCOPE}\n${previous}\n${sha(canonical)}`) !== trailerSignature) return undefined;
  return { payload, trailers };
}

/** Run the streaming decoder over `pieces`: its output and trailers, or the error it ended with. */
function decode(pieces: Buffer[], signed: boolean, checksum: boolean): Promise<{ payload: Buffer; trailers: Record<string, string> } | Error> {
  const trailers: Record<string, string> = {};
  const options: AwsChunkedOptions = {
    trailers, chain: signed ? new ChunkSignatureChain(KEY, AMZ_DATE, SCOPE, SEED) : undefined,
    checksum: checksum ? createChecksum(TRAILER) : undefined,
  };
  return new Promise((resolve) => {
    const decoder = new AwsChunkedDecoder(options);
    const out: Buffer[] = [];
    decoder.on('data', (c: Buffer) => out.push(c));
    decoder.on('end', () => resolve({ payload: Buffer.concat(out), trailers }));
    decoder.on('error', (err) => resolve(err));
    for (const p of pieces) decoder.write(p);
    decoder.end();
  });
}

/** Cut `buf` at the given fractions into pieces (any split the network could make). */
function split(buf: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * buf.length)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let prev = 0;
  for (const i of [...at, buf.length]) { pieces.push(buf.subarray(prev, i)); prev = i; }
  return pieces;
}

const body = fc.record({
  chunks: fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }).map((a) => Buffer.from(a)), { maxLength: 6 }),
  signed: fc.boolean(),
  checksum: fc.boolean(),
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
});
type Body = typeof body extends fc.Arbitrary<infer T> ? T : never;

function encode(b: Body): Buffer {
  const trailers = b.checksum ? { [TRAILER]: crcB64(Buffer.concat(b.chunks)) } : undefined;
  return encodeChunks(b.chunks, b.signed ? { seed: SEED, key: KEY, amzDate: AMZ_DATE, scope: SCOPE, trailers } : { trailers });
}

describe('aws-chunked decoder', () => {
  it('agrees with the reference decoder and the payload on any valid body, however it is split', async () => {
    await fc.assert(fc.asyncProperty(body, async (b) => {
      const wire = encode(b);
      const reference = referenceDecode(wire, b.signed, b.checksum);
      expect(reference?.payload.equals(Buffer.concat(b.chunks))).toBe(true);
      const got = await decode(split(wire, b.cuts), b.signed, b.checksum);
      expect(got).toEqual(reference);
    }), { numRuns: RUNS });
  });

  it('ends or fails with an S3Error on mutated bodies, agreeing with the reference when both accept', async () => {
    const mutation = fc.record({ at: fc.nat({ max: 999_999 }).map((n) => n / 1_000_000), op: fc.constantFrom('flip', 'insert', 'delete', 'truncate'),
      byte: fc.constantFrom(0x30, 0x0d, 0x0a, 0x3b, 0x3a, 0x66, 0x00, 0xff) });
    await fc.assert(fc.asyncProperty(body, fc.array(mutation, { minLength: 1, maxLength: 3 }), async (b, mutations) => {
      let wire = encode(b);
      for (const m of mutations) {
        const i = Math.floor(m.at * wire.length);
        if (m.op === 'flip') wire = Buffer.concat([wire.subarray(0, i), Buffer.from([m.byte]), wire.subarray(i + 1)]);
        if (m.op === 'insert') wire = Buffer.concat([wire.subarray(0, i), Buffer.from([m.byte]), wire.subarray(i)]);
        if (m.op === 'delete') wire = Buffer.concat([wire.subarray(0, i), wire.subarray(i + 1)]);
        if (m.op === 'truncate') wire = wire.subarray(0, i);
      }
      const got = await decode(split(wire, b.cuts), b.signed, b.checksum);
      if (got instanceof Error) { expect(got).toBeInstanceOf(S3Error); return; }
      const reference = referenceDecode(wire, b.signed, b.checksum);
      if (reference) expect(got).toEqual(reference);
    }), { numRuns: RUNS });
  });

  it('ends or fails with an S3Error on arbitrary bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), fc.boolean(), async (bytes, signed, checksum) => {
      const got = await decode([Buffer.from(bytes)], signed, checksum);
      if (got instanceof Error) expect(got).toBeInstanceOf(S3Error);
    }), { numRuns: RUNS });
  });
});
