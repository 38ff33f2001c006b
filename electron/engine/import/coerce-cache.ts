/**
 * A column's conversions remembered by cell text, for the row converter (convert.ts).
 */
import type { CellInput, CoerceResult } from '../../../shared/values/index.ts';

/** Text cells looked up before the cache decides whether it pays (how often values repeat). */
const CACHE_PROBE = 2000;
/** Share of repeats below which a column is not cached (names, phone numbers: every value new). */
const CACHE_MIN_HITS = 0.2;
/** Distinct values kept per column. */
const CACHE_MAX = 20_000;

/**
 * Remembers a column's conversions by cell text. Owners, cities, options, dates repeat down a column,
 * and converting one (with its "did you mean" search on failure) costs far more than a map lookup.
 * `coerceCell` depends only on the cell, the target, the context and the settings, all fixed per
 * converter, so a remembered result is the result. Columns of unique values switch it off.
 */
export class CoerceCache {
  private readonly map = new Map<string, CoerceResult>();
  private lookups = 0;
  private hits = 0;
  private enabled = true;

  constructor(private readonly convert: (cell: CellInput) => CoerceResult) {}

  coerce(cell: CellInput): CoerceResult {
    if (!this.enabled || typeof cell !== 'string') return this.convert(cell);
    this.lookups += 1;
    let result = this.map.get(cell);
    if (result !== undefined) {
      this.hits += 1;
      return result;
    }
    if (this.map.size >= CACHE_MAX) return this.convert(cell);
    // A parser's cell is often a slice of its whole chunk of text; kept as a key (or inside the
    // result) it would keep that chunk alive. A copy keeps only the cell's own characters.
    const own = (' ' + cell).slice(1);
    result = this.convert(own);
    this.map.set(own, result);
    if (this.lookups === CACHE_PROBE && this.hits < CACHE_PROBE * CACHE_MIN_HITS) {
      this.enabled = false;
      this.map.clear();
    }
    return result;
  }
}
