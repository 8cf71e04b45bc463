// SQL of the built-in inbox: inbox rows with their failure switch, captured requests (newest kept,
// older ones trimmed past a cap per inbox).
import type { Db } from '../db/open';

/** Captures kept per inbox; older ones are trimmed. */
export const MAX_CAPTURES = 10_000;

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
    ORDER BY id DESC LIMIT 1 OFFSET ${MAX_CAPTURES})`);
  const page = db.prepare('SELECT * FROM inbox_captures WHERE inbox = ? AND id < ? ORDER BY id DESC LIMIT ?');
  const clear = db.prepare('DELETE FROM inbox_captures WHERE inbox = ?');
  let inserts = 0;

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
    record(c: Omit<InboxCapture, 'id' | 'body'> & { body: Buffer }): number {
      const id = Number(insert.run({ ...c, headers: JSON.stringify(c.headers) }).lastInsertRowid);
      if (++inserts % 100 === 0) trim.run(c.inbox, c.inbox);
      return id;
    },
    captures(name: string, limit: number, before: number): InboxCapture[] {
      return (page.all(name, before, limit) as CaptureRow[]).map((r) => ({
        id: r.id, inbox: r.inbox, receivedAt: r.received_at, method: r.method, path: r.path,
        headers: JSON.parse(r.headers) as Record<string, string>, body: r.body.toString('utf8'),
        bodySize: r.body_size, responseStatus: r.response_status,
      }));
    },
    clear: (name: string): number => clear.run(name).changes,
  };
}
