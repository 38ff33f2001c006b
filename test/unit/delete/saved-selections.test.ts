import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SelectionNotFoundError,
  SelectionStore,
  selectionFileName,
  selectionsDir,
} from '../../../electron/engine/delete/saved-selections.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'orgport-selections-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('SelectionStore', () => {
  it('saves a named list under the data folder and loads it back, whatever the case of the name', async () => {
    let clock = 0;
    const store = new SelectionStore(
      selectionsDir(root),
      () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)),
    );
    expect(store.dir).toBe(path.join(root, 'selections'));
    await store.save('Duplicates  March', [5, 3, 5, 9], { source: 'filter: label Churned' });
    const loaded = await store.load('duplicates march');
    expect(loaded).toMatchObject({
      name: 'Duplicates March',
      ids: [5, 3, 9],
      source: 'filter: label Churned',
    });
    await store.save('Dead leads', [1]);
    expect((await store.list()).map((s) => [s.name, s.count])).toEqual([
      ['Dead leads', 1],
      ['Duplicates March', 3],
    ]);
  });

  it('replaces a selection saved again under the same name, keeping when it was first made', async () => {
    const store = new SelectionStore(path.join(root, 'replace'));
    const first = await store.save('Q1', [1, 2]);
    const second = await store.save('q1', [7]);
    expect(second.createdAt).toBe(first.createdAt);
    expect((await store.load('Q1')).ids).toEqual([7]);
    expect(await readdir(store.dir)).toHaveLength(1);
  });

  it('deletes, and says so when a name is unknown', async () => {
    const store = new SelectionStore(path.join(root, 'remove'));
    await store.save('Gone soon', [4]);
    expect(await store.remove('GONE SOON')).toBe(true);
    expect(await store.remove('Gone soon')).toBe(false);
    await expect(store.load('Gone soon')).rejects.toThrow(SelectionNotFoundError);
    expect(await store.list()).toEqual([]);
  });

  it('refuses bad IDs and empty names, and skips files it does not understand when listing', async () => {
    const store = new SelectionStore(path.join(root, 'bad'));
    await expect(store.save('x', [0])).rejects.toThrow(/0 is not one/);
    await expect(store.save('   ', [1])).rejects.toThrow(/needs a name/);
    await store.save('ok', [1]);
    await writeFile(path.join(store.dir, 'junk.json'), '{"hello":1}');
    expect((await store.list()).map((s) => s.name)).toEqual(['ok']);
  });

  it('keeps names that only differ in punctuation apart, and inside the folder', () => {
    expect(selectionFileName('Q1 / Q2')).not.toBe(selectionFileName('Q1 - Q2'));
    expect(selectionFileName('../../etc/passwd')).toMatch(/^etc-passwd-[0-9a-f]{10}\.json$/);
  });
});
