/**
 * Remembering mappings: a file with the same headers as one mapped before (in any order, with any
 * spacing or case) gets that mapping offered again. Only pure pieces live here; the engine persists
 * the memory (e.g. as JSON in the app's data folder) through `MappingMemory.toJSON` / the constructor.
 */
import { formatTarget } from '../mapping.ts';
import type { MappingTarget } from '../mapping.ts';
import { compact } from './normalize.ts';

/**
 * An order-insensitive fingerprint of a header row: normalised headers, sorted (duplicates count),
 * hashed (64-bit FNV-1a). Readable prefix: the number of columns.
 */
export function headerSignature(headers: ReadonlyArray<string>): string {
  const normalised = headers.map((header) => compact(header)).sort();
  const text = normalised.join('\u001f');
  let hash = 0xcbf29ce484222325n;
  // UTF-16 code units are hashed directly: the text never leaves this process, so no encoding is needed.
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `h${headers.length}-${hash.toString(16).padStart(16, '0')}`;
}

/** A mapping as it is remembered: header → target text (`id`, key, `key.part`) or null (ignored). */
export type RememberedMapping = Readonly<Record<string, string | null>>;

/** Turns a mapping (e.g. the UI's, or `autoMap`'s result) into the remembered form. */
export function toRememberedMapping(
  columns: ReadonlyArray<{ readonly column: string; readonly target: MappingTarget | null }>,
): RememberedMapping {
  const out: Record<string, string | null> = {};
  for (const { column, target } of columns) out[column] = target === null ? null : formatTarget(target);
  return out;
}

/** Mappings remembered by header signature; pass `recall(...)` to `autoMap` as `previous`. */
export interface MappingMemory {
  recall(headers: ReadonlyArray<string>): RememberedMapping | undefined;
  remember(headers: ReadonlyArray<string>, mapping: RememberedMapping): void;
  /** Everything remembered, oldest first, for the engine to persist. */
  toJSON(): Record<string, RememberedMapping>;
}

/**
 * An in-memory `MappingMemory` that keeps the `limit` most recently used mappings (so the persisted
 * file cannot grow without bound). `initial` is what `toJSON` returned last time.
 */
export function createMappingMemory(
  initial: Readonly<Record<string, RememberedMapping>> = {},
  limit = 200,
): MappingMemory {
  // A Map keeps insertion order; re-inserting on use makes it least-recently-used first.
  const entries = new Map<string, RememberedMapping>(Object.entries(initial));
  return {
    recall(headers) {
      const key = headerSignature(headers);
      const found = entries.get(key);
      if (found !== undefined) {
        entries.delete(key);
        entries.set(key, found);
      }
      return found;
    },
    remember(headers, mapping) {
      const key = headerSignature(headers);
      entries.delete(key);
      entries.set(key, { ...mapping });
      while (entries.size > limit) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
    },
    toJSON() {
      return Object.fromEntries(entries);
    },
  };
}
