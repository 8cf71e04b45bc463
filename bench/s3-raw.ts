// The durability limit of this disk, measured the way a durable file write goes: temp file, write, fsync, rename,
// fsync of the folder (which makes the new name survive a power cut).
// Small objects: operations per second at a given concurrency. Large: MB/s of a streamed write and read.
import { createReadStream } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';

/** write+fsync+rename+folder fsync of `size` bytes, `concurrency` at a time for `seconds`; returns operations per second. */
export async function rawDurableOpsPerSec(dir: string, size: number, concurrency: number, seconds: number): Promise<number> {
  const body = Buffer.alloc(size, 120);
  const until = Date.now() + seconds * 1000;
  let done = 0;
  const worker = async (w: number) => {
    for (let i = 0; Date.now() < until; i++) {
      const final = join(dir, `raw-${w}-${i % 1000}`);
      const handle = await open(`${final}.tmp`, 'w');
      await handle.write(body);
      await handle.sync();
      await handle.close();
      await rename(`${final}.tmp`, final);
      const folder = await open(dir, 'r');
      await folder.sync();
      await folder.close();
      done++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return done / ((Date.now() - started) / 1000);
}

/** Stream `mb` MiB to `dir`/raw-big in 1 MiB writes, fsync, rename; then read it back. MB/s of each. */
export async function rawBigFile(dir: string, mb: number): Promise<{ file: string; writeMBs: number; readMBs: number }> {
  const chunk = Buffer.alloc(1 << 20, 120);
  const file = join(dir, 'raw-big');
  let t = performance.now();
  const handle = await open(`${file}.tmp`, 'w');
  for (let i = 0; i < mb; i++) await handle.write(chunk);
  await handle.sync();
  await handle.close();
  await rename(`${file}.tmp`, file);
  const writeMBs = mb / ((performance.now() - t) / 1000);
  t = performance.now();
  let bytes = 0;
  for await (const c of createReadStream(file, { highWaterMark: 1 << 20 })) bytes += (c as Buffer).length;
  const readMBs = bytes / (1 << 20) / ((performance.now() - t) / 1000);
  return { file, writeMBs, readMBs };
}
