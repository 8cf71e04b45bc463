// The desktop app's SecretStore: Electron safeStorage (the OS keychain: Keychain, DPAPI, libsecret/kwallet).
// Pure over a safeStorage-shaped object, so tests use a fake; desktop-app.ts passes Electron's own.
import { AppError } from '../core/kernel/app-error';
import type { Logger } from '../core/kernel/logger';
import { isKeychainSealed, KEYCHAIN_PREFIX, ownerOnlyFileSecrets, type SecretStore } from '../core/kernel/secret-store';

/** The part of Electron's safeStorage this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring, so encryption would be a fixed key. */
  getSelectedStorageBackend?(): string;
}

/** True when safeStorage really protects secrets here (a keyring, not Chromium's fixed basic_text key). */
export function keychainUsable(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return platform !== 'linux' || safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
}

/**
 * A SecretStore sealing with safeStorage. Values stored before (plain, e.g. written by a headless run or an
 * older version) are still opened; they are sealed the next time they are saved.
 */
export function createSafeStorageSecrets(safeStorage: SafeStorageLike): SecretStore {
  return {
    kind: 'os-keychain',
    seal: (secret) => KEYCHAIN_PREFIX + safeStorage.encryptString(secret).toString('base64'),
    open(stored) {
      if (!isKeychainSealed(stored)) return stored;
      try {
        return safeStorage.decryptString(Buffer.from(stored.slice(KEYCHAIN_PREFIX.length), 'base64'));
      } catch (err) {
        throw new AppError('SecretUnavailable', `The OS keychain could not decrypt a saved secret (${(err as Error).message}); save it again`);
      }
    },
  };
}

/**
 * The desktop app's store: safeStorage where the OS keychain protects it; otherwise (Linux without a keyring) the
 * headless store, with one warning, rather than Chromium's fixed-key "encryption".
 */
export function desktopSecretStore(safeStorage: SafeStorageLike, logger: Logger, platform: NodeJS.Platform = process.platform): SecretStore {
  if (keychainUsable(safeStorage, platform)) return createSafeStorageSecrets(safeStorage);
  logger.warn('OS keychain not available: secrets are kept in the data dir, readable only by its owner');
  return ownerOnlyFileSecrets;
}
