// Bench helper: a webhook receiver in a child process (so it never shares the measuring event loop) that answers
// 200 at once and counts; with `latencies`, each body's `t` (ms since the epoch, fractional) gives the
// event→delivery latency. Loopback only.
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RECEIVER = `
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const timed = process.argv.includes('--latencies');
let count = 0; let last = 0; let latencies = [];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => { if (timed) chunks.push(c); });
  req.on('end', () => {
    count++; last = Date.now();
    if (timed) {
      const t = JSON.parse(Buffer.concat(chunks).toString()).t;
      if (t) latencies.push(performance.timeOrigin + performance.now() - t);
    }
    res.writeHead(200, { 'content-length': 2 }); res.end('ok');
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (m) => {
  if (m === 'stats') { process.send({ count, last, latencies }); latencies = []; } else process.send({ count, last, latencies: [] });
});
`;

/** What the receiver has seen: requests so far, when the last one ended (ms since the epoch), latencies (ms). */
export interface ReceiverStats { count: number; last: number; latencies: number[] }

/** The receiver child: its URL (`/hook`), its figures, and stop. */
export interface BenchReceiver {
  url: string;
  /** The child's process id (for its CPU time). */
  pid: number;
  /** Requests so far, the last one's end, and the latencies since the last call. */
  stats(): Promise<ReceiverStats>;
  /** Requests so far (cheap). */
  count(): Promise<number>;
  stop(): void;
}

/** Fork the receiver (its script is written into `dir`); with `latencies`, it parses each body for its `t`. */
export async function startReceiver(dir: string, options: { latencies?: boolean } = {}): Promise<BenchReceiver> {
  const file = join(dir, 'receiver.cjs');
  writeFileSync(file, RECEIVER);
  const child: ChildProcess = fork(file, options.latencies ? ['--latencies'] : [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)));
  const ask = (what: 'stats' | 'count') => new Promise<ReceiverStats>((resolve) => {
    child.once('message', (m) => resolve(m as ReceiverStats));
    child.send(what);
  });
  return {
    url: `http://127.0.0.1:${port}/hook`,
    pid: child.pid!,
    stats: () => ask('stats'),
    count: async () => (await ask('count')).count,
    stop: () => { child.kill(); },
  };
}
