// Server-sent events for headless mode: every live event of the API as `event: <name>` / `data: <json>`.
// Owns only the stream framing and keep-alive; the events come from AppApi.subscribe.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppApi } from '../../../src-shared/contract';

const KEEP_ALIVE_MS = 15_000;

/** Start an SSE response on `res`, registered in `streams` until the client goes away. */
export function openEventStream(req: IncomingMessage, res: ServerResponse, api: AppApi, streams: Set<ServerResponse>): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  // An event or ping after the stream was ended (server closing) or cut is dropped, never written late.
  const send = (text: string) => { if (!res.writableEnded && !res.destroyed) res.write(text); };
  send(': connected\n\n');
  streams.add(res);
  const unsubscribe = api.subscribe((event) => {
    send(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
  });
  const timer = setInterval(() => send(': ping\n\n'), KEEP_ALIVE_MS);
  timer.unref();
  const cleanup = () => { clearInterval(timer); unsubscribe(); streams.delete(res); };
  req.on('close', cleanup);
  res.on('close', cleanup);
  res.on('error', cleanup);
}
