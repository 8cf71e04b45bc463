// Object bytes kept as files: a write too large to live inline streams to a temp file (0600) while hashing,
// is fsynced, renamed into objects/xx/ under a generated name and the folder fsynced — all before any row
// names it. Also reads files back (small ones whole, cached) and sweeps orphans at startup.
import {
  closeSync, createReadStream, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, unlinkSync,
  type ReadStream,
} from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DirSync, fsyncDirSync } from '../kernel/durability/dir-sync';
import { StreamHasher, type Checksums, type ChecksumAlgorithm } from './hashing';
import { fsyncAsync, writeAllAsync, writeAllSync } from './fd-io';
import { Lru } from './lru';

/** Size and hashes of written bytes. */
interface Hashed { size: number; md5Hex: string; md5: Buffer; checksums: Checksums }
/** Bytes in a durable file under objects/ that no row references yet. */
export type WrittenFile = Hashed & { file: string; body: null };
/** Written and hashed bytes not yet referenced by any row: a durable file, or a small body kept in memory (inline). */
export type WrittenBlob = WrittenFile | (Hashed & { file: null; body: Buffer });

/** A write in progress under tmp/. */
interface TempFile { id: string; path: string; fd: number }

/** Ranges up to this size are read into memory in one call instead of streamed. */
export const SMALL_READ = 64 * 1024;
/** Memory for the bytes of hot small files. */
const HOT_BYTES = 8 * 1024 * 1024;
/** Bytes collected before one write to the temp file (an inline limit must stay below it). */
const WRITE_BATCH = 1024 * 1024;

/** Files under `dataDir`: `tmp/` for writes in progress, `objects/xx/<id>` for committed bytes. */
export class BlobStore {
  private readonly tmpDir: string;
  private readonly objectsDir: string;
  /** Sub-folders of objects/ made (or found) by this process, settled once their name is durable. */
  private readonly madeDirs = new Map<string, Promise<void>>();
  private readonly dirSync = new DirSync();
  /** Bytes of recently read small files. Committed files never change (a write makes a new file), so an entry can't go stale. */
  private readonly hot = new Lru<string, Buffer>(HOT_BYTES);

  /**
   * @param durable resolves once every commit made so far is on stable storage (files a commit stops referencing
   *   are removed only after it: until then a power cut could bring the old row back).
   * @param inlineLimit bodies up to this many bytes may stay inline (at most WRITE_BATCH).
   */
  constructor(dataDir: string, private readonly durable: () => Promise<void>, private readonly inlineLimit: number) {
    this.tmpDir = join(dataDir, 'tmp');
    this.objectsDir = join(dataDir, 'objects');
    mkdirSync(this.tmpDir, { recursive: true, mode: 0o700 });
    mkdirSync(this.objectsDir, { recursive: true, mode: 0o700 });
    // Names made by an earlier run that crashed before syncing them (tmp/, objects/, objects/xx/) become durable
    // now: this run trusts every existing folder without syncing its parent again.
    fsyncDirSync(dataDir);
    fsyncDirSync(this.objectsDir);
  }

  /** Absolute path of a stored file name. */
  path(file: string): string {
    return join(this.objectsDir, file);
  }

  /**
   * Hash `source` (or each source in turn). With `mayInline`, a body of at most the inline limit is returned
   * in memory; any other goes to a file: chunks batched into large writes (one in flight while the next batch is
   * read), fsync, rename into objects/, fsync of its folder. Only fsyncs go to the thread pool: open and
   * rename are quick, but queued there behind other requests' fsyncs they waited ~4 ms each at 16
   * concurrent PUTs. On any error the temp file is removed and the error rethrown.
   */
  write(sources: Readable | Iterable<() => Readable>, algorithms: Iterable<ChecksumAlgorithm>): Promise<WrittenFile>;
  write(sources: Readable | Iterable<() => Readable>, algorithms: Iterable<ChecksumAlgorithm>, mayInline: boolean): Promise<WrittenBlob>;
  async write(sources: Readable | Iterable<() => Readable>, algorithms: Iterable<ChecksumAlgorithm>, mayInline = false): Promise<WrittenBlob> {
    const hasher = new StreamHasher(algorithms);
    let tmp: TempFile | undefined;
    let inflight: Promise<void> | undefined;
    let batch: Buffer[] = [];
    let batched = 0;
    try {
      const list = 'pipe' in sources ? [() => sources] : sources;
      for (const next of list) {
        for await (const chunk of next()) {
          const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
          hasher.update(buf);
          batch.push(buf);
          batched += buf.length;
          if (batched < WRITE_BATCH) continue;
          tmp ??= this.openTemp();
          await inflight;
          inflight = writeAllAsync(tmp.fd, batch);
          batch = [];
          batched = 0;
        }
      }
      await inflight;
      inflight = undefined;
      if (!tmp && mayInline && hasher.size <= this.inlineLimit) return { file: null, body: Buffer.concat(batch, batched), size: hasher.size, ...hasher.finish() };
      tmp ??= this.openTemp();
      if (batched) writeAllSync(tmp.fd, batch);
      await fsyncAsync(tmp.fd);
    } catch (err) {
      await inflight?.catch(() => undefined);
      if (tmp) { closeSync(tmp.fd); rmSync(tmp.path, { force: true }); }
      throw err;
    }
    closeSync(tmp.fd);
    const file = await this.place(tmp);
    return { file, body: null, size: hasher.size, ...hasher.finish() };
  }

  private openTemp(): TempFile {
    const id = randomBytes(16).toString('hex');
    const path = join(this.tmpDir, id);
    return { id, path, fd: openSync(path, 'w', 0o600) };
  }

  /** Move a synced temp file into objects/xx/ and make its new name durable; returns the stored file name. */
  private async place(tmp: TempFile): Promise<string> {
    const dir = tmp.id.slice(0, 2);
    const file = `${dir}/${tmp.id}`;
    try {
      await this.folder(dir);
      renameSync(tmp.path, this.path(file));
    } catch (err) {
      rmSync(tmp.path, { force: true });
      throw err;
    }
    try {
      await this.dirSync.sync(join(this.objectsDir, dir));
    } catch (err) {
      this.unlink(file);
      throw err;
    }
    return file;
  }

  /** objects/`dir`, created on first use; a new folder's own name is made durable (fsync of objects/) first. */
  private folder(dir: string): Promise<void> {
    let made = this.madeDirs.get(dir);
    if (!made) {
      const created = mkdirSync(join(this.objectsDir, dir), { recursive: true, mode: 0o700 });
      made = created ? this.dirSync.sync(this.objectsDir) : Promise.resolve();
      made.catch(() => this.madeDirs.delete(dir));
      this.madeDirs.set(dir, made);
    }
    return made;
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

  /**
   * Remove files a commit stopped referencing, once that commit is durable, off the event loop (unlink can
   * wait on the file-system journal). If the sync fails they stay, for the startup sweep.
   */
  async discard(files: readonly (string | null | undefined)[]): Promise<void> {
    const names = files.filter((f): f is string => !!f);
    if (!names.length) return;
    try { await this.durable(); } catch { return; }
    await Promise.all(names.map((file) => {
      this.hot.delete(file);
      return unlink(this.path(file)).catch(() => undefined);
    }));
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

  /** Release the folder descriptors kept for fsync (after the last write). */
  close(): void {
    this.dirSync.close();
  }
}
