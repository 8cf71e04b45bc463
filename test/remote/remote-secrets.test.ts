// Secrets at rest behind the SecretStore interface: the desktop's safeStorage store (with a fake safeStorage that
// really transforms bytes) keeps remotes.json free of the clear secret; the headless store and the file's mode.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecrets, desktopSecretStore, keychainUsable, type SafeStorageLike } from '../../src-main/shell/safe-storage-secrets';
import { KEYCHAIN_PREFIX, ownerOnlyFileSecrets } from '../../src-main/core/kernel/secret-store';
import { createRemotes } from '../../src-main/core/remote/create-remotes';
import { createLogger, silentLogger } from '../../src-main/core/kernel/logger';
import { tempDir } from '../helpers/temp-dir';

/** A stand-in for Electron's safeStorage: XOR with a key plus a header, so the output is not the input. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike & { calls: number } {
  const key = 0x5a;
  const fake = {
    calls: 0,
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain: string) { fake.calls++; return Buffer.concat([Buffer.from('v10'), Buffer.from(plain).map((b) => b ^ key)]); },
    decryptString(data: Buffer) {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(data.subarray(3).map((b) => b ^ key)).toString();
    },
  };
  return fake;
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
let dir: string | undefined;
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = undefined; });

describe('safeStorage secret store', () => {
  it('seals to a marked value without the secret and opens it again', () => {
    const store = createSafeStorageSecrets(fakeSafeStorage());
    const sealed = store.seal(SECRET);
    expect(sealed.startsWith(KEYCHAIN_PREFIX)).toBe(true);
    expect(sealed).not.toContain(SECRET);
    expect(store.open(sealed)).toBe(SECRET);
    expect(store.kind).toBe('os-keychain');
  });

  it('opens plain values stored before (headless runs, older versions)', () => {
    expect(createSafeStorageSecrets(fakeSafeStorage()).open('whsec_plain')).toBe('whsec_plain');
  });

  it('reports a value the keychain cannot decrypt as SecretUnavailable', () => {
    const store = createSafeStorageSecrets(fakeSafeStorage());
    expect(() => store.open(KEYCHAIN_PREFIX + Buffer.from('garbage').toString('base64')))
      .toThrow(expect.objectContaining({ code: 'SecretUnavailable' }));
  });

  it.each<[string, { available?: boolean; backend?: string }, NodeJS.Platform, boolean]>([
    ['a Linux keyring', { backend: 'gnome_libsecret' }, 'linux', true],
    ['Linux without a keyring (basic_text)', { backend: 'basic_text' }, 'linux', false],
    ['encryption unavailable', { available: false }, 'darwin', false],
    ['macOS Keychain', {}, 'darwin', true],
  ])('keychain usable with %s: %s', (_what, options, platform, usable) => {
    expect(keychainUsable(fakeSafeStorage(options), platform)).toBe(usable);
  });

  it('falls back to the owner-only store, with one warning, where the keychain is unusable', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    expect(desktopSecretStore(fakeSafeStorage(), logger, 'linux').kind).toBe('os-keychain');
    expect(lines).toEqual([]);
    expect(desktopSecretStore(fakeSafeStorage({ backend: 'basic_text' }), logger, 'linux')).toBe(ownerOnlyFileSecrets);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('OS keychain not available');
  });

  it('keeps the clear secret out of remotes.json; the API view never carries it', () => {
    dir = tempDir('bh-secrets-');
    const safe = fakeSafeStorage();
    const remotes = createRemotes({ dataDir: dir, secrets: createSafeStorageSecrets(safe), logger: silentLogger });
    const view = remotes.save({ name: 'vk', endpoint: 'https://hb.ru-msk.vkcloud-storage.ru', region: 'ru-msk',
      accessKey: 'AKIAEXAMPLE', secretKey: SECRET, pathStyle: false, verifyTls: true });
    const file = readFileSync(join(dir, 'remotes.json'), 'utf8');
    expect(file).not.toContain(SECRET);
    expect(file).toContain(KEYCHAIN_PREFIX);
    expect(safe.calls).toBe(1);
    expect(JSON.stringify(view) + JSON.stringify(remotes.list())).not.toContain(SECRET);
    expect(remotes.connection('vk').profile.secretKey).toBe(SECRET);
    expect(statSync(join(dir, 'remotes.json')).mode & 0o777).toBe(0o600);
    remotes.close();
  });
});

describe('owner-only file secret store (headless)', () => {
  it('stores secrets as they are and refuses keychain-sealed ones with a reason', () => {
    expect(ownerOnlyFileSecrets.open(ownerOnlyFileSecrets.seal(SECRET))).toBe(SECRET);
    expect(() => ownerOnlyFileSecrets.open(`${KEYCHAIN_PREFIX}abc`)).toThrow(/encrypted by the desktop app/);
  });
});
