import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { createDesktopSecretStore, hasRealEncryption } =
  await import('../../../electron/main/secret-store.ts');

const safeStorage = (available: boolean, backend = 'gnome_libsecret') => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (plain: string) => Buffer.from([...plain].reverse().join('')),
  decryptString: (cipher: Buffer) => [...cipher.toString()].reverse().join(''),
});

describe('desktop token storage', () => {
  it('uses OS encryption only when it is real', () => {
    expect(hasRealEncryption(safeStorage(true), 'darwin')).toBe(true);
    expect(hasRealEncryption(safeStorage(true, 'kwallet5'), 'linux')).toBe(true);
    expect(hasRealEncryption(safeStorage(true, 'basic_text'), 'linux')).toBe(false);
    expect(hasRealEncryption(safeStorage(false), 'win32')).toBe(false);
  });

  it('falls back to memory, and otherwise writes only ciphertext', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-safe-'));
    try {
      expect(createDesktopSecretStore(safeStorage(false) as never, dir, 'linux').kind).toBe('memory');
      const store = createDesktopSecretStore(safeStorage(true) as never, dir, 'linux');
      expect(store.kind).toBe('encrypted');
      await store.set('p1', 'abc-token');
      expect(await store.get('p1')).toBe('abc-token');
      expect(await readFile(path.join(dir, 'tokens.json'), 'utf8')).not.toContain('abc-token');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
