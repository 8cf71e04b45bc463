// Test helper: a loopback port whose listener never accepts and whose accept queue is full, so a new connection to it
// neither opens nor fails (the kernel drops its SYNs), as with a firewalled or unreachable host.
import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

/** The listener: a thread that blocks right after listening, so its event loop never accepts anything. */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require('node:net').createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  Atomics.wait(workerData, 0, 0);
});`;

/** Whether a connection to `port` opens within `ms` (the socket is kept either way); a failed one rejects. */
function opens(port: number, ms: number, sockets: Socket[]): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('connect', () => { clearTimeout(timer); resolve(true); });
    socket.once('error', (err) => { clearTimeout(timer); reject(err); });
  });
}

/** Open the port and fill its queue (connections until one hangs); `close` ends the fillers and the thread. */
export async function unacceptedPort(): Promise<{ port: number; close(): Promise<void> }> {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(PROGRAM, { eval: true, workerData: gate });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const fillers: Socket[] = [];
  const close = async () => {
    for (const s of fillers) s.destroy();
    Atomics.notify(gate, 0);
    await worker.terminate();
  };
  let full = false;
  try {
    for (let i = 0; i < 8 && !full; i++) full = !(await opens(port, 500, fillers));
  } finally {
    if (!full) await close();
  }
  if (!full) throw new Error('the accept queue never filled: connections to a full queue are not dropped on this machine');
  return { port, close };
}
