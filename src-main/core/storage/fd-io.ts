// Whole-buffer writes and fsync on a raw file descriptor, sync and through libuv's thread pool.
// Loops over short writes; knows nothing of objects or paths.
import { fsync, writev, writevSync } from 'node:fs';

function total(buffers: Buffer[]): number {
  let n = 0;
  for (const b of buffers) n += b.length;
  return n;
}

/** The buffers left after `written` bytes of them went out. */
function rest(buffers: Buffer[], written: number): Buffer[] {
  const out: Buffer[] = [];
  let skip = written;
  for (const b of buffers) {
    if (skip >= b.length) { skip -= b.length; continue; }
    out.push(skip ? b.subarray(skip) : b);
    skip = 0;
  }
  return out;
}

/** Write every byte of `buffers` at the file position, synchronously (meant for small bodies: page cache only). */
export function writeAllSync(fd: number, buffers: Buffer[]): void {
  let left = buffers;
  while (left.length) {
    const written = writevSync(fd, left);
    left = rest(left, written);
  }
}

/** Write every byte of `buffers` at the file position on the thread pool. */
export function writeAllAsync(fd: number, buffers: Buffer[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (left: Buffer[]) => {
      writev(fd, left, (err, written) => {
        if (err) return reject(err);
        const next = written < total(left) ? rest(left, written) : [];
        if (next.length) step(next); else resolve();
      });
    };
    step(buffers);
  });
}

/** fsync(2) on the thread pool. */
export function fsyncAsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => { fsync(fd, (err) => (err ? reject(err) : resolve())); });
}
