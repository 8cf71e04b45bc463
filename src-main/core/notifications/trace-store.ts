// The match_traces table: one row per committed object change with each hook's verdict (stored compact), written
// inside the change's transaction; read per key (explain) and in id order (the live change feed); pruned by age and count.
import type { Db } from '../db/open';
import type { ObjectChange } from '../model/object-change';
import type { Verdict } from './verdicts';

/** One traced change as read back. */
export interface TracedChange {
  id: number; bucket: string; key: string; eventName: string; versionId: string | null; size: number | null;
  etag: string | null; sequencer: number; at: number; verdicts: Verdict[];
}

interface TraceRow {
  id: number; bucket: string; key: string; event_name: string; version_id: string | null; size: number | null;
  etag: string | null; sequencer: number; at: number; verdicts: string;
}

/** Bounds of the kept traces: older than `maxAgeMs`, or beyond the newest `maxRows`, they are pruned. */
export interface TraceLimits { maxAgeMs: number; maxRows: number }

/** Prune once per this many traces written (inside a change's transaction, so each prune stays small). */
const PRUNE_EVERY = 1000;

/** A verdict as stored: [id, outcome, why?, detail?] (migration 018). */
type StoredVerdict = [Verdict['id'], Verdict['outcome'], Verdict['why']?, Verdict['detail']?];

const store = ({ id, outcome, why, detail }: Verdict): StoredVerdict =>
  detail !== undefined ? [id, outcome, why, detail] : why !== undefined ? [id, outcome, why] : [id, outcome];

const load = ([id, outcome, why, detail]: StoredVerdict): Verdict =>
  ({ id, outcome, ...(why !== undefined && { why }), ...(detail !== undefined && { detail }) });

const toChange = (r: TraceRow): TracedChange => ({
  id: r.id, bucket: r.bucket, key: r.key, eventName: r.event_name, versionId: r.version_id, size: r.size, etag: r.etag,
  sequencer: r.sequencer, at: r.at, verdicts: (JSON.parse(r.verdicts) as StoredVerdict[]).map(load),
});

/** Prepared statements over match_traces. */
export function createTraceStore(db: Db, limits: TraceLimits) {
  const insert = db.prepare(`INSERT INTO match_traces (bucket, key, event_name, version_id, size, etag, sequencer, at, verdicts)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const ofKey = db.prepare<[string, string, number], TraceRow>('SELECT * FROM match_traces WHERE bucket = ? AND key = ? ORDER BY id DESC LIMIT ?');
  const after = db.prepare<[number, number], TraceRow>('SELECT * FROM match_traces WHERE id > ? ORDER BY id LIMIT ?');
  const maxId = db.prepare('SELECT COALESCE(MAX(id), 0) FROM match_traces').pluck();
  const firstNewer = db.prepare('SELECT id FROM match_traces WHERE at >= ? ORDER BY id LIMIT 1').pluck();
  const dropBelow = db.prepare('DELETE FROM match_traces WHERE id < ?');
  const dropBucket = db.prepare('DELETE FROM match_traces WHERE bucket = ?');
  let sincePrune = 0;

  /** Drop traces beyond the newest `maxRows` and those older than `maxAgeMs` (ids grow with time: one range delete each). */
  function prune(now: number): void {
    const newest = maxId.get() as number;
    dropBelow.run(newest - limits.maxRows + 1);
    dropBelow.run((firstNewer.get(now - limits.maxAgeMs) as number | undefined) ?? newest + 1);
  }

  return {
    /** Record a change's verdicts (synchronous, inside the change's transaction). */
    record(change: ObjectChange, verdicts: readonly Verdict[], now: number): void {
      insert.run(change.bucket, change.key, change.eventName, change.versionId ?? null, change.size ?? null,
        change.etag ?? null, change.sequencer, change.time, JSON.stringify(verdicts.map(store)));
      if (++sincePrune >= PRUNE_EVERY) { sincePrune = 0; prune(now); }
    },
    /** The newest `limit` traced changes of a key, newest first (a scan back by id: keys have no index, see 018). */
    ofKey: (bucket: string, key: string, limit: number): TracedChange[] => ofKey.all(bucket, key, limit).map(toChange),
    /** Up to `limit` traced changes after id `lastId`, oldest first. */
    after: (lastId: number, limit: number): TracedChange[] => after.all(lastId, limit).map(toChange),
    /** The newest trace id (0 when none). */
    lastId: (): number => maxId.get() as number,
    /** Forget a deleted bucket's traces. */
    removeBucket: (bucket: string): void => { dropBucket.run(bucket); },
    prune,
  };
}

export type TraceStore = ReturnType<typeof createTraceStore>;
