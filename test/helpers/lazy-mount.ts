// Test helper: mounts test/helpers/lazyfs.py (a FUSE passthrough that keeps unsynced writes in memory) and
// simulates a power cut: the daemon is killed and the mount dropped, so only fsynced bytes remain on disk.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DAEMON = join(import.meta.dirname, 'lazyfs.py');
const PYTHON = '/usr/bin/python3';

/** A mounted LazyFS over a backing folder. */
export interface LazyMount {
  /** Drop every byte never fsynced: kill the daemon, detach the mount. */
  powerCut(): Promise<void>;
}

const mounted = (mountpoint: string) => readFileSync('/proc/mounts', 'utf8').split('\n').some((l) => l.split(' ')[1] === mountpoint);

function detach(mountpoint: string): void {
  if (mounted(mountpoint)) spawnSync('umount', ['-l', mountpoint]);
}

/** Why a LazyFS cannot be mounted here (no /dev/fuse, no fusepy, no permission), or undefined when it can. */
export function lazyFsUnavailable(): string | undefined {
  if (!existsSync('/dev/fuse')) return '/dev/fuse is missing';
  const probe = spawnSync(PYTHON, ['-c', 'import fusepy'], { encoding: 'utf8' });
  if (probe.status !== 0) return `${PYTHON} cannot import fusepy (apt-get install -y fuse3 python3-fusepy): ${probe.stderr.trim().split('\n').pop()}`;
  return undefined;
}

/** Mount a LazyFS of `backing` at `mountpoint`; resolves once it serves. */
export function mountLazyFs(backing: string, mountpoint: string): Promise<LazyMount> {
  const daemon: ChildProcess = spawn(PYTHON, [DAEMON, backing, mountpoint], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  daemon.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { daemon.kill('SIGKILL'); reject(new Error(`lazyfs did not mount: ${output}`)); }, 20_000);
    daemon.once('exit', (code) => { clearTimeout(timer); reject(new Error(`lazyfs exited (${code}): ${output}`)); });
    daemon.stdout!.on('data', (d: Buffer) => {
      if (!d.toString().includes('mounted')) return;
      clearTimeout(timer);
      daemon.removeAllListeners('exit');
      const exited = new Promise<void>((done) => daemon.once('exit', () => done()));
      resolve({
        async powerCut() {
          if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGKILL');
          await exited;
          detach(mountpoint);
        },
      });
    });
  });
}
