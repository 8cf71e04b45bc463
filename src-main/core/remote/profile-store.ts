// The remote profiles of one data dir, kept in <dataDir>/remotes.json (mode 0600): read on every use so the
// server and CLI commands see each other's changes; written whole, atomically (temp, fsync, rename, fsync dir).
// Secrets are sealed by the SecretStore before they reach the file. Knows nothing of S3.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../kernel/app-error';
import { writeFileAtomic } from '../kernel/durability/atomic-file';
import type { StoredProfile } from './profile';

/** The file's name inside the data dir. */
export const PROFILES_FILE = 'remotes.json';

interface ProfilesFile { version: 1; profiles: StoredProfile[] }

/** Read and write the stored profiles of a data dir. */
export interface ProfileStore {
  list(): StoredProfile[];
  get(name: string): StoredProfile | undefined;
  /** Insert or replace by name; `replacing` (a rename) removes that name in the same write. */
  put(profile: StoredProfile, replacing?: string): void;
  /** Remove by name; false when there was none. */
  remove(name: string): boolean;
}

const isProfile = (p: unknown): p is StoredProfile => {
  const r = p as Record<string, unknown>;
  return typeof r === 'object' && r !== null && ['name', 'endpoint', 'region', 'accessKey', 'sealedSecret']
    .every((k) => typeof r[k] === 'string') && typeof r.pathStyle === 'boolean' && typeof r.verifyTls === 'boolean';
};

/** The profile store of `dataDir` (the folder must exist). */
export function createProfileStore(dataDir: string): ProfileStore {
  const path = join(dataDir, PROFILES_FILE);
  const read = (): StoredProfile[] => {
    if (!existsSync(path)) return [];
    let parsed: unknown;
    try { parsed = JSON.parse(readFileSync(path, 'utf8')); } catch (err) {
      throw new AppError('ProfilesUnreadable', `${path} is not valid JSON (${(err as Error).message}); fix or remove it`);
    }
    const profiles = (parsed as Partial<ProfilesFile>)?.profiles;
    if (!Array.isArray(profiles)) throw new AppError('ProfilesUnreadable', `${path} has no "profiles" list; fix or remove it`);
    return profiles.filter(isProfile);
  };
  const write = (profiles: StoredProfile[]) => {
    const file: ProfilesFile = { version: 1, profiles };
    writeFileAtomic(path, JSON.stringify(file, null, 2) + '\n');
  };
  return {
    list: read,
    get: (name) => read().find((p) => p.name === name),
    put(profile, replacing) {
      const others = read().filter((p) => p.name !== profile.name && p.name !== replacing);
      write([...others, profile].sort((a, b) => a.name.localeCompare(b.name)));
    },
    remove(name) {
      const profiles = read();
      const kept = profiles.filter((p) => p.name !== name);
      if (kept.length === profiles.length) return false;
      write(kept);
      return true;
    },
  };
}
