// The bounded live event streams (small limits): a client that stops reading is dropped and told why when it
// reconnects with its Last-Event-ID while a reading client keeps its stream (fed 64 KiB events, to get past the
// kernel's socket buffers quickly); against a real core, the number of streams is capped (503 TooManyStreams) and
// every stream is forgotten once its client goes.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { createEventStreams } from '../../src-main/core/http/sse';
import type { ApiEventMessage } from '../../src-shared/contract';

let core: TestCore;
const LIMITS = { maxStreams: 4, softBytes: 64 * 1024, hardBytes: 256 * 1024, graceMs: 300 };

beforeAll(async () => {
  core = await startTestCore({}, { streamLimits: LIMITS });
});
afterAll(async () => { await core?.stop(); });

/** A raw client of `port` that sends the GET (with `headers`) and then stops reading. */
function stalledClient(port: number, path: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** A node:http server whose /events are streams of `createEventStreams` fed by `emit` (the events of a busy core). */
async function streamServer() {
  const listeners = new Set<(e: ApiEventMessage) => void>();
  const streams = createEventStreams({ subscribe: (l) => { listeners.add(l); return () => { listeners.delete(l); }; } }, LIMITS);
  const server = http.createServer((req, res) => { if (!streams.open(req, res, 'token')) { res.writeHead(503); res.end(); } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const big = 'x'.repeat(64 * 1024);
  return {
    port, streams, listeners,
    emit: () => { for (const l of listeners) l({ name: 'hooks.changed', payload: { bucket: big } }); },
    close: () => { streams.closeAll(); server.closeAllConnections(); return new Promise((r) => server.close(r)); },
  };
}

describe('bounded event streams', () => {
  it('drops a client that stops reading, tells it why when it reconnects, and keeps a reading one', async () => {
    const server = await streamServer();
    try {
      const stalled = await stalledClient(server.port, '/events');
      let head = '';
      stalled.once('data', (d: Buffer) => { head = d.toString(); stalled.pause(); });
      const reading = await fetch(`http://127.0.0.1:${server.port}/events`);
      const reader = reading.body!.getReader();
      let readBytes = 0;
      let readerDone = false;
      const drain = (async () => { for (;;) { const r = await reader.read(); if (r.done) { readerDone = true; return; } readBytes += r.value.length; } })();
      await expect.poll(() => server.streams.count()).toBe(2);
      let sent = 0;
      const dropped = () => server.streams.count() < 2;
      while (!dropped() && sent < 2000) {
        server.emit();
        sent++;
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(dropped(), `still open after ${sent} events of 64 KiB`).toBe(true);
      await expect.poll(() => readBytes).toBeGreaterThan(sent * 64 * 1024 * 0.9);
      expect(readerDone).toBe(false);
      stalled.destroy();
      // The stalled client's first bytes named its stream; a reconnect naming it hears first why it was dropped.
      const id = /\nid: ([\w-]+)\n/.exec(head)?.[1];
      expect(id).toBeDefined();
      const again = await fetch(`http://127.0.0.1:${server.port}/events`, { headers: { 'last-event-id': id! } });
      expect(await readUntil(again, 'stream.dropped')).toMatch(/event: stream\.dropped\ndata: \{"reason":"this client stopped reading: .*"\}/);
      const unknown = await fetch(`http://127.0.0.1:${server.port}/events`, { headers: { 'last-event-id': id! } });
      expect(await readUntil(unknown, 'stream.dropped')).not.toContain('stream.dropped');
      await reader.cancel();
      await drain;
      await expect.poll(() => server.streams.count()).toBe(0);
      expect(server.listeners.size).toBe(0);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('caps the open streams with 503 TooManyStreams, and forgets streams whose clients went', async () => {
    const open = await Promise.all(Array.from({ length: LIMITS.maxStreams }, () => fetch(`${core.appEndpoint}/_events?token=${core.token}`)));
    expect(open.map((r) => r.status)).toEqual(Array(LIMITS.maxStreams).fill(200));
    const refused = await fetch(`${core.appEndpoint}/_events?token=${core.token}`);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'TooManyStreams' } });
    await Promise.all(open.map((r) => r.body!.cancel()));
    await expect.poll(count, { timeout: 5000 }).toBe(200);
  });
});

/** The status a new stream gets now (its body cancelled at once). */
async function count(): Promise<number> {
  const res = await fetch(`${core.appEndpoint}/_events?token=${core.token}`);
  await res.body?.cancel();
  return res.status;
}

/** Read `res` until `marker` shows up (or 5 s); returns the text. */
async function readUntil(res: Response, marker: string): Promise<string> {
  const reader = res.body!.getReader();
  let text = '';
  const deadline = Date.now() + 5000;
  while (!text.includes(marker) && Date.now() < deadline) {
    const r = await Promise.race([reader.read(), new Promise<{ done: true; value: undefined }>((resolve) => setTimeout(() => resolve({ done: true, value: undefined }), 500))]);
    if (r.value) text += new TextDecoder().decode(r.value);
  }
  await reader.cancel();
  return text;
}
