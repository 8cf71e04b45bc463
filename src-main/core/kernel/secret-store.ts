// How secrets (remote profiles' secret keys, hook signing secrets) are kept at rest: sealed before they are
// written, opened when used. Desktop: Electron safeStorage (the shell's implementation); headless: as they are,
// protected by the data dir's owner-only permissions. The core only sees this interface.
import { AppError } from './app-error';

/** Seals and opens secrets; `kind` says where their protection comes from (shown in Settings, README). */
export interface SecretStore {
  readonly kind: 'os-keychain' | 'owner-only-files';
  /** The value to store for `secret`. */
  seal(secret: string): string;
  /** The secret of a stored value; throws AppError SecretUnavailable when this store cannot open it. */
  open(stored: string): string;
}

/** Marks values sealed with the OS keychain, so any store can tell them from plain values. */
export const KEYCHAIN_PREFIX = 'bh-keychain:v1:';

/** True when `stored` was sealed by the OS keychain store. */
export function isKeychainSealed(stored: string): boolean {
  return stored.startsWith(KEYCHAIN_PREFIX);
}

/**
 * Headless: secrets are stored as they are, in files readable only by the owner (data dir 0700, files 0600).
 * Values sealed by the desktop app's keychain cannot be opened here.
 */
export const ownerOnlyFileSecrets: SecretStore = {
  kind: 'owner-only-files',
  seal: (secret) => secret,
  open(stored) {
    if (isKeychainSealed(stored)) {
      throw new AppError('SecretUnavailable',
        'This secret was encrypted by the desktop app with the OS keychain; open this data dir in the desktop app, or save the secret again here');
    }
    return stored;
  },
};
