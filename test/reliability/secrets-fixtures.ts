/**
 * Stand-ins the secrets test needs: Electron's safeStorage (real AES-GCM under a key held in this
 * process, so ciphertext never shows the token) and file handlers for a transport without dialogs.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FileHandlers } from '../../electron/engine/app/index.ts';

/** safeStorage as Electron offers it, encrypting with AES-GCM under a key that lives in this process. */
export function fakeSafeStorage() {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString(plain: string): Buffer {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(blob: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
      decipher.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** File handlers that pick nothing and open nothing. */
export const noFiles: FileHandlers = {
  'file/open-dialog': async () => null,
  'file/save-dialog': async () => null,
  'shell/open-path': async () => undefined,
  'shell/show-in-folder': async () => undefined,
  'file/take-opened': async () => null,
};
