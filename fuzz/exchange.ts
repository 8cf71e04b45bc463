// The fuzzer's two ways of talking to the server: raw bytes on a fresh connection (the answer's status, or that
// the server closed or never answered), and a health probe that times an app API call every few milliseconds.
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

/** How one raw exchange ended. */
export type Outcome = { kind: 'answered'; status: number; head: string } | { kind: 'closed' } | { kind: 'timeout' };

/** Source addresses to spread connections over (127/8 is all loopback), so 100,000 of them do not run out of ports. */
const SOURCES = Array.from({ length: 16 }, (_, i) => `127.0.0.${i + 2}`);
let next = 0;

/**
 * Send `bytes` on a new connection and read until the server closes it (the request says Connection: close).
 * `halfClose` ends our side after writing: damaged bytes then meet end-of-stream instead of a wait for more.
 */
export function exchange(port: number, bytes: Buffer, timeoutMs: number, halfClose = false): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: SOURCES[next++ % SOURCES.length] });
    let head = '';
    const finish = (outcome?: Outcome) => {
      clearTimeout(timer);
      socket.destroy();
      if (outcome) return resolve(outcome);
      // Skip interim 1xx answers (100 Continue) to the final status line.
      const status = [...head.matchAll(/(?:^|\r\n\r\n)HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1])).find((s) => s >= 200);
      resolve(status === undefined ? { kind: 'closed' } : { kind: 'answered', status, head });
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    socket.on('data', (chunk: Buffer) => { if (head.length < 8192) head += chunk.toString('latin1'); });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', () => finish());
    if (halfClose) socket.end(bytes);
    else socket.write(bytes);
  });
}

/** Times `POST /_api/server.status` every `everyMs` until stopped; latencies in ms and failed probes. */
export function startHealthProbe(endpoint: string, token: string, everyMs = 50) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const probe = () => new Promise<void>((resolve) => {
    const started = performance.now();
    const req = http.request(`${endpoint}/_api/server.status`, { method: 'POST', agent, headers: { authorization: `Bearer ${token}` }, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => { if (res.statusCode === 200) latencies.push(performance.now() - started); else failures++; resolve(); });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => { failures++; resolve(); });
    req.end('{}');
  });
  const loop = (async () => {
    while (running) {
      await probe();
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    latencies, failures: () => failures,
    async stop() { running = false; await loop; agent.destroy(); },
  };
}
