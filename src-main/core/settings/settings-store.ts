// Persistence of the app settings in the core's SQLite database (table `settings`, migration 005): read once when
// the settings service is built, written on each change.
import type { Db } from '../db/open';
import { CONFIRM_MODES, type ConfirmMode } from '../kernel/config';

/** What is stored: the chosen values, and the confirm mode the core was started with when it was chosen. */
export interface StoredSettings {
  confirmMode?: { value: ConfirmMode; startedWith: ConfirmMode };
  retrySchedule?: number[];
}

/** The settings store of one data dir. */
export interface SettingsStore {
  read(): StoredSettings;
  write(settings: StoredSettings): void;
}

const isMode = (v: unknown): v is ConfirmMode => typeof v === 'string' && (CONFIRM_MODES as readonly string[]).includes(v);
const isSchedule = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0);

function parse(rows: { key: string; value: string }[]): StoredSettings {
  const out: StoredSettings = {};
  for (const { key, value } of rows) {
    const v: unknown = JSON.parse(value);
    if (key === 'confirmMode' && typeof v === 'object' && v !== null) {
      const { value: mode, startedWith } = v as Record<string, unknown>;
      if (isMode(mode) && isMode(startedWith)) out.confirmMode = { value: mode, startedWith };
    }
    if (key === 'retrySchedule' && isSchedule(v)) out.retrySchedule = v;
  }
  return out;
}

/** The store over the core's database. */
export function createSettingsStore(db: Db, now: () => number): SettingsStore {
  const select = db.prepare('SELECT key, value FROM settings');
  const put = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  return {
    read: () => parse(select.all() as { key: string; value: string }[]),
    write: (settings) => db.transaction(() => {
      for (const [key, value] of Object.entries(settings)) if (value !== undefined) put.run(key, JSON.stringify(value), now());
    })(),
  };
}
