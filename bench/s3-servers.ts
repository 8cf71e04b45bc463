// The servers the S3 bench compares, each in its own child process so its CPU and peak RSS are its own:
// our core (createCore), s3rver, and a bare node:http server (the machine's ceiling). Loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

/** One line of the bench table (the shape every bench/*.ts returns). */
export interface BenchRow { name: string; value: number; unit: string; target?: string }

/** A running server under test. */
export interface Target {
  name: string;
  endpoint: string;
  pid: number;
  keys: { accessKey: string; secretKey: string };
  stop(): Promise<void>;
}

const OUR_KEYS = { accessKey: 'AKIABENCHBUCKETHOOKS', secretKey: 'bench-secret-key-0123456789abcdefghijkl' };
const S3RVER_KEYS = { accessKey: 'S3RVER', secretKey: 'S3RVER' };

const OURS = `
const { createCore } = await import(${JSON.stringify(join(ROOT, 'src-main/core/create-core.ts'))});
const core = await createCore({ paused: process.env.BENCH_ENGINE_PAUSED === '1', config: { host: '127.0.0.1', port: 0, dataDir: process.argv[1], region: 'ru-msk',
  accessKey: ${JSON.stringify(OUR_KEYS.accessKey)}, secretKey: ${JSON.stringify(OUR_KEYS.secretKey)},
  confirmMode: 'off', ownerId: 'bench', retentionMs: 86400000,
  inlineLimit: process.env.BENCH_INLINE_LIMIT ? Number(process.env.BENCH_INLINE_LIMIT) : undefined } });
process.on('SIGTERM', () => core.close().then(() => process.exit(0)));
process.stdout.write('READY ' + core.port + '\\n');`;

const S3RVER = `
const S3rver = require('s3rver');
const server = new S3rver({ port: 0, address: '127.0.0.1', directory: process.argv[1], silent: true });
server.run().then((address) => process.stdout.write('READY ' + address.port + '\\n'));
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));`;

const BARE = `
const http = require('node:http');
const body = Buffer.alloc(4096, 120);
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    if (req.method === 'GET' && req.url.startsWith('/bench/big')) {
      const mb = Number(process.env.BENCH_BIG_MB || 1024);
      res.writeHead(200, { 'content-length': mb * 1048576 });
      const chunk = Buffer.alloc(1048576, 120); let left = mb;
      const pump = () => { while (left > 0) { left--; if (!res.write(chunk)) return res.once('drain', pump); } res.end(); };
      return pump();
    }
    res.writeHead(200, { 'content-length': req.method === 'GET' ? body.length : 0, etag: '"x"' });
    res.end(req.method === 'GET' ? body : undefined);
  });
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => process.stdout.write('READY ' + server.address().port + '\\n'));
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });`;

function launch(name: string, args: string[], dataDir: string, keys: Target['keys'], env: NodeJS.ProcessEnv = {}): Promise<Target> {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, ...args, dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  return new Promise((resolveTarget, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}): ${err.slice(0, 2000)}`)));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\d+)/.exec(out);
      if (!m) return;
      child.removeAllListeners('exit');
      resolveTarget({
        name, endpoint: `http://127.0.0.1:${m[1]}`, pid: child.pid!, keys,
        stop: () => new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => { clearTimeout(force); done(); });
          child.kill('SIGTERM');
        }),
      });
    });
  });
}

/**
 * Our core in a child process (tsx loads the TypeScript sources); `inlineLimit` overrides storage's default;
 * `enginePaused` keeps the delivery engine from starting (events are enqueued, never sent).
 */
export function startOurs(dataDir: string, inlineLimit?: number, enginePaused = false): Promise<Target> {
  const env = {
    ...(inlineLimit === undefined ? {} : { BENCH_INLINE_LIMIT: String(inlineLimit) }),
    ...(enginePaused ? { BENCH_ENGINE_PAUSED: '1' } : {}),
  };
  return launch('buckethooks', ['--import', 'tsx', '--input-type=module', '-e', OURS], dataDir, OUR_KEYS, env);
}

/** s3rver (the devDependency peer) in a child process. */
export function startS3rver(dataDir: string): Promise<Target> {
  return launch('s3rver', ['-e', S3RVER], dataDir, S3RVER_KEYS);
}

/** A bare node:http server that answers every request at once: the ceiling of this machine. */
export function startBare(dataDir: string): Promise<Target> {
  return launch('bare node:http', ['-e', BARE], dataDir, OUR_KEYS);
}

/** Peak (VmHWM) or current (VmRSS) resident memory of `pid` in MB. */
export function rssMb(pid: number, which: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  const m = new RegExp(`${which}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Reset the peak RSS of `pid` (Linux: write 5 to clear_refs); false when the kernel refuses. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
