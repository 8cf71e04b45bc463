// What delivery/ may know and do about hooks, whose table notifications/ owns: read the active ones or one,
// and disable one (a 410 Gone). Shared vocabulary beside object-change.ts; no behaviour here.
import type { RealismOptions } from '../../../src-shared/contract';

/** A hook as delivery needs it: where and how to post. */
export interface DeliveryHook {
  bucket: string;
  id: string;
  url: string;
  state: 'active' | 'paused' | 'disabled';
  /** 'whsec_…' for Standard Webhooks signatures, or null. */
  secret: string | null;
  /** Delays in ms after the first try; null = the settings' default schedule. */
  retrySchedule: readonly number[] | null;
  /** Give up after this age; null = the schedule decides. */
  maxAgeMs: number | null;
  timeoutMs: number;
  /** Attempts in flight at once for this hook. */
  concurrency: number;
  /** Realism options in force: the hook's own, else the server's default; null = none. */
  realism: RealismOptions | null;
}

/** The narrow interface notifications/ offers delivery/ over its hooks table. */
export interface HookDirectory {
  /** Active hooks of every bucket, in configuration order. */
  activeHooks(): DeliveryHook[];
  /** One hook whatever its state, or undefined when it no longer exists. */
  get(bucket: string, id: string): DeliveryHook | undefined;
  /** Stop delivering to a hook (the receiver answered 410 Gone). */
  disable(bucket: string, id: string): void;
}
