// The outbox row notifications/ hands delivery/ inside an object change's transaction: one event for one hook.
// Shared vocabulary beside object-change.ts (delivery owns the table, notifications computes the rows); no behaviour.
import type { AttemptEffect } from '../../../src-shared/contract';

/** One delivery to enqueue: an event for one hook. */
export interface OutboxEntry {
  eventId: string;
  bucket: string;
  hookId: string;
  key: string;
  eventName: string;
  sequencer: number;
  /** The JSON posted: {"Records":[record]}. */
  body: string;
  now: number;
  /** When it becomes due, when realism holds it back (default: `now`). */
  dueAt?: number;
  /** The realism holds that set `dueAt`, marked on its first attempt. */
  effects?: AttemptEffect[];
  /** 'backfill' for an event about an object that existed before the hook (default: an object change). */
  origin?: 'change' | 'backfill';
}
