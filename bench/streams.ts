// The live event streams under clients that never read (the security review's finding: 50 such clients took a server
// from 205 to 659 MB over ~6,000 events, not returned after they left). The headless server runs in its own process;
// 50 raw clients open /_events and stop reading; hooked PUTs make the events; the server's RSS is read from /proc
// before, at its peak (VmHWM) and after the clients went.
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { FUZZ_KEYS, serveCore } from '../fuzz/serve';
import { apiCall } from '../soak/load';
import type { BenchRow } from './s3';

const CLIENTS = Number(process.env.BENCH_STREAM_CLIENTS ?? 50);
const PUTS = Number(process.env.BENCH_STREAM_PUTS ?? 3000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** VmRSS and VmHWM of `pid` in MB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** A client that opens the stream, reads its first bytes (the status line) and then never reads again. */
function stalledClient(port: number, token: string): Promise<{ socket: net.Socket; status: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => socket.write(`GET /_events?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
    socket.once('data', (d: Buffer) => { socket.pause(); resolve({ socket, status: Number(/^HTTP\/1\.1 (\d+)/.exec(d.toString())?.[1] ?? 0) }); });
    socket.once('error', reject);
  });
}

/** Run the stalled-clients measurement; rows for the bench table. */
export async function runStreamsBench(): Promise<BenchRow[]> {
  const server = await serveCore();
  const pid = server.child.pid!;
  const app = `http://127.0.0.1:${server.appPort}`;
  const s3 = new S3Client({ endpoint: server.endpoint, region: 'ru-msk', forcePathStyle: true, credentials: { accessKeyId: FUZZ_KEYS.accessKey, secretAccessKey: FUZZ_KEYS.secretKey } });
  try {
    await apiCall(app, server.token, 'buckets.create', { name: 'streams' });
    const { url } = await apiCall(app, server.token, 'inbox.url', { name: 'streams' }) as { url: string };
    await apiCall(app, server.token, 'hooks.upsert', { bucket: 'streams', hook: { id: 'h', events: ['s3:ObjectCreated:*'], url } });
    await sleep(2000);
    const before = memory(pid).rss;
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => stalledClient(server.appPort, server.token)));
    const accepted = clients.filter((c) => c.status === 200).length;
    const key = 'k'.repeat(900); // events of about 1.5 KB: more than the sockets' kernel buffers hold
    for (let i = 0; i < PUTS; i += 16) {
      await Promise.all(Array.from({ length: Math.min(16, PUTS - i) }, (_, j) => s3.send(new PutObjectCommand({ Bucket: 'streams', Key: `${key}/${i + j}`, Body: 'x' }))));
    }
    await sleep(8000); // deliveries finish; slow clients pass their grace period
    const during = memory(pid);
    let dropped = 0;
    await Promise.all(clients.map(({ socket }) => new Promise<void>((resolve) => {
      socket.once('close', () => { dropped++; resolve(); });
      socket.resume();
      setTimeout(() => { resolve(); }, 3000);
    })));
    const droppedByServer = dropped;
    for (const { socket } of clients) socket.destroy();
    await sleep(10_000);
    const after = memory(pid).rss;
    return [
      { name: `server RSS before ${CLIENTS} stalled clients`, value: before, unit: 'MB' },
      { name: `streams accepted of ${CLIENTS} (cap 32; the rest 503)`, value: accepted, unit: 'streams' },
      { name: `events made (${PUTS} hooked PUTs, 4 events each)`, value: PUTS * 4, unit: 'events' },
      { name: 'server RSS peak with them (VmHWM)', value: during.peak, unit: 'MB' },
      { name: 'server RSS with them, after the events', value: during.rss, unit: 'MB' },
      { name: 'stalled streams dropped by the server', value: droppedByServer, unit: 'streams' },
      { name: 'server RSS 10 s after the clients left', value: after, unit: 'MB' },
    ];
  } finally {
    s3.destroy();
    await server.stop();
  }
}
