// The resolved configuration of one running core: defaults, then env vars (BUCKETHOOKS_*), then flags.
// Pure: parsing only; reading/writing the generated key pair lives in credentials.ts.

/** How a hook URL is confirmed when a notification configuration is PUT (SPEC §3). */
export type ConfirmMode = 'strict' | 'record' | 'off';

export interface CoreConfig {
  host: string;
  /** S3 (and API/inbox/UI) port; 0 picks a free one. */
  port: number;
  dataDir: string;
  region: string;
  accessKey: string;
  secretKey: string;
  confirmMode: ConfirmMode;
  /** Owner principal id used in event records and handshake TopicArn. */
  ownerId: string;
  /** Delivered log entries older than this are pruned (ms). */
  retentionMs: number;
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
