import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedFileSecretStore, MemorySecretStore } from '../../../electron/engine/app/secret-store.ts';

// A stand-in for safeStorage: reversible, and obviously not the plain text.
const fakeEncryptor = {
  encrypt: (plain: string) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
  decrypt: (cipher: Buffer) => {
    const text = cipher.toString();
    if (!text.startsWith('enc:')) throw new Error('cannot decrypt');
    return [...text.slice(4)].reverse().join('');
  },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('EncryptedFileSecretStore', () => {
  it('stores tokens encrypted and reads them back', async () => {
    const file = path.join(dir, 'tokens.json');
    const store = new EncryptedFileSecretStore(file, fakeEncryptor);
    await Promise.all([store.set('a', 'token-aaa'), store.set('b', 'token-bbb')]);
    expect(await store.get('a')).toBe('token-aaa');
    expect(await store.get('b')).toBe('token-bbb');
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain('token-aaa');
    expect(Object.keys(JSON.parse(onDisk))).toEqual(['a', 'b']);
    // A second instance (the next app start) reads the same file.
    expect(await new EncryptedFileSecretStore(file, fakeEncryptor).get('a')).toBe('token-aaa');
  });

  it('forgets deleted tokens and treats undecryptable ones as absent', async () => {
    const file = path.join(dir, 'tokens.json');
    const store = new EncryptedFileSecretStore(file, fakeEncryptor);
    await store.set('a', 'token-aaa');
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
    const other = new EncryptedFileSecretStore(file, {
      ...fakeEncryptor,
      decrypt: () => {
        throw new Error('x');
      },
    });
    await store.set('b', 'token-bbb');
    expect(await other.get('b')).toBeNull();
  });
});

describe('MemorySecretStore', () => {
  it('keeps tokens in memory only', async () => {
    const store = new MemorySecretStore();
    expect(store.kind).toBe('memory');
    await store.set('a', 't');
    expect(await store.get('a')).toBe('t');
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
  });
});
