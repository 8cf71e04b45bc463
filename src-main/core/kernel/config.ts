// The resolved configuration of one running core: defaults, then env vars (BUCKETHOOKS_*), then flags.
// Pure: parsing only; the generated key pair is read and written by src-main/launch/data-dir.ts.
import type { RealismOptions } from '../../../src-shared/contract';

/** How a hook URL is confirmed when a notification configuration is PUT (SPEC §3). */
export type ConfirmMode = 'strict' | 'record' | 'off';

/** Fixed for the life of a core: what may change while it runs lives in the settings service. */
export interface CoreConfig {
  readonly host: string;
  /** S3 (and API/inbox/UI) port; 0 picks a free one. */
  readonly port: number;
  readonly dataDir: string;
  readonly region: string;
  readonly accessKey: string;
  readonly secretKey: string;
  /** The confirm mode the core starts with (the settings service may hold a stored choice instead). */
  readonly confirmMode: ConfirmMode;
  /** Owner principal id used in event records and handshake TopicArn. */
  readonly ownerId: string;
  /** Delivered log entries older than this are pruned (ms). */
  readonly retentionMs: number;
  /** Bodies up to this many bytes are stored inline in SQLite (default storage's INLINE_LIMIT; benches vary it). */
  readonly inlineLimit?: number;
  /** Realism options of hooks without their own (`--realism`); absent or null = none. */
  readonly realism?: RealismOptions | null;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 9000,
  dataDir: './.buckethooks',
  region: 'ru-msk',
  confirmMode: 'strict' as ConfirmMode,
  retentionMs: 7 * 24 * 3600 * 1000,
};

export const CONFIRM_MODES: readonly ConfirmMode[] = ['strict', 'record', 'off'];
