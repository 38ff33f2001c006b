/**
 * Where API tokens live. The connection profiles on disk never hold a token; they hold a profile id,
 * and the token is looked up here. The desktop app stores tokens encrypted by the OS (Electron
 * `safeStorage`, injected as an {@link Encryptor} so this module needs no `electron`); the browser
 * version keeps them in memory only.
 */
import { readTextIfExists, SerialQueue, writeFileAtomic } from '../json-file.ts';

/** Token storage, keyed by connection profile id. */
export interface SecretStore {
  /** `encrypted`: survives restarts, encrypted at rest; `memory`: gone when the process ends. */
  readonly kind: 'encrypted' | 'memory';
  get(profileId: string): Promise<string | null>;
  set(profileId: string, secret: string): Promise<void>;
  delete(profileId: string): Promise<void>;
}

/** Keeps tokens in this process only (the web bridge, or a desktop without OS encryption). */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory';
  private readonly secrets = new Map<string, string>();

  async get(profileId: string): Promise<string | null> {
    return this.secrets.get(profileId) ?? null;
  }

  async set(profileId: string, secret: string): Promise<void> {
    this.secrets.set(profileId, secret);
  }

  async delete(profileId: string): Promise<void> {
    this.secrets.delete(profileId);
  }
}

/** Encrypts and decrypts one secret (Electron: `safeStorage.encryptString` / `decryptString`). */
export interface Encryptor {
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

/**
 * Tokens encrypted one by one and kept in a JSON file of base64 ciphertexts. Writes go to a temporary
 * file that is renamed into place, so a crash never leaves a half-written file; calls are serialised so
 * two saves cannot lose each other's change.
 */
export class EncryptedFileSecretStore implements SecretStore {
  readonly kind = 'encrypted';
  private readonly queue = new SerialQueue();

  constructor(
    private readonly file: string,
    private readonly encryptor: Encryptor,
  ) {}

  get(profileId: string): Promise<string | null> {
    return this.queue.run(async () => {
      const cipher = (await this.read())[profileId];
      if (cipher === undefined) return null;
      try {
        return this.encryptor.decrypt(Buffer.from(cipher, 'base64'));
      } catch {
        // Encrypted under another OS account or keyring: as good as absent; the user enters it again.
        return null;
      }
    });
  }

  set(profileId: string, secret: string): Promise<void> {
    return this.queue.run(async () => {
      const all = await this.read();
      all[profileId] = this.encryptor.encrypt(secret).toString('base64');
      await this.write(all);
    });
  }

  delete(profileId: string): Promise<void> {
    return this.queue.run(async () => {
      const all = await this.read();
      if (!Object.hasOwn(all, profileId)) return;
      delete all[profileId];
      await this.write(all);
    });
  }

  private async read(): Promise<Record<string, string>> {
    const text = await readTextIfExists(this.file);
    if (text === undefined) return {};
    const parsed: unknown = JSON.parse(text);
    const out: Record<string, string> = {};
    if (parsed !== null && typeof parsed === 'object') {
      for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') out[key] = value;
    }
    return out;
  }

  private async write(all: Record<string, string>): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(all, null, 2), { mode: 0o600 });
  }
}
