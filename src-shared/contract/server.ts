// The contract of the server and settings nouns: status, token rotation, app settings and their defaults.

import type { Empty } from './common';
import type { RealismOptions } from './hooks';

export type ConfirmMode = 'strict' | 'record' | 'off';

export interface ServerStatus {
  endpoint: string; region: string; accessKey: string; secretKey: string;
  dataDir: string; port: number; version: string; confirmMode: ConfirmMode;
  /** Where saved secrets are protected: the OS keychain (desktop) or the data dir's owner-only files (headless). */
  secretsAtRest: 'os-keychain' | 'owner-only-files';
  /** The browser UI's URL with its token (kept across restarts); null where no browser UI is served. */
  uiUrl: string | null;
  /** Realism options of hooks without their own (`--realism`); null = none. */
  realism: RealismOptions | null;
}

/** App settings; they apply to the running core at once and are kept in the data dir across restarts. */
export interface AppSettings { confirmMode: ConfirmMode; retrySchedule: number[] }

/** The retry delays (ms) after the first try until settings change them (SPEC §5): 1 s, 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h. */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [
  1_000, 5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000,
];

/** The server and settings methods of the app API. */
export interface ServerMethods {
  'server.status': (input: Empty) => Promise<ServerStatus>;
  /** Replace the API/UI token: URLs with the old one stop working. Returns the new UI URL. */
  'server.rotateToken': (input: Empty) => Promise<{ uiUrl: string | null }>;
  'settings.get': (input: Empty) => Promise<AppSettings>;
  'settings.update': (input: Partial<AppSettings>) => Promise<AppSettings>;
}
