// Browser POST uploads (multipart/form-data): reads the form fields up to the part named `file` with busboy
// and hands that part on as a stream; enforces the policy's content-length-range while it streams.
import type { IncomingMessage } from 'node:http';
import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';
import busboy from 'busboy';
import { S3Error } from '../s3-error';
import { clientGone } from './payload';

/** The fields before the file part (names lower-cased) and the file itself. */
export interface PostForm {
  fields: Record<string, string>;
  file: Readable;
  filename: string;
}

const FIELD_LIMIT = 1024 * 1024;
const malformed = () => new S3Error('MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');

/** Read a part that carries a filename but is not the `file` part (python-requests sends every field so). */
function readFieldPart(part: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    part.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= FIELD_LIMIT) chunks.push(chunk);
    });
    part.once('end', () => (size > FIELD_LIMIT ? reject(malformed()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    part.once('error', () => reject(malformed()));
  });
}

/**
 * Parse the form until its part named `file`; other parts are fields (with or without a filename), names
 * lower-cased; fields after the file are ignored, as S3 does.
 */
export function readPostForm(req: IncomingMessage): Promise<PostForm> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const pending: Promise<void>[] = [];
    let done = false;
    const fail = (err: S3Error) => { if (!done) { done = true; reject(err); } };
    let parser: busboy.Busboy;
    try {
      // Browsers send a file name as raw UTF-8 (HTML form-data encoding), not busboy's default latin1.
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fields: 200, files: 200, fieldSize: FIELD_LIMIT } });
    } catch {
      return reject(malformed());
    }
    // A part without a name (busboy gives `undefined`) is no field: it is skipped, never a throw inside the stream.
    parser.on('field', (name: string | undefined, value) => { if (!done && typeof name === 'string') fields[name.toLowerCase()] = value; });
    parser.on('file', (name: string | undefined, part, info) => {
      if (done || typeof name !== 'string') { part.resume(); return; }
      if (name.toLowerCase() !== 'file') {
        pending.push(readFieldPart(part).then((value) => { fields[name.toLowerCase()] = value; }));
        return;
      }
      done = true;
      // The part's bytes go on through `file`, whose errors are S3Errors: a form cut short is MalformedPOSTRequest.
      const file = new PassThrough();
      part.on('error', (err) => file.destroy(err instanceof S3Error ? err : malformed()));
      // The reader attaches its own listener; this one keeps an abort after a rejected upload from being unhandled.
      file.on('error', () => undefined);
      req.once('close', () => { if (!req.complete) part.destroy(clientGone()); });
      part.pipe(file);
      Promise.all(pending).then(() => resolve({ fields: { ...fields }, file, filename: info.filename ?? '' }),
        (err: S3Error) => { file.resume(); reject(err); });
    });
    parser.on('error', () => fail(malformed()));
    parser.on('close', () => fail(new S3Error('InvalidArgument', 'POST requires exactly one file upload per request.',
      { ArgumentName: 'file', ArgumentValue: '0' })));
    req.once('close', () => { if (!req.complete) fail(clientGone()); });
    req.pipe(parser);
  });
}

/** Errors the stream when the byte count leaves [min, max] (the policy's content-length-range). */
export class LengthRange extends Transform {
  private seen = 0;
  constructor(private readonly min: number, private readonly max: number) { super(); }
  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) return callback(new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size',
      { MaxSizeAllowed: String(this.max) }));
    callback(null, chunk);
  }
  override _flush(callback: TransformCallback): void {
    if (this.seen < this.min) return callback(new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size',
      { MinSizeAllowed: String(this.min) }));
    callback();
  }
}
