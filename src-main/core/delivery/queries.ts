// Read side of the delivery log: filtered, newest-first, keyset-paginated lists (no OFFSET, no COUNT per
// page), one delivery with its attempts, per-hook summaries. Statements are prepared once per filter shape.
import type { Db } from '../db/open';
import { AppError } from '../kernel/app-error';
import type { DeliveryCounts, DeliveryDetail, DeliveryFilter, DeliveryPage, DeliverySummary } from './types';
import { SUMMARY_COLUMNS, toAttempt, toSummary, type AttemptRow, type SummaryRow } from './rows';

const STATUSES = new Set(['pending', 'delivered', 'failed']);

/**
 * The smallest id whose created_at is ≥ `time` (MAX+1 when none), by binary search over the primary key:
 * ids are assigned in creation order, so created_at grows with id and no time index is needed.
 */
export function firstIdAtOrAfter(db: Db, time: number): number {
  const bounds = db.prepare('SELECT COALESCE(MIN(id), 1) AS lo, COALESCE(MAX(id), 0) AS hi FROM deliveries').get() as { lo: number; hi: number };
  const at = db.prepare('SELECT created_at FROM deliveries WHERE id >= ? ORDER BY id LIMIT 1').pluck();
  let lo = bounds.lo;
  let hi = bounds.hi + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const created = at.get(mid) as number | undefined;
    if (created === undefined || created >= time) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** Matches under a key prefix above which walking the id order beats sorting the prefix range. */
const NARROW_PREFIX = 5000;

function fewUnderPrefix(db: Db, bucket: string, keyPrefix: string): boolean {
  const n = db.prepare(`SELECT COUNT(*) FROM (SELECT 1 FROM deliveries WHERE bucket = @bucket AND key >= @keyPrefix
    AND key < @keyPrefix || char(1114111) LIMIT ${NARROW_PREFIX + 1})`).pluck().get({ bucket, keyPrefix }) as number;
  return n <= NARROW_PREFIX;
}

/**
 * A WHERE clause and its parameters for `filter`; time bounds also become id bounds (ids grow with time).
 * Only status and id may drive an index (`+col` keeps the planner off the others), so a page is a walk down
 * the primary key or (status, id) in id order without a sort; a narrow key prefix seeks (bucket, key) instead.
 */
export function filterClause(db: Db, filter: DeliveryFilter): { where: string; params: Record<string, string | number> } {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.bucket !== undefined && filter.keyPrefix && fewUnderPrefix(db, filter.bucket, filter.keyPrefix)) {
    // A narrow key prefix: seek its range on (bucket, key) and sort the few matches.
    parts.push('bucket = @bucket AND key >= @keyPrefix AND key < @keyPrefix || char(1114111)');
  } else if (filter.bucket !== undefined) {
    parts.push('+bucket = @bucket');
  }
  if (filter.bucket !== undefined) params.bucket = filter.bucket;
  if (filter.hookId !== undefined) { parts.push('+hook_id = @hookId'); params.hookId = filter.hookId; }
  if (filter.status !== undefined) {
    if (!STATUSES.has(filter.status)) throw new AppError('InvalidInput', `unknown delivery status: ${String(filter.status)}`);
    parts.push('status = @status');
    params.status = filter.status;
  }
  if (filter.excludeDelivered) parts.push("status IN ('pending', 'failed')");
  if (filter.keyPrefix) {
    parts.push('substr(key, 1, length(@keyPrefix)) = @keyPrefix');
    params.keyPrefix = filter.keyPrefix;
  }
  if (filter.since !== undefined) {
    parts.push('+created_at >= @since AND id >= @sinceId');
    params.since = filter.since;
    params.sinceId = firstIdAtOrAfter(db, filter.since);
  }
  if (filter.until !== undefined) {
    parts.push('+created_at <= @until AND id < @untilId');
    params.until = filter.until;
    params.untilId = firstIdAtOrAfter(db, filter.until + 1);
  }
  return { where: parts.length ? parts.join(' AND ') : '1', params };
}

/** Prepare the log queries on `db`. */
export function createQueries(db: Db) {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const prepared = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) { stmt = db.prepare(sql); cache.set(sql, stmt); }
    return stmt;
  };
  const one = db.prepare(`SELECT ${SUMMARY_COLUMNS}, body, auto_attempts FROM deliveries WHERE id = ?`);
  const attempts = db.prepare('SELECT * FROM delivery_attempts WHERE delivery_id = ? ORDER BY id');
  const lastOfHook = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE +bucket = ? AND +hook_id = ? ORDER BY id DESC LIMIT 1`);
  const pendingOfHook = db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE bucket = ? AND hook_id = ? AND status = 'pending'`);

  return {
    /** One page of deliveries matching `filter`, newest first. `cursor` is the previous page's `nextCursor`. */
    list(filter: DeliveryFilter & { cursor?: string | null; limit?: number } = {}): DeliveryPage {
      const limit = Math.min(Math.max(Math.floor(filter.limit ?? 50), 1), 500);
      const { where, params } = filterClause(db, filter);
      let clause = where;
      if (filter.cursor) {
        const before = Number(filter.cursor);
        if (!Number.isSafeInteger(before)) throw new AppError('InvalidInput', 'invalid cursor');
        clause += ' AND id < @before';
        params.before = before;
      }
      const rows = prepared(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE ${clause} ORDER BY id DESC LIMIT ${limit + 1}`)
        .all(params) as SummaryRow[];
      const items = rows.slice(0, limit).map(toSummary);
      return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
    },
    /** How many deliveries match `filter`, by status (what a bulk replay of it would send). */
    count(filter: DeliveryFilter = {}): DeliveryCounts {
      const { where, params } = filterClause(db, filter);
      const rows = prepared(`SELECT status, COUNT(*) AS n FROM deliveries WHERE ${where} GROUP BY status`)
        .all(params) as { status: keyof DeliveryCounts; n: number }[];
      const counts: DeliveryCounts = { pending: 0, delivered: 0, failed: 0 };
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },
    /** One delivery with its body, attempts and scheduled-attempt count, or undefined. */
    get(id: number): (Omit<DeliveryDetail, 'retry'> & { autoAttempts: number }) | undefined {
      const row = one.get(id) as (SummaryRow & { body: string; auto_attempts: number }) | undefined;
      if (!row) return undefined;
      const log = (attempts.all(id) as AttemptRow[]).map((a) => toAttempt(a, row.body));
      return { ...toSummary(row), body: row.body, attemptLog: log, autoAttempts: row.auto_attempts };
    },
    /** The latest delivery of a hook (the hook table's "last delivery status") and its pending count. */
    hookSummary(bucket: string, hookId: string): { last: DeliverySummary | null; pending: number } {
      const last = lastOfHook.get(bucket, hookId) as SummaryRow | undefined;
      const { n } = pendingOfHook.get(bucket, hookId) as { n: number };
      return { last: last ? toSummary(last) : null, pending: n };
    },
  };
}

export type Queries = ReturnType<typeof createQueries>;
