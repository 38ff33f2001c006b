/**
 * The mapping memory, persisted: "a mapping used before for a file with the same headers is offered
 * again". The pure memory lives in `shared/automap/signature.ts`; this keeps it in the data folder's
 * `profiles/` as one small JSON file (the most recent 200 header sets), shared by the app and the CLI.
 */
import path from 'node:path';
import { createMappingMemory, toRememberedMapping } from '../../../shared/automap/index.ts';
import type { MappingMemory, RememberedMapping } from '../../../shared/automap/index.ts';
import { readTextIfExists, writeFileAtomic } from '../json-file.ts';
import type { ColumnMap } from './types.ts';

/** The file name inside `profiles/`; the leading underscore keeps it out of the profile list. */
export const MAPPING_MEMORY_FILE = '_recent-mappings.json';

/** A mapping memory that writes itself to disk on every `remember`. */
export class MappingMemoryStore {
  private constructor(
    readonly file: string,
    private readonly memory: MappingMemory,
  ) {}

  /**
   * Opens the memory kept in `profilesDir`. A missing or unreadable file starts an empty memory: it
   * only offers suggestions, so losing it must never stop an import.
   */
  static async open(profilesDir: string): Promise<MappingMemoryStore> {
    const file = path.join(profilesDir, MAPPING_MEMORY_FILE);
    let initial: Record<string, RememberedMapping> = {};
    try {
      const text = await readTextIfExists(file);
      if (text !== undefined) initial = sanitize(JSON.parse(text));
    } catch {
      initial = {};
    }
    return new MappingMemoryStore(file, createMappingMemory(initial));
  }

  /** The mapping used last time for these headers (in any order), if any. */
  recall(headers: ReadonlyArray<string>): RememberedMapping | undefined {
    return this.memory.recall(headers);
  }

  /** Remembers the mapping an import used (every header, unmapped ones as null) and saves the memory. */
  rememberMapping(headers: ReadonlyArray<string>, mapping: ColumnMap): Promise<void> {
    const columns = headers.map((column) => ({ column, target: mapping[column] ?? null }));
    return this.remember(headers, toRememberedMapping(columns));
  }

  /** Remembers the mapping used for these headers and saves the memory. */
  async remember(headers: ReadonlyArray<string>, mapping: RememberedMapping): Promise<void> {
    this.memory.remember(headers, mapping);
    await writeFileAtomic(this.file, `${JSON.stringify(this.memory.toJSON(), null, 1)}\n`);
  }
}

/** Keeps only well-formed entries: signature → { header: target text | null }. */
function sanitize(json: unknown): Record<string, RememberedMapping> {
  const out: Record<string, RememberedMapping> = {};
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return out;
  for (const [signature, mapping] of Object.entries(json)) {
    if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) continue;
    const entry: Record<string, string | null> = {};
    for (const [header, target] of Object.entries(mapping as Record<string, unknown>)) {
      if (typeof target === 'string' || target === null) entry[header] = target;
    }
    out[signature] = entry;
  }
  return out;
}
