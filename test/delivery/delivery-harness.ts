// Test harness for delivery/inbox core tests: a temp SQLite database, hook and outbox rows written in
// SQL, a real node:http receiver whose behaviour can be switched, and a real-time waitFor.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src-main/core/db/open';
import { createOutboxWriter } from '../../src-main/core/delivery/outbox';
import { systemClock } from '../../src-main/core/kernel/clock';
import type { HookDirectory } from '../../src-main/core/model/hook-directory';
import type { RealismOptions } from '../../src-main/core/realism/realism';
import { createHooksRepo } from '../../src-main/core/notifications/hooks-repo';
import { createHookDirectory } from '../../src-main/core/notifications/hook-directory';

export interface TempDb { db: Db; dir: string; cleanup(): void }

/** A migrated database in a fresh temp folder. */
export function tempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'bh-delivery-'));
  const db = openDb(join(dir, 'test.sqlite'));
  return { db, dir, cleanup: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export interface HookSpec {
  bucket?: string; id?: string; url: string; state?: string; secret?: string | null;
  schedule?: number[] | null; maxAgeMs?: number | null; timeoutMs?: number; concurrency?: number;
}

/** Insert a hooks row directly. */
export function insertHook(db: Db, h: HookSpec): void {
  db.prepare(`INSERT INTO hooks (bucket, id, position, dialect, url, events, state, secret, retry_schedule, max_age_ms,
      timeout_ms, concurrency, created_at, updated_at)
    VALUES (?, ?, 0, 'vk', ?, '["s3:ObjectCreated:*"]', ?, ?, ?, ?, ?, ?, 0, 0)`).run(
    h.bucket ?? 'bucket', h.id ?? 'hook', h.url, h.state ?? 'active', h.secret ?? null,
    h.schedule ? JSON.stringify(h.schedule) : null, h.maxAgeMs ?? null, h.timeoutMs ?? 10_000, h.concurrency ?? 8,
  );
}

/** The real hook directory notifications/ gives delivery, over `db` (hooks without realism options get `realism`). */
export function hookDirectory(db: Db, realism: RealismOptions | null = null): HookDirectory {
  return createHookDirectory(createHooksRepo(db), systemClock, realism);
}

let eventCounter = 0;

/** Enqueue one outbox row through the real writer; returns its event id. */
export function enqueue(db: Db, e: { bucket?: string; hookId?: string; key: string; sequencer: number; now: number; body?: string }): string {
  const eventId = `evt-${++eventCounter}-${e.key}-${e.sequencer}`;
  createOutboxWriter(db)({
    eventId, bucket: e.bucket ?? 'bucket', hookId: e.hookId ?? 'hook', key: e.key, eventName: 's3:ObjectCreated:Put',
    sequencer: e.sequencer, now: e.now,
    body: e.body ?? JSON.stringify({ Records: [{ s3: { object: { key: e.key, sequencer: e.sequencer } } }] }),
  });
  return eventId;
}

/** One request the receiver saw. */
export interface Received {
  path: string; headers: IncomingMessage['headers']; body: string; at: number;
  /** The sender closed the connection before the answer was complete (an aborted attempt). */
  abandoned: boolean;
}

/** What the receiver does with a request: answer a status (with headers/body), hang, or reset the socket. */
export type Behaviour =
  | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }
  | 'hang' | 'reset';

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Set how the next requests are answered (a function gets each request). */
  behave(b: Behaviour | ((r: Received) => Behaviour)): void;
  close(): Promise<void>;
}

/** A real HTTP receiver on 127.0.0.1:0 (200 by default). */
export async function startReceiver(): Promise<Receiver> {
  let behaviour: Behaviour | ((r: Received) => Behaviour) = { status: 200, body: 'ok' };
  const received: Received[] = [];
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), abandoned: false };
      received.push(r);
      res.once('close', () => { if (!res.writableFinished) r.abandoned = true; });
      const b = typeof behaviour === 'function' ? behaviour(r) : behaviour;
      if (b === 'hang') return;
      if (b === 'reset') { req.socket.destroy(); return; }
      const answer = () => { res.writeHead(b.status, b.headers ?? {}); res.end(b.body ?? ''); };
      if (b.delayMs) setTimeout(answer, b.delayMs); else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`, port, received,
    behave: (b) => { behaviour = b; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A port nobody listens on (connection refused). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Poll `cond` in real time until true (or fail after `timeoutMs`). */
export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Row of a delivery by event id. */
export function deliveryRow(db: Db, eventId: string) {
  return db.prepare('SELECT * FROM deliveries WHERE event_id = ?').get(eventId) as {
    id: number; status: string; attempts: number; auto_attempts: number; next_at: number; last_status: number | null; last_error: string | null;
  };
}

/** Attempts of a delivery by event id, oldest first. */
export function attemptRows(db: Db, eventId: string) {
  return db.prepare(`SELECT a.* FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
    WHERE d.event_id = ? ORDER BY a.id`).all(eventId) as {
    attempt: number; trigger: string; url: string; request_headers: string; request_body: string | null;
    response_status: number | null; response_headers: string | null; response_body: string | null;
    error_class: string | null; error_message: string | null; duration_ms: number; started_at: number; next_at: number | null;
  }[];
}
