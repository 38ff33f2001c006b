import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMappingProfile } from '../../../shared/mapping-profile.ts';
import {
  MAPPING_MEMORY_FILE,
  MappingMemoryStore,
  ProfileStore,
  profileId,
} from '../../../electron/engine/import/index.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-profiles-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mapping profiles in the data folder', () => {
  it('saves, lists, renames and deletes profiles as files --mapping reads as is', async () => {
    const store = new ProfileStore(dir);
    const saved = await store.save({
      version: 1,
      name: 'Trade fair leads',
      columns: { Firma: 'name', Notes: null },
      match: 'name',
    });
    expect(saved).toMatchObject({ id: 'trade-fair-leads', name: 'Trade fair leads' });
    expect(readMappingProfile(await readFile(saved.path, 'utf8'))).toEqual(saved.profile);

    await expect(store.save({ version: 1, name: 'TRADE FAIR LEADS', columns: {} })).rejects.toThrow(
      /exists already/,
    );
    const replaced = await store.save(
      { version: 1, name: 'trade fair leads', columns: { Company: 'name' } },
      { replace: true },
    );
    expect(replaced.id).toBe('trade-fair-leads');
    expect(replaced.profile.columns).toEqual({ Company: 'name' });

    await store.save({ version: 1, name: 'Ärzte (Köln)', columns: { Praxis: 'name' } });
    const renamed = await store.rename('trade-fair-leads', 'Leads 2026');
    expect(renamed).toMatchObject({ id: 'leads-2026', name: 'Leads 2026' });
    const { profiles } = await store.list();
    // By name as people sort them: "Ä" with the "A"s.
    expect(profiles.map((p) => [p.id, p.name])).toEqual([
      ['arzte-koln', 'Ärzte (Köln)'],
      ['leads-2026', 'Leads 2026'],
    ]);
    await store.delete('leads-2026');
    await expect(store.load('leads-2026')).rejects.toThrow(/no mapping profile/);
    expect((await store.list()).profiles.map((p) => p.id)).toEqual(['arzte-koln']);
  });

  it('lists broken files apart and keeps the mapping memory out of the list', async () => {
    const store = new ProfileStore(dir);
    await writeFile(path.join(dir, 'hand-edited.json'), '{"version": 1, "columns": {"A": 5}}');
    const memory = await MappingMemoryStore.open(dir);
    await memory.remember(['A', 'B'], { A: 'name', B: null });
    const { profiles, broken } = await store.list();
    expect(profiles).toEqual([]);
    expect(broken.map((b) => b.id)).toEqual(['hand-edited']);
    expect(broken[0]?.message).toMatch(/columns\["A"\]/);
    expect(JSON.parse(await readFile(path.join(dir, MAPPING_MEMORY_FILE), 'utf8'))).toBeTypeOf('object');
  });

  it('starts an empty memory from a damaged memory file rather than failing', async () => {
    await writeFile(path.join(dir, MAPPING_MEMORY_FILE), '{not json');
    const memory = await MappingMemoryStore.open(dir);
    expect(memory.recall(['A'])).toBeUndefined();
    await memory.remember(['A'], { A: 'name' });
    expect((await MappingMemoryStore.open(dir)).recall([' a '])).toEqual({ A: 'name' });
  });

  it('makes file ids from names', () => {
    expect(profileId('  Über Leads / 2026! ')).toBe('uber-leads-2026');
    expect(profileId('???')).toBe('profile');
  });
});
