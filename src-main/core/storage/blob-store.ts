// Object bytes on disk: stream to a temp file while hashing, fsync, rename into objects/ under a generated
// name (never derived from the key). Also opens files for reading and sweeps orphans at startup.
import { mkdirSync, openSync, readdirSync, renameSync, rmSync, unlinkSync, createReadStream, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { StreamHasher, type Checksums, type ChecksumAlgorithm } from './hashing';

/** A file written and hashed, placed under objects/ but not yet referenced by any row. */
export interface WrittenBlob {
  file: string;
  size: number;
  md5Hex: string;
  md5: Buffer;
  checksums: Checksums;
}

/** Files under `dataDir`: `tmp/` for writes in progress, `objects/xx/<id>` for committed bytes. */
export class BlobStore {
  private readonly tmpDir: string;
  private readonly objectsDir: string;

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
   * On any error the temp file is removed and the error rethrown.
   */
  async write(sources: Readable | Iterable<() => Readable>, algorithms: Iterable<ChecksumAlgorithm>): Promise<WrittenBlob> {
    const id = randomBytes(16).toString('hex');
    const tmp = join(this.tmpDir, id);
    const hasher = new StreamHasher(algorithms);
    const handle = await open(tmp, 'w');
    try {
      const list = 'pipe' in sources ? [() => sources] : sources;
      for (const next of list) {
        for await (const chunk of next()) {
          const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
          hasher.update(buf);
          await handle.write(buf);
        }
      }
      await handle.sync();
    } catch (err) {
      await handle.close().catch(() => undefined);
      rmSync(tmp, { force: true });
      throw err;
    }
    await handle.close();
    const file = `${id.slice(0, 2)}/${id}`;
    mkdirSync(join(this.objectsDir, id.slice(0, 2)), { recursive: true });
    renameSync(tmp, this.path(file));
    return { file, size: hasher.size, ...hasher.finish() };
  }

  /** Open a stored file now (so a later unlink cannot race) and stream bytes [start, end] inclusive. */
  read(file: string, start?: number, end?: number): ReadStream {
    const fd = openSync(this.path(file), 'r');
    return createReadStream('', { fd, start, end, highWaterMark: 256 * 1024 });
  }

  /** Remove a stored file; missing files are ignored. */
  unlink(file: string | null | undefined): void {
    if (!file) return;
    try { unlinkSync(this.path(file)); } catch { /* already gone */ }
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
