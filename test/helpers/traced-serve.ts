// Test helper: `buckethooks serve` under `strace -f -y` with a local receiver that keeps every delivery unanswered,
// for the fsync-ordering tests; the log is read after the server is killed (syscall-order.ts parses it).
import { spawnSync } from 'node:child_process';
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { spawnServe, type ServeProcess } from './serve-process';
import { s3ClientFor, TEST_KEYS } from './core';
import { tempDir } from './temp-dir';

/** What strace records: the longest string it prints (`-s`) and the system calls it traces (`-e trace=`). */
export interface TraceOptions {
  /** Prefix of the temp folder that holds the data dir and the log. */
  prefix: string;
  stringSize: number;
  syscalls: string[];
}

/** A traced server, its SDK client and the receiver that holds every delivery. */
export interface TracedServe {
  server: ServeProcess;
  s3: S3Client;
  dataDir: string;
  /** The receiver's URL, for a hook. */
  hookUrl: string;
  /** Bodies of the deliveries received so far (none answered until `stop`). */
  received: string[];
  /** SIGKILL the server itself (not strace), wait for it to exit and return the whole strace log. */
  killAndReadLog(): Promise<string>;
  /** Destroy the client, answer the held deliveries, close the receiver, kill the server, remove the folder. */
  stop(): Promise<void>;
}

/** Start the receiver and the traced server; throws when strace is not installed. */
export async function startTracedServe(options: TraceOptions): Promise<TracedServe> {
  const probe = spawnSync('strace', ['-V']);
  if (probe.error) throw new Error('strace is not installed (apt-get install -y strace; .ci/run installs it)');
  const dir = tempDir(options.prefix);
  const log = join(dir, 'strace.log');
  const dataDir = join(dir, 'data');
  const held: ServerResponse[] = [];
  const received: string[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => { received.push(body); held.push(res); });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const closeReceiver = () => {
    for (const res of held) res.end('ok');
    receiver.closeAllConnections();
    receiver.close();
  };
  let server: ServeProcess;
  try {
    server = await spawnServe(['--port', '0', '--data-dir', dataDir, '--access-key', TEST_KEYS.accessKey, '--secret-key', TEST_KEYS.secretKey, '--confirm', 'off'], {},
      ['strace', '-f', '-y', '-s', String(options.stringSize), '--seccomp-bpf', '-o', log, '-e', `trace=${options.syscalls.join(',')}`]);
  } catch (err) {
    closeReceiver();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const s3 = s3ClientFor(server.endpoint);
  return {
    server, s3, dataDir, received,
    hookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    async killAndReadLog() {
      const pid = (JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { pid: number }).pid;
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      process.kill(pid, 'SIGKILL');
      await exited;
      return readFileSync(log, 'utf8');
    },
    async stop() {
      s3.destroy();
      closeReceiver();
      await server.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
