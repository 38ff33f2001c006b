/**
 * Saved selections: named lists of organization IDs the user can reload later ("Duplicates found in
 * March"), kept as one JSON file each under the data folder's `selections/`. A selection is a plain
 * list of IDs, never a filter to re-run: what was reviewed is what comes back.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../jobs/core/job-store.ts';

/** The folder of saved selections inside a data folder. */
export function selectionsDir(dataRoot: string): string {
  return path.join(dataRoot, 'selections');
}

const savedSelectionSchema = z.object({
  version: z.literal(1),
  name: z.string().min(1),
  ids: z.array(z.number().int().positive()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Where the list came from, in words ("filter: owner Maria, label Customer"). */
  source: z.string().optional(),
});

/** A saved selection as stored. */
export type SavedSelection = z.infer<typeof savedSelectionSchema>;

/** A saved selection in a listing: everything but the IDs themselves. */
export interface SavedSelectionInfo {
  readonly name: string;
  readonly count: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly source?: string;
}

/** No saved selection has that name. */
export class SelectionNotFoundError extends Error {
  override readonly name = 'SelectionNotFoundError';
}

const MAX_NAME_LENGTH = 200;

/** Normalises a selection name: trimmed, inner whitespace collapsed; names compare case-insensitively. */
function cleanName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean === '') throw new Error('A saved selection needs a name.');
  if (clean.length > MAX_NAME_LENGTH)
    throw new Error(`A selection name can have at most ${MAX_NAME_LENGTH} characters.`);
  return clean;
}

/**
 * The file of a name: a readable slug plus a hash of the lower-cased name, so "Q1 / Q2" and "Q1 - Q2"
 * do not collide and a name never becomes a path outside the folder.
 */
export function selectionFileName(name: string): string {
  const clean = cleanName(name).toLowerCase();
  const slug = clean
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const hash = createHash('sha256').update(clean).digest('hex').slice(0, 10);
  return `${slug || 'selection'}-${hash}.json`;
}

/** Saves, lists, loads and deletes named selections in one folder. */
export class SelectionStore {
  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Saves (or replaces) the selection `name`; repeated IDs are kept once. */
  async save(
    name: string,
    ids: ReadonlyArray<number>,
    options: { source?: string } = {},
  ): Promise<SavedSelection> {
    const clean = cleanName(name);
    for (const id of ids) {
      if (!Number.isSafeInteger(id) || id < 1)
        throw new Error(`A saved selection holds organization IDs; ${id} is not one.`);
    }
    const file = path.join(this.dir, selectionFileName(clean));
    const previous = await this.read(file).catch(() => null);
    const at = this.now().toISOString();
    const selection: SavedSelection = {
      version: 1,
      name: clean,
      ids: [...new Set(ids)],
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
      ...(options.source !== undefined ? { source: options.source } : {}),
    };
    await mkdir(this.dir, { recursive: true });
    await writeJsonAtomic(file, selection);
    return selection;
  }

  /** Every saved selection, most recently saved first; unreadable files are left out. */
  async list(): Promise<SavedSelectionInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const all = await Promise.all(
      names
        .filter((n) => n.endsWith('.json'))
        .map((n) => this.read(path.join(this.dir, n)).catch(() => null)),
    );
    return all
      .filter((s): s is SavedSelection => s !== null)
      .sort((a, b) =>
        a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.name.localeCompare(b.name),
      )
      .map(({ ids, version: _version, ...info }) => ({ ...info, count: ids.length }));
  }

  /** The selection `name` (case-insensitive); throws SelectionNotFoundError when there is none. */
  async load(name: string): Promise<SavedSelection> {
    const file = path.join(this.dir, selectionFileName(name));
    try {
      return await this.read(file);
    } catch (error) {
      if (isMissing(error))
        throw new SelectionNotFoundError(`There is no saved selection named "${cleanName(name)}".`);
      throw error;
    }
  }

  /** Deletes the selection `name`; returns false when there was none. */
  async remove(name: string): Promise<boolean> {
    const file = path.join(this.dir, selectionFileName(name));
    try {
      await readFile(file);
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    await rm(file, { force: true });
    return true;
  }

  private async read(file: string): Promise<SavedSelection> {
    const parsed = savedSelectionSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success)
      throw new Error(`${path.basename(file)} is not a saved selection Orgport understands.`);
    return parsed.data;
  }
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
