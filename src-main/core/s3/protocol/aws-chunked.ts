// Streaming decoder of `aws-chunked` bodies: `hex-size[;chunk-signature=…]\r\n data \r\n … 0…\r\n trailers \r\n`.
// Verifies chunk signatures, the trailing checksum and the trailer signature while streaming; any failure
// errors the stream before it ends, so an operation reading it never commits. Constant memory.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from '../s3-error';
import type { ChunkSignatureChain } from '../auth/chunk-signature';
import { checksumLabel, type RunningChecksum } from './checksums';

/** Options of one decoder. */
export interface AwsChunkedOptions {
  /** Chunk signature chain (signed streaming modes); absent for unsigned payloads. */
  chain?: ChunkSignatureChain;
  /** Checksum to verify against the trailer of the same name. */
  checksum?: RunningChecksum;
  /** Filled with the trailer values (lower-cased names) once the body ends. */
  trailers: Record<string, string>;
  /** Expected decoded length (x-amz-decoded-content-length). */
  decodedLength?: number;
}

type State = 'size' | 'data' | 'data-crlf' | 'trailer' | 'done';
const MAX_LINE = 8192;
const CR = 13;
const LF = 10;

const incomplete = () => new S3Error('IncompleteBody', 'The request body terminated unexpectedly or is not valid aws-chunked encoding.');
const badSignature = () => new S3Error('SignatureDoesNotMatch',
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.');

/** Transform: aws-chunked bytes in, payload bytes out. */
export class AwsChunkedDecoder extends Transform {
  private state: State = 'size';
  private pending: Buffer | undefined;
  private remaining = 0;
  private chunkSignature = '';
  private chunkHash: Hash | undefined;
  private decoded = 0;
  private canonicalTrailer = '';
  private trailerSignature = '';

  constructor(private readonly options: AwsChunkedOptions) { super(); }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    try { this.consume(chunk); callback(); } catch (err) { callback(err as Error); }
  }

  override _flush(callback: TransformCallback): void {
    if (this.state !== 'done') return callback(incomplete());
    const expected = this.options.decodedLength;
    if (expected !== undefined && expected !== this.decoded) return callback(incomplete());
    callback();
  }

  private consume(buf: Buffer): void {
    let pos = 0;
    while (pos < buf.length) {
      if (this.state === 'data') {
        const n = Math.min(this.remaining, buf.length - pos);
        const piece = buf.subarray(pos, pos + n);
        this.chunkHash?.update(piece);
        this.options.checksum?.update(piece);
        this.decoded += n;
        this.remaining -= n;
        pos += n;
        this.push(piece);
        if (this.remaining === 0) this.state = 'data-crlf';
      } else if (this.state === 'done') {
        if (buf.subarray(pos).some((b) => b !== CR && b !== LF)) throw incomplete();
        return;
      } else {
        const lf = buf.indexOf(LF, pos);
        if (lf < 0) {
          this.pending = this.pending ? Buffer.concat([this.pending, buf.subarray(pos)]) : buf.subarray(pos);
          if (this.pending.length > MAX_LINE) throw incomplete();
          return;
        }
        let line = buf.subarray(pos, lf);
        if (this.pending) { line = Buffer.concat([this.pending, line]); this.pending = undefined; }
        if (line.length > MAX_LINE) throw incomplete();
        pos = lf + 1;
        this.onLine(line.length && line[line.length - 1] === CR ? line.subarray(0, line.length - 1) : line);
      }
    }
  }

  private onLine(line: Buffer): void {
    if (this.state === 'data-crlf') {
      if (line.length) throw incomplete();
      this.endChunk();
      this.state = 'size';
    } else if (this.state === 'size') {
      this.startChunk(line.toString('latin1'));
    } else if (line.length === 0) {
      this.finish();
    } else {
      this.addTrailer(line.toString('utf8'));
    }
  }

  private startChunk(header: string): void {
    const semi = header.indexOf(';');
    const hex = semi < 0 ? header : header.slice(0, semi);
    if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) throw incomplete();
    const size = parseInt(hex, 16);
    if (this.options.chain) {
      const m = /chunk-signature=([0-9a-f]{64})/.exec(header.slice(semi + 1));
      if (semi < 0 || !m) throw badSignature();
      this.chunkSignature = m[1];
      this.chunkHash = createHash('sha256');
    }
    if (size > 0) {
      this.remaining = size;
      this.state = 'data';
    } else {
      this.endChunk();
      this.state = 'trailer';
    }
  }

  private endChunk(): void {
    if (!this.options.chain || !this.chunkHash) return;
    if (!this.options.chain.verifyChunk(this.chunkSignature, this.chunkHash.digest('hex'))) throw badSignature();
    this.chunkHash = undefined;
  }

  private addTrailer(line: string): void {
    const colon = line.indexOf(':');
    if (colon <= 0) throw incomplete();
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') { this.trailerSignature = value; return; }
    this.options.trailers[name] = value;
    this.canonicalTrailer += `${name}:${value}\n`;
  }

  private finish(): void {
    const { checksum, chain, trailers } = this.options;
    if (checksum) {
      const got = trailers[checksum.name];
      if (got === undefined) throw new S3Error('IncompleteBody', `The trailer ${checksum.name} was declared but not sent.`);
      if (got !== checksum.digest()) {
        throw new S3Error('BadDigest', `The ${checksumLabel(checksum.name)} you specified did not match the calculated checksum.`);
      }
    }
    if (chain && this.canonicalTrailer && !chain.verifyTrailer(this.trailerSignature, this.canonicalTrailer)) throw badSignature();
    this.state = 'done';
  }
}
