// Server-sent events for the HTTP app API: every live event as `event: <name>` / `data: <json>`, bounded. At most
// `maxStreams` streams; a client that stops reading is dropped once its unsent backlog passes `hardBytes`, or stays
// above `softBytes` for `graceMs`, and is told why as the first event of its next stream (`stream.dropped`, matched by
// the EventSource's Last-Event-ID). Each event is formatted once for every stream. Owns the framing, not the events.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ApiEventMessage, AppApi } from '../../../src-shared/contract';

const KEEP_ALIVE_MS = 15_000;
/** Drop notices kept for clients that have not reconnected yet (oldest forgotten first). */
const MAX_NOTICES = 256;

/** The bounds of the event streams of one app listener. */
export interface StreamLimits { maxStreams: number; softBytes: number; hardBytes: number; graceMs: number }

/** Defaults: a few tabs and CLI watchers; a backlog of 1 MiB for 5 s, or 8 MiB at once, drops a client. */
export const STREAM_LIMITS: StreamLimits = { maxStreams: 32, softBytes: 1 << 20, hardBytes: 8 << 20, graceMs: 5000 };

interface Stream { id: string; res: ServerResponse; token: string; overSince?: NodeJS.Timeout }

/** The open streams of one listener. */
export interface EventStreams {
  /** Start a stream on `res` for a client authenticated with `token`; false (nothing written) when at the cap. */
  open(req: IncomingMessage, res: ServerResponse, token: string): boolean;
  /** End every stream (server closing). */
  closeAll(): void;
  /** End the streams opened with another token than `current` (the token was rotated). */
  closeOthers(current: string): void;
  /** Open streams now. */
  count(): number;
}

const frame = (event: ApiEventMessage) => `event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`;

/** Build the stream set of an app listener over `api`'s live events. */
export function createEventStreams(api: Pick<AppApi, 'subscribe'>, limits: StreamLimits = STREAM_LIMITS): EventStreams {
  const streams = new Set<Stream>();
  const notices = new Map<string, string>();
  let unsubscribe: (() => void) | undefined;

  const close = (s: Stream) => {
    if (!streams.delete(s)) return;
    clearTimeout(s.overSince);
    if (streams.size === 0 && unsubscribe) { unsubscribe(); unsubscribe = undefined; }
  };
  const drop = (s: Stream, reason: string) => {
    notices.set(s.id, reason);
    if (notices.size > MAX_NOTICES) notices.delete(notices.keys().next().value as string);
    close(s);
    // Destroy, not end: ending would queue behind the backlog this client is not reading, and keep it in memory.
    s.res.destroy();
  };
  const dropSlow = (s: Stream) => drop(s,
    `this client stopped reading: over ${limits.softBytes} bytes of events waited for it for ${limits.graceMs} ms ` +
    `(or over ${limits.hardBytes} bytes at once); events in between were not sent, reload what you show`);
  const send = (s: Stream, text: string) => {
    if (s.res.writableEnded || s.res.destroyed) return;
    s.res.write(text);
    const backlog = s.res.writableLength;
    if (backlog > limits.hardBytes) dropSlow(s);
    else if (backlog > limits.softBytes && !s.overSince) {
      s.overSince = setTimeout(() => {
        s.overSince = undefined;
        if (s.res.writableLength > limits.softBytes) dropSlow(s);
      }, limits.graceMs);
    }
  };
  const fanOut = (event: ApiEventMessage) => {
    const text = frame(event);
    for (const s of streams) send(s, text);
  };

  return {
    open(req, res, token) {
      if (streams.size >= limits.maxStreams) return false;
      const s: Stream = { id: randomUUID(), res, token };
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no',
      });
      // The stream's id becomes the client's Last-Event-ID: a reconnect after a drop names the stream it replaces.
      res.write(`retry: 2000\nid: ${s.id}\n: connected\n\n`);
      const last = req.headers['last-event-id'];
      const notice = typeof last === 'string' ? notices.get(last) : undefined;
      if (notice !== undefined && typeof last === 'string') {
        notices.delete(last);
        res.write(`event: stream.dropped\ndata: ${JSON.stringify({ reason: notice })}\n\n`);
      }
      streams.add(s);
      unsubscribe ??= api.subscribe(fanOut);
      res.on('drain', () => { clearTimeout(s.overSince); s.overSince = undefined; });
      const timer = setInterval(() => send(s, ': ping\n\n'), KEEP_ALIVE_MS);
      timer.unref();
      const cleanup = () => { clearInterval(timer); close(s); };
      req.on('close', cleanup);
      res.on('close', cleanup);
      res.on('error', cleanup);
      return true;
    },
    closeAll() { for (const s of [...streams]) { close(s); s.res.end(); } },
    closeOthers(current) { for (const s of [...streams]) if (s.token !== current) { close(s); s.res.end(); } },
    count: () => streams.size,
  };
}
