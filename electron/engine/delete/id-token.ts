/**
 * One organization ID as people hand them over: `123`, `#123`, a Pipedrive link
 * (`https://acme.pipedrive.com/organization/123`), a spreadsheet number (`123` or `123.0`). Anything
 * else is refused with a reason, never guessed at: a wrong guess here deletes the wrong company.
 */
import type { CellInput } from '../files/read/index.ts';

/** The outcome of reading one token or cell as an organization ID. */
export type IdTokenResult =
  { readonly ok: true; readonly id: number } | { readonly ok: false; readonly reason: string };

// `/organization/123` in a Pipedrive link (also the plural, which API URLs use).
const ORG_LINK = /(?:^|\/)organizations?\/(\d+)(?=$|[/?#])/i;
// Links to other kinds of record: a person's ID is not an organization's.
const OTHER_LINK = /(?:^|\/)(persons?|deals?|leads?|activity|activities|products?)\/\d+/i;
const SINGULAR: Readonly<Record<string, string>> = {
  persons: 'person',
  deals: 'deal',
  leads: 'lead',
  activities: 'activity',
  products: 'product',
};

function fromDigits(digits: string, raw: string): IdTokenResult {
  const id = Number(digits);
  if (!Number.isSafeInteger(id)) return { ok: false, reason: `${raw} is too large to be an ID` };
  if (id < 1) return { ok: false, reason: 'IDs start at 1' };
  return { ok: true, id };
}

/** Reads one pasted token or text cell as an organization ID. */
export function parseIdText(text: string): IdTokenResult {
  // Quotes come along when IDs are copied out of a CSV or a JSON list.
  const token = text
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();
  if (token === '') return { ok: false, reason: 'empty' };
  const plain = /^#?(\d+)(?:\.0+)?$/.exec(token);
  if (plain?.[1] !== undefined) return fromDigits(plain[1], token);
  if (/^[-+]\d/.test(token)) return { ok: false, reason: 'IDs are positive whole numbers' };
  if (/^\d+[.,]\d+$/.test(token)) return { ok: false, reason: 'IDs are whole numbers' };
  const link = ORG_LINK.exec(token);
  if (link?.[1] !== undefined && /[/.]/.test(token)) return fromDigits(link[1], token);
  const other = OTHER_LINK.exec(token)?.[1]?.toLowerCase();
  if (other !== undefined) {
    return { ok: false, reason: `a link to a ${SINGULAR[other] ?? other}, not to an organization` };
  }
  return { ok: false, reason: 'expected a number such as 123, #123 or an organization link' };
}

/** Reads one spreadsheet cell as an organization ID. */
export function parseIdCell(cell: CellInput): IdTokenResult {
  if (cell === null) return { ok: false, reason: 'empty' };
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell)) return { ok: false, reason: 'IDs are whole numbers' };
    if (!Number.isSafeInteger(cell)) return { ok: false, reason: 'too large to be an ID' };
    return cell >= 1 ? { ok: true, id: cell } : { ok: false, reason: 'IDs are positive whole numbers' };
  }
  if (typeof cell === 'boolean') return { ok: false, reason: 'a TRUE/FALSE value, not an ID' };
  if (cell instanceof Date) return { ok: false, reason: 'a date, not an ID' };
  return parseIdText(cell);
}

/** How a cell looks in a message: text as is (shortened), numbers and dates readably. */
export function showCell(cell: CellInput): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().replace(/T00:00:00\.000Z$/, '');
  const text = String(cell);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** IDs with repeats removed (first of each kept, in order), how many repeats were dropped, and which. */
export interface DedupedIds {
  readonly ids: number[];
  /** Occurrences dropped: `1, 2, 2, 2` has 2. */
  readonly duplicates: number;
  /** The IDs that occurred more than once. */
  readonly duplicateIds: number[];
}

/** Removes repeated IDs, keeping the first of each in order, and counts what was dropped. */
export function dedupeIds(ids: ReadonlyArray<number>): DedupedIds {
  const seen = new Set<number>();
  const repeated = new Set<number>();
  const unique: number[] = [];
  for (const id of ids) {
    if (seen.has(id)) repeated.add(id);
    else {
      seen.add(id);
      unique.push(id);
    }
  }
  return { ids: unique, duplicates: ids.length - unique.length, duplicateIds: [...repeated] };
}
