/**
 * Saved connection profiles (the `connections` section of `settings.json`): names, kinds, base URLs and
 * which one was active last. Tokens are not here; they are in the {@link SecretStore}. The built-in
 * sandbox profile always exists, so a new user has something to connect to at once.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SANDBOX_PROFILE_ID, type ConnectionKind } from '../../../shared/ipc.ts';
import type { SettingsFile } from './settings-file.ts';

export { SANDBOX_PROFILE_ID };

/** A profile as stored on disk. */
export interface StoredProfile {
  readonly id: string;
  readonly name: string;
  readonly kind: ConnectionKind;
  readonly baseUrl: string | null;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

const storedProfile = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['sandbox', 'pipedrive']),
  baseUrl: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

const section = z.object({
  profiles: z.array(z.unknown()).default([]),
  activeId: z.string().nullable().default(null),
});

interface ProfilesSection {
  readonly profiles: ReadonlyArray<StoredProfile>;
  readonly activeId: string | null;
}

const SECTION = 'connections';

/** The profile a fresh data folder starts with. */
export function builtInSandboxProfile(now: string): StoredProfile {
  return {
    id: SANDBOX_PROFILE_ID,
    name: 'Sandbox — demo data',
    kind: 'sandbox',
    baseUrl: null,
    createdAt: now,
    lastUsedAt: null,
  };
}

/** Reads what is on disk, dropping entries that do not parse (hand-edited or from a newer version). */
export function parseProfilesSection(raw: unknown, now: string): ProfilesSection {
  const parsed = section.safeParse(raw ?? {});
  const profiles: StoredProfile[] = [];
  if (parsed.success) {
    for (const entry of parsed.data.profiles) {
      const profile = storedProfile.safeParse(entry);
      if (profile.success && !profiles.some((p) => p.id === profile.data.id)) profiles.push(profile.data);
    }
  }
  if (!profiles.some((p) => p.id === SANDBOX_PROFILE_ID)) profiles.unshift(builtInSandboxProfile(now));
  const activeId = parsed.success ? parsed.data.activeId : null;
  return {
    profiles,
    activeId: activeId !== null && profiles.some((p) => p.id === activeId) ? activeId : null,
  };
}

/** Fields a caller may set when creating or changing a profile. */
export interface ProfileInput {
  readonly id?: string;
  readonly name: string;
  readonly kind: ConnectionKind;
  readonly baseUrl: string | null;
}

/** CRUD over the saved profiles. */
export class ProfileStore {
  constructor(
    private readonly settings: SettingsFile,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every profile, the built-in sandbox first. */
  async list(): Promise<ReadonlyArray<StoredProfile>> {
    return (await this.load()).profiles;
  }

  /** One profile, or null. */
  async get(id: string): Promise<StoredProfile | null> {
    return (await this.list()).find((p) => p.id === id) ?? null;
  }

  /** The profile that was active when the app last ran, or null. */
  async activeId(): Promise<string | null> {
    return (await this.load()).activeId;
  }

  /** Creates (no id) or changes (known id) a profile; returns what was stored. */
  async save(input: ProfileInput): Promise<StoredProfile> {
    let saved: StoredProfile | undefined;
    await this.change((current) => {
      const existing = input.id === undefined ? undefined : current.profiles.find((p) => p.id === input.id);
      if (input.id !== undefined && !existing) throw new ProfileNotFoundError(input.id);
      if (existing && existing.kind !== input.kind) throw new Error('A profile cannot change its kind.');
      saved = {
        id: existing?.id ?? randomUUID(),
        name: input.name,
        kind: input.kind,
        baseUrl: input.kind === 'sandbox' ? null : input.baseUrl,
        createdAt: existing?.createdAt ?? this.now().toISOString(),
        lastUsedAt: existing?.lastUsedAt ?? null,
      };
      const profiles = existing
        ? current.profiles.map((p) => (p.id === existing.id ? (saved as StoredProfile) : p))
        : [...current.profiles, saved];
      return { ...current, profiles };
    });
    if (!saved) throw new Error('Profile was not saved.');
    return saved;
  }

  /** Removes a profile (the built-in sandbox cannot be removed). */
  async remove(id: string): Promise<void> {
    if (id === SANDBOX_PROFILE_ID) throw new Error('The built-in sandbox profile cannot be deleted.');
    await this.change((current) => {
      if (!current.profiles.some((p) => p.id === id)) throw new ProfileNotFoundError(id);
      return {
        profiles: current.profiles.filter((p) => p.id !== id),
        activeId: current.activeId === id ? null : current.activeId,
      };
    });
  }

  /** Records which profile is active (null: none) and stamps its last use. */
  async setActive(id: string | null): Promise<void> {
    const stamp = this.now().toISOString();
    await this.change((current) => ({
      profiles: current.profiles.map((p) => (p.id === id ? { ...p, lastUsedAt: stamp } : p)),
      activeId: id,
    }));
  }

  private async load(): Promise<ProfilesSection> {
    return parseProfilesSection(await this.settings.read(SECTION), this.now().toISOString());
  }

  private async change(edit: (current: ProfilesSection) => ProfilesSection): Promise<void> {
    let failure: unknown;
    await this.settings.update(SECTION, (raw) => {
      const current = parseProfilesSection(raw, this.now().toISOString());
      try {
        return edit(current);
      } catch (error) {
        failure = error;
        return raw;
      }
    });
    if (failure !== undefined) throw failure;
  }
}

/** Thrown for a profile id that does not exist. */
export class ProfileNotFoundError extends Error {
  override readonly name = 'ProfileNotFoundError';
  constructor(id: string) {
    super(`No saved connection with id "${id}".`);
  }
}
