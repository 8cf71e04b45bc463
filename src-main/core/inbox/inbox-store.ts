// SQL of the built-in inbox: inbox rows with their failure switch, captured requests (newest kept, older ones
// trimmed past a cap per inbox), and the bytes kept across inboxes, oldest captures evicted past a total.
import type { Db } from '../db/open';

/** Captures kept per inbox; older ones are trimmed. */
export const MAX_CAPTURES = 10_000;

/** Bytes a capture row keeps: body, headers and path. */
const ROW_BYTES = 'length(body) + length(CAST(headers AS BLOB)) + length(CAST(path AS BLOB))';

/** An inbox and its failure switch. */
export interface InboxInfo {
  name: string;
  /** Captures held. */
  count: number;
  /** Status answered while failing, or null (healthy). */
  failStatus: number | null;
  /** Delay before answering while the switch is on. */
  delayMs: number;
  /** Requests left to fail; null = until reset. */
  failRemaining: number | null;
  lastReceivedAt: number | null;
}

/** One captured request. The body is the first 1 MiB, as UTF-8 text. */
export interface InboxCapture {
  id: number; inbox: string; receivedAt: number; method: string; path: string;
  headers: Record<string, string>; body: string; bodySize: number; responseStatus: number;
}

interface CaptureRow {
  id: number; inbox: string; received_at: number; method: string; path: string; headers: string; body: Buffer;
  body_size: number; response_status: number;
}

/** Prepare the inbox statements. */
export function createInboxStore(db: Db) {
  const ensure = db.prepare('INSERT OR IGNORE INTO inboxes (name, created_at) VALUES (?, ?)');
  const list = db.prepare(`SELECT i.name, i.fail_status, i.fail_delay_ms, i.fail_remaining,
      (SELECT COUNT(*) FROM inbox_captures c WHERE c.inbox = i.name) AS count,
      (SELECT MAX(received_at) FROM inbox_captures c WHERE c.inbox = i.name) AS last
    FROM inboxes i ORDER BY i.name`);
  const one = db.prepare('SELECT fail_status, fail_delay_ms, fail_remaining FROM inboxes WHERE name = ?');
  const consume = db.prepare('UPDATE inboxes SET fail_remaining = fail_remaining - 1 WHERE name = ? AND fail_remaining > 0');
  const setFailure = db.prepare('UPDATE inboxes SET fail_status = ?, fail_delay_ms = ?, fail_remaining = ? WHERE name = ?');
  const insert = db.prepare(`INSERT INTO inbox_captures (inbox, method, path, headers, body, body_size, response_status, received_at)
    VALUES (@inbox, @method, @path, @headers, @body, @bodySize, @responseStatus, @receivedAt)`);
  const trim = db.prepare(`DELETE FROM inbox_captures WHERE inbox = ? AND id <= (SELECT id FROM inbox_captures WHERE inbox = ?
    ORDER BY id DESC LIMIT 1 OFFSET ${MAX_CAPTURES}) RETURNING ${ROW_BYTES} AS bytes`);
  const page = db.prepare('SELECT * FROM inbox_captures WHERE inbox = ? AND id < ? ORDER BY id DESC LIMIT ?');
  const clear = db.prepare(`DELETE FROM inbox_captures WHERE inbox = ? RETURNING ${ROW_BYTES} AS bytes`);
  const evictOldest = db.prepare(`DELETE FROM inbox_captures WHERE id = (SELECT MIN(id) FROM inbox_captures)
    RETURNING ${ROW_BYTES} AS bytes`);
  const exists = db.prepare('SELECT 1 FROM inboxes WHERE name = ?').pluck();
  const countInboxes = db.prepare('SELECT COUNT(*) FROM inboxes').pluck();
  const removeInbox = db.prepare('DELETE FROM inboxes WHERE name = ?');
  let bytes = Number(db.prepare(`SELECT COALESCE(SUM(${ROW_BYTES}), 0) FROM inbox_captures`).pluck().get());
  let inserts = 0;
  const release = (rows: unknown[]) => { for (const r of rows as { bytes: number }[]) bytes -= r.bytes; };
  const evict = db.transaction((maxBytes: number) => {
    while (bytes > maxBytes) {
      const evicted = evictOldest.all();
      if (evicted.length === 0) break;
      release(evicted);
    }
  });

  return {
    ensure: (name: string, now: number) => { ensure.run(name, now); },
    list: (): InboxInfo[] => (list.all() as { name: string; fail_status: number | null; fail_delay_ms: number;
      fail_remaining: number | null; count: number; last: number | null }[]).map((r) => ({
      name: r.name, count: r.count, failStatus: r.fail_status, delayMs: r.fail_delay_ms,
      failRemaining: r.fail_remaining, lastReceivedAt: r.last,
    })),
    /** The failure to apply to the next request (consuming one of N), or null when healthy. */
    takeFailure: db.transaction((name: string): { status: number | null; delayMs: number } | null => {
      const r = one.get(name) as { fail_status: number | null; fail_delay_ms: number; fail_remaining: number | null } | undefined;
      if (!r || (r.fail_status === null && r.fail_delay_ms === 0)) return null;
      if (r.fail_remaining !== null) {
        if (r.fail_remaining <= 0) return null;
        consume.run(name);
      }
      return { status: r.fail_status, delayMs: r.fail_delay_ms };
    }),
    setFailure: (name: string, status: number | null, delayMs: number, count: number | null) => {
      setFailure.run(status, delayMs, count, name);
    },
    /** Keep a capture; past `maxBytes` in all, the oldest captures (of any inbox) are evicted. */
    record(c: Omit<InboxCapture, 'id' | 'body'> & { body: Buffer }, maxBytes: number): number {
      const headers = JSON.stringify(c.headers);
      const id = Number(insert.run({ ...c, headers }).lastInsertRowid);
      bytes += c.body.length + Buffer.byteLength(headers) + Buffer.byteLength(c.path);
      if (++inserts % 100 === 0) release(trim.all(c.inbox, c.inbox));
      if (bytes > maxBytes) evict(maxBytes);
      return id;
    },
    /** Bytes kept by all captures. */
    bytes: () => bytes,
    exists: (name: string) => exists.get(name) !== undefined,
    count: () => Number(countInboxes.get()),
    /** Forget an inbox and its captures; true when it existed. */
    remove: db.transaction((name: string): boolean => {
      release(clear.all(name));
      return removeInbox.run(name).changes > 0;
    }),
    captures(name: string, limit: number, before: number): InboxCapture[] {
      return (page.all(name, before, limit) as CaptureRow[]).map((r) => ({
        id: r.id, inbox: r.inbox, receivedAt: r.received_at, method: r.method, path: r.path,
        headers: JSON.parse(r.headers) as Record<string, string>, body: r.body.toString('utf8'),
        bodySize: r.body_size, responseStatus: r.response_status,
      }));
    },
    clear(name: string): number {
      const rows = clear.all(name);
      release(rows);
      return rows.length;
    },
  };
}
