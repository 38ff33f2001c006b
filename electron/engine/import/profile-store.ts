/**
 * Named mapping profiles in the data folder's `profiles/`: one JSON file per profile in the format of
 * design.md ("Mapping profile"), so a profile saved in the app is a file `orgport import --mapping`
 * reads as is. Saved, listed, renamed and deleted here; checked with `parseMappingProfile` both ways.
 */
import { readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  MappingProfileError,
  readMappingProfile,
  serializeMappingProfile,
  parseMappingProfile,
} from '../../../shared/mapping-profile.ts';
import type { MappingProfile } from '../../../shared/mapping-profile.ts';
import { readTextIfExists, writeFileAtomic } from '../json-file.ts';

/** A profile on disk. */
export interface StoredProfile {
  /** The file's base name without `.json`; stable until the profile is renamed. */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly profile: MappingProfile;
  /** ISO date-time of the file's last change. */
  readonly updatedAt: string;
}

/** A file in `profiles/` that is not a valid profile (edited by hand, say), with the reason. */
export interface BrokenProfile {
  readonly id: string;
  readonly path: string;
  readonly message: string;
}

/** Thrown for a name that is taken, empty, or a profile that does not exist. */
export class ProfileStoreError extends Error {
  override readonly name = 'ProfileStoreError';
}

/** The file id for a profile name: lower-case letters, digits and dashes. */
export function profileId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug === '' ? 'profile' : slug;
}

/** The saved mapping profiles of one data folder. */
export class ProfileStore {
  constructor(readonly dir: string) {}

  /** Every profile, by name; files that do not parse are listed separately with their problem. */
  async list(): Promise<{ profiles: StoredProfile[]; broken: BrokenProfile[] }> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return { profiles: [], broken: [] };
      throw error;
    }
    const profiles: StoredProfile[] = [];
    const broken: BrokenProfile[] = [];
    for (const file of names) {
      if (!file.endsWith('.json') || file.startsWith('_') || file.startsWith('.')) continue;
      const id = file.slice(0, -'.json'.length);
      try {
        profiles.push(await this.load(id));
      } catch (error) {
        broken.push({
          id,
          path: this.pathOf(id),
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
    profiles.sort((a, b) => a.name.localeCompare(b.name));
    return { profiles, broken };
  }

  /** One profile by id. */
  async load(id: string): Promise<StoredProfile> {
    const file = this.pathOf(id);
    const text = await readTextIfExists(file);
    if (text === undefined) throw new ProfileStoreError(`There is no mapping profile "${id}".`);
    const profile = readMappingProfile(text, path.basename(file));
    const info = await stat(file);
    return { id, name: profile.name ?? id, path: file, profile, updatedAt: info.mtime.toISOString() };
  }

  /**
   * Saves a profile under its `name`. A profile of the same name (any case) is replaced only with
   * `replace: true`; otherwise the name being taken is an error, so nothing is overwritten by surprise.
   */
  async save(profile: MappingProfile, options: { readonly replace?: boolean } = {}): Promise<StoredProfile> {
    const name = profile.name?.trim();
    if (!name) throw new ProfileStoreError('A mapping profile needs a name to be saved.');
    const checked = parseMappingProfile({ ...profile, name }, `profile "${name}"`);
    const existing = await this.findByName(name);
    if (existing && options.replace !== true) {
      throw new ProfileStoreError(`A mapping profile named "${existing.name}" exists already.`);
    }
    const id = existing?.id ?? (await this.freeId(profileId(name)));
    await writeFileAtomic(this.pathOf(id), serializeMappingProfile(checked));
    return this.load(id);
  }

  /** Gives a profile a new name (and the file a new id). */
  async rename(id: string, newName: string): Promise<StoredProfile> {
    const current = await this.load(id);
    const name = newName.trim();
    if (!name) throw new ProfileStoreError('A mapping profile needs a name.');
    const clash = await this.findByName(name);
    if (clash && clash.id !== id)
      throw new ProfileStoreError(`A mapping profile named "${clash.name}" exists already.`);
    const profile = parseMappingProfile({ ...current.profile, name }, `profile "${name}"`);
    const wanted = profileId(name);
    const nextId = wanted === id ? id : await this.freeId(wanted);
    await writeFileAtomic(this.pathOf(nextId), serializeMappingProfile(profile));
    if (nextId !== id) await unlink(this.pathOf(id));
    return this.load(nextId);
  }

  /** Deletes a profile. */
  async delete(id: string): Promise<void> {
    try {
      await unlink(this.pathOf(id));
    } catch (error) {
      if (isCode(error, 'ENOENT')) throw new ProfileStoreError(`There is no mapping profile "${id}".`);
      throw error;
    }
  }

  /** The file of profile `id`. */
  pathOf(id: string): string {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
      throw new ProfileStoreError(`Not a profile id: ${JSON.stringify(id)}`);
    return path.join(this.dir, `${id}.json`);
  }

  private async findByName(name: string): Promise<StoredProfile | undefined> {
    const wanted = name.toLowerCase();
    return (await this.list()).profiles.find((p) => p.name.toLowerCase() === wanted);
  }

  private async freeId(base: string): Promise<string> {
    for (let n = 1; ; n += 1) {
      const id = n === 1 ? base : `${base}-${n}`;
      if ((await readTextIfExists(this.pathOf(id))) === undefined) return id;
    }
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

export { MappingProfileError };
