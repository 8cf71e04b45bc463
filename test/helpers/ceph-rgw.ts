// Test helper: a real single-node Ceph (one mon, one memstore OSD, cephx off, loopback only) with radosgw on a free
// 127.0.0.1 port, all in a temp folder, started for one test file and stopped by PID. Where Debian's ceph packages
// are missing it returns the reason, and the caller prints `Ceph RGW NOT RUN: <reason>`.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { freePort } from './ports';
import { removeTempDir, tempDir } from './temp-dir';

const run = promisify(execFile);
const BINARIES = ['ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'monmaptool', 'ceph'];

/** A running radosgw: its S3 endpoint, the keys of its one user and the zonegroup (= region) name. */
export interface CephRgw {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
  /** Stop radosgw, the OSD and the mon (by PID) and remove the temp folder. */
  stop(): Promise<void>;
}

/** Why Ceph cannot run here, or undefined when the binaries are on the PATH. */
export function cephMissing(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  const missing = BINARIES.filter((b) => !dirs.some((d) => existsSync(join(d, b))));
  return missing.length > 0 ? `missing ${missing.join(', ')} (apt-get install -y radosgw ceph-mon ceph-osd)` : undefined;
}

const config = (dir: string, fsid: string, monPort: number) => `[global]
fsid = ${fsid}
mon host = v2:127.0.0.1:${monPort}
public addr = 127.0.0.1
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
ms client mode = crc
ms cluster mode = crc
ms service mode = crc
ms mon client mode = crc
ms mon cluster mode = crc
ms mon service mode = crc
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd pool default pg num = 8
osd pool default pgp num = 8
mon max pg per osd = 1000
mon data avail crit = 0
osd crush chooseleaf type = 0
osd objectstore = memstore
memstore device bytes = 1073741824
run dir = ${dir}/run
admin socket = ${dir}/run/$name.asok
log file = ${dir}/log/$name.log
mon data = ${dir}/mon/$id
osd data = ${dir}/osd/$id
rgw data = ${dir}/rgw
`;

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Ceph: ${what} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Start mon, OSD and radosgw in a temp folder; a returned string is the reason it could not run. */
export async function startCephRgw(): Promise<CephRgw | string> {
  const missing = cephMissing();
  if (missing) return missing;
  const dir = tempDir('bh-ceph-');
  for (const sub of ['run', 'log', 'mon/a', 'osd/0', 'rgw']) mkdirSync(join(dir, sub), { recursive: true });
  const [monPort, rgwPort] = [await freePort(), await freePort()];
  const fsid = randomUUID();
  const conf = join(dir, 'ceph.conf');
  writeFileSync(conf, config(dir, fsid, monPort));
  const children: ChildProcess[] = [];
  const daemon = (bin: string, args: string[]) => {
    const child = spawn(bin, ['-f', '-c', conf, ...args], { stdio: 'ignore' });
    child.on('error', () => {});
    children.push(child);
  };
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    removeTempDir(dir);
  };
  const ceph = (...args: string[]) => run('ceph', ['-c', conf, '--connect-timeout', '5', ...args], { timeout: 20_000 });
  try {
    await run('monmaptool', ['--create', '--add', 'a', `v2:127.0.0.1:${monPort}`, '--fsid', fsid, join(dir, 'monmap')]);
    await run('ceph-mon', ['-c', conf, '--mkfs', '-i', 'a', '--monmap', join(dir, 'monmap')]);
    daemon('ceph-mon', ['-i', 'a']);
    await until('mon', 20_000, async () => (await ceph('mon', 'stat')).stdout || undefined);
    const osdUuid = randomUUID();
    const id = (await ceph('osd', 'new', osdUuid)).stdout.trim();
    await run('ceph-osd', ['-c', conf, '-i', id, '--mkfs', '--osd-uuid', osdUuid]);
    daemon('ceph-osd', ['-i', id]);
    await until('osd', 30_000, async () => (/"num_up_osds":1/.test((await ceph('osd', 'stat', '--format', 'json')).stdout) ? true : undefined));
    const accessKey = 'BHCEPHTESTKEY';
    const secretKey = 'bh-ceph-test-secret';
    await run('radosgw-admin', ['-c', conf, 'user', 'create', '--uid', 'tester', '--display-name', 'Tester',
      '--access-key', accessKey, '--secret-key', secretKey], { timeout: 60_000 });
    daemon('radosgw', ['-n', 'client.rgw', `--rgw-frontends=beast endpoint=127.0.0.1:${rgwPort}`]);
    const endpoint = `http://127.0.0.1:${rgwPort}`;
    await until('radosgw', 60_000, async () => ((await fetch(endpoint)).status === 200 ? true : undefined));
    return { endpoint, accessKey, secretKey, region: 'default', stop };
  } catch (err) {
    const log = (name: string) => { try { return readFileSync(join(dir, 'log', name), 'utf8').split('\n').slice(-8).join('\n'); } catch { return ''; } };
    const detail = `${(err as Error).message}\n${log('mon.a.log')}\n${log('osd.0.log')}\n${log('client.rgw.log')}`;
    await stop();
    throw new Error(`Ceph RGW failed to start: ${detail}`);
  }
}
