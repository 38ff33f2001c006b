/**
 * Token storage for the desktop app: encrypted with the OS keychain through `safeStorage`, in a file
 * in the data folder. Where the OS offers no real encryption (Linux without a keyring falls back to a
 * fixed key, `basic_text`), tokens are kept in memory only and the UI says so.
 */
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { EncryptedFileSecretStore, MemorySecretStore, type SecretStore } from '../engine/app/secret-store.ts';

/** The file encrypted tokens are kept in. */
export const TOKENS_FILE = 'tokens.json';

/** True when `safeStorage` encrypts with a real OS secret. */
export function hasRealEncryption(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable'> & { getSelectedStorageBackend?: () => string },
  platform: NodeJS.Platform,
): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return backend !== 'basic_text' && backend !== 'unknown';
}

/** The store to use; call after the app is ready (safeStorage needs it on Linux). */
export function createDesktopSecretStore(
  safeStorage: SafeStorage,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): SecretStore {
  if (!hasRealEncryption(safeStorage, platform)) return new MemorySecretStore();
  return new EncryptedFileSecretStore(path.join(dataDir, TOKENS_FILE), {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  });
}
