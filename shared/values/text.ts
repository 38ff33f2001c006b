/**
 * Small text helpers the value module shares: cleaning a raw cell, comparing labels loosely, and
 * quoting values in messages a sales-ops person reads.
 */

/**
 * Zero-width characters that sneak in at the edges of pasted cells. Only the edges: inside text a
 * zero-width joiner is part of an emoji and must stay.
 */
const INVISIBLE_EDGES = /^[\u200b\u2060\ufeff]+|[\u200b\u2060\ufeff]+$/g;

/** Removes zero-width characters at the edges; `String.trim` covers NBSP, narrow NBSP and the BOM. */
export function stripInvisible(text: string): string {
  // Called for every cell: look at the two edge characters before running the expression.
  if (
    text.length === 0 ||
    (!isInvisible(text.charCodeAt(0)) && !isInvisible(text.charCodeAt(text.length - 1)))
  )
    return text;
  return text.replace(INVISIBLE_EDGES, '');
}

function isInvisible(code: number): boolean {
  return code === 0x200b || code === 0x2060 || code === 0xfeff;
}

/**
 * A loose comparison key: accents dropped, case folded, runs of whitespace collapsed, trimmed. Used for
 * option labels, user names and visibility names ("case-, space- and accent-insensitive").
 */
export function looseKey(text: string): string {
  let key = looseKeys.get(text);
  if (key === undefined) {
    key = stripInvisible(text)
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
    // Columns repeat the same few labels and names on every row; a bounded cache saves the Unicode work.
    if (looseKeys.size >= 10_000) looseKeys.clear();
    looseKeys.set(text, key);
  }
  return key;
}

const looseKeys = new Map<string, string>();

/** Like {@link looseKey} but with every space removed, the fallback when spacing differs ("Real estate"). */
export function compactKey(text: string): string {
  return looseKey(text).replace(/ /g, '');
}

/** Quotes a cell value for a message, shortened so a 5,000-character note does not flood the preview. */
export function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return `"${flat.length > 60 ? `${flat.slice(0, 57)}…` : flat}"`;
}

/** Lists what a column accepts, at most `max` items, saying how many more there are. */
export function listAccepted(items: ReadonlyArray<string>, max = 10): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')}, … (${items.length - max} more)`;
}

/** Formats a Date's UTC calendar day as `YYYY-MM-DD` (all date math here is UTC, so nothing shifts). */
export function isoDay(date: Date): string {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Formats a Date's UTC time of day as `HH:MM:SS`. */
export function isoTime(date: Date): string {
  const h = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * A cell as text, for text-typed fields: strings as they are, numbers in plain notation, booleans as
 * TRUE/FALSE (as Excel writes them), dates as ISO (with the time when it is not midnight).
 */
export function cellText(cell: string | number | boolean | Date): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  const time = isoTime(cell);
  return time === '00:00:00' ? isoDay(cell) : `${isoDay(cell)} ${time}`;
}
