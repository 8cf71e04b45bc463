// The soak's webhook receivers: a healthy one and a flapping one that cycles through answering 200, answering
// 503, hanging past the hook's timeout and refusing connections. Both count distinct event ids (webhook-id).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

/** A receiver on a fixed port: the event ids it acknowledged with a 2xx. */
export interface Receiver { url: string; delivered: Set<string>; requests: () => number; close(): Promise<void> }

/** The flapping cycle in seconds: up, 503, hanging, refusing connections. */
const CYCLE: ['up' | 'failing' | 'hanging' | 'down', number][] = [['up', 6], ['failing', 3], ['hanging', 2], ['down', 3]];
const CYCLE_S = CYCLE.reduce((n, [, s]) => n + s, 0);

function phaseAt(elapsedMs: number): 'up' | 'failing' | 'hanging' | 'down' {
  let t = (elapsedMs / 1000) % CYCLE_S;
  for (const [phase, seconds] of CYCLE) { if (t < seconds) return phase; t -= seconds; }
  return 'up';
}

/** Listen on `port` (0: a free one); the error listener goes once listening, as the flapping receiver listens again and again. */
function listen(server: http.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A receiver; `flapping` makes it cycle through its failure modes, going fully down (no listener) while "down". */
export async function startReceiver(flapping: boolean): Promise<Receiver> {
  const delivered = new Set<string>();
  const sockets = new Set<Socket>();
  const started = Date.now();
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      const phase = flapping ? phaseAt(Date.now() - started) : 'up';
      if (phase === 'failing') { res.writeHead(503, { 'retry-after': '1' }); res.end(); return; }
      if (phase === 'hanging') return; // the engine's timeout ends it
      delivered.add(String(req.headers['webhook-id']));
      res.end('ok');
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  const port = await listen(server);
  let closing = false;
  const cut = () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); });
  // Going down closes the listener (connections are refused), coming back up listens on the same port again.
  const flap = flapping ? setInterval(() => {
    const down = phaseAt(Date.now() - started) === 'down';
    if (down && server.listening) void cut();
    if (!down && !server.listening && !closing) listen(server, port).catch(() => undefined);
  }, 200) : undefined;
  return {
    url: `http://127.0.0.1:${port}/hook`, delivered, requests: () => requests,
    async close() { closing = true; clearInterval(flap); if (server.listening) await cut(); },
  };
}
