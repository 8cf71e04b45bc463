// Object bytes on disk: stream to a temp file while hashing, fsync, rename into objects/ under a generated
// name (never derived from the key). Also reads files back (small ones whole) and sweeps orphans at startup.
import {
  closeSync, createReadStream, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, unlinkSync,
  type ReadStream,
} from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { StreamHasher, type Checksums, type ChecksumAlgorithm } from './hashing';
import { fsyncAsync, writeAllAsync, writeAllSync } from './fd-io';
import { Lru } from './lru';

/** A file written and hashed, placed under objects/ but not yet referenced by any row. */
export interface WrittenBlob {
  file: string;
  size: number;
  md5Hex: string;
  md5: Buffer;
  checksums: Checksums;
}

/** Ranges up to this size are read into memory in one call instead of streamed. */
export const SMALL_READ = 64 * 1024;
/** Memory for the bytes of hot small files. */
const HOT_BYTES = 8 * 1024 * 1024;
/** Bytes collected before one write to the temp file; bodies that end below it are written synchronously. */
const WRITE_BATCH = 1024 * 1024;

/** Files under `dataDir`: `tmp/` for writes in progress, `objects/xx/<id>` for committed bytes. */
export class BlobStore {
  private readonly tmpDir: string;
  private readonly objectsDir: string;
  /** Sub-folders of objects/ known to exist (created once, never removed while running). */
  private readonly madeDirs = new Set<string>();
  /** Bytes of recently read small files. Committed files never change (a write makes a new file), so an entry can't go stale. */
  private readonly hot = new Lru<string, Buffer>(HOT_BYTES);

  constructor(dataDir: string) {
    this.tmpDir = join(dataDir, 'tmp');
    this.objectsDir = join(dataDir, 'objects');
    mkdirSync(this.tmpDir, { recursive: true });
    mkdirSync(this.objectsDir, { recursive: true });
  }

  /** Absolute path of a stored file name. */
  path(file: string): string {
    return join(this.objectsDir, file);
  }

  /**
   * Stream `source` (or each source in turn) to a temp file, hashing it, fsync and move it into objects/.
   * Chunks are batched into large writes, one in flight while the next batch is read; a body that fits
   * one batch is written with a single synchronous write (page cache only). Only the fsync goes to the
   * thread pool: open and rename are quick, but queued there behind other requests' fsyncs they waited
   * ~4 ms each at 16 concurrent PUTs. On any error the temp file is removed and the error rethrown.
   */
  async write(sources: Readable | Iterable<() => Readable>, algorithms: Iterable<ChecksumAlgorithm>): Promise<WrittenBlob> {
    const id = randomBytes(16).toString('hex');
    const tmp = join(this.tmpDir, id);
    const hasher = new StreamHasher(algorithms);
    const fd = openSync(tmp, 'w');
    let inflight: Promise<void> | undefined;
    try {
      let batch: Buffer[] = [];
      let batched = 0;
      const list = 'pipe' in sources ? [() => sources] : sources;
      for (const next of list) {
        for await (const chunk of next()) {
          const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
          hasher.update(buf);
          batch.push(buf);
          batched += buf.length;
          if (batched < WRITE_BATCH) continue;
          await inflight;
          inflight = writeAllAsync(fd, batch);
          batch = [];
          batched = 0;
        }
      }
      await inflight;
      inflight = undefined;
      if (batched) writeAllSync(fd, batch);
      await fsyncAsync(fd);
    } catch (err) {
      await inflight?.catch(() => undefined);
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw err;
    }
    closeSync(fd);
    const dir = id.slice(0, 2);
    if (!this.madeDirs.has(dir)) {
      mkdirSync(join(this.objectsDir, dir), { recursive: true });
      this.madeDirs.add(dir);
    }
    const file = `${dir}/${id}`;
    try {
      renameSync(tmp, this.path(file));
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    return { file, size: hasher.size, ...hasher.finish() };
  }

  /** Open a stored file now (so a later unlink cannot race) and stream bytes [start, end] inclusive. */
  read(file: string, start?: number, end?: number): ReadStream {
    const fd = openSync(this.path(file), 'r');
    return createReadStream('', { fd, start, end, highWaterMark: 256 * 1024 });
  }

  /**
   * Bytes [start, end] inclusive of a stored file of `size` bytes: from the hot cache, or read whole into
   * memory (one open, read, close, no thread-pool round trip) when the range is at most SMALL_READ bytes
   * (whole small files are then cached), else a stream.
   */
  readRange(file: string, size: number, start = 0, end = size - 1): Buffer | ReadStream {
    const cached = this.hot.get(file);
    if (cached) return start === 0 && end === cached.length - 1 ? cached : cached.subarray(start, end + 1);
    const length = end - start + 1;
    if (length > SMALL_READ) return this.read(file, start, end);
    const fd = openSync(this.path(file), 'r');
    let out = Buffer.allocUnsafe(length);
    try {
      let got = 0;
      while (got < length) {
        const n = readSync(fd, out, got, length - got, start + got);
        if (n === 0) break;
        got += n;
      }
      if (got < length) out = out.subarray(0, got);
    } finally {
      closeSync(fd);
    }
    if (start === 0 && out.length === size) this.hot.set(file, out, size);
    return out;
  }

  /** Remove a stored file; missing files are ignored. */
  unlink(file: string | null | undefined): void {
    if (!file) return;
    this.hot.delete(file);
    try { unlinkSync(this.path(file)); } catch { /* already gone */ }
  }

  /** Remove a stored file off the event loop (unlink can wait on the file-system journal); missing files are ignored. */
  async remove(file: string | null | undefined): Promise<void> {
    if (!file) return;
    this.hot.delete(file);
    await unlink(this.path(file)).catch(() => undefined);
  }

  /** Startup: empty tmp/ and remove every file under objects/ that `isReferenced` does not claim. */
  sweep(isReferenced: (file: string) => boolean): number {
    let removed = 0;
    for (const name of readdirSync(this.tmpDir)) { rmSync(join(this.tmpDir, name), { force: true, recursive: true }); removed++; }
    for (const dir of readdirSync(this.objectsDir)) {
      for (const name of readdirSync(join(this.objectsDir, dir))) {
        const file = `${dir}/${name}`;
        if (!isReferenced(file)) { this.unlink(file); removed++; }
      }
    }
    return removed;
  }
}
