// fsync of directories, which makes the names created, renamed or removed in them survive a power cut.
// Concurrent syncs of one directory share one fsync (CoalescedSync); each directory's fd stays open.
// compat: Windows cannot open a directory as a file; NTFS journals names itself, so there it is a no-op.
import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { CoalescedSync } from './coalesced-sync';

const DIRECTORY_FSYNC = process.platform !== 'win32';

/** fsync(2) the directory at `dir` now, on the calling thread (startup and state files). */
export function fsyncDirSync(dir: string): void {
  if (!DIRECTORY_FSYNC) return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Directory fsyncs on the thread pool, coalesced per directory. `close` releases the kept descriptors. */
export class DirSync {
  private readonly dirs = new Map<string, { fd: number; sync: CoalescedSync }>();

  /** Resolve once a fsync of `dir` that started after this call has finished. */
  sync(dir: string): Promise<void> {
    if (!DIRECTORY_FSYNC) return Promise.resolve();
    let entry = this.dirs.get(dir);
    if (!entry) {
      const fd = openSync(dir, 'r');
      entry = { fd, sync: new CoalescedSync(() => new Promise((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())))) };
      this.dirs.set(dir, entry);
    }
    return entry.sync.sync();
  }

  close(): void {
    for (const { fd } of this.dirs.values()) closeSync(fd);
    this.dirs.clear();
  }
}
