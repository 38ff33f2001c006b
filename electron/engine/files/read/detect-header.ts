/**
 * Finds the header row among the first rows of a sheet and turns its cells into unique, non-empty
 * column headers. Files from exports and reports often start with a title ("Export of 12 March") or
 * a date line above the real header; those rows are much narrower than the table below them.
 */
import { FileReadError, displayName } from './errors.ts';
import type { CellInput, HeaderNote, RawRow } from './types.ts';

/** How many non-blank rows the header is looked for in. */
export const HEADER_SEARCH_ROWS = 20;

/** The columns of a table as decided from its first rows. */
export interface Layout {
  /** 1-based header row; 0 when there is none. */
  readonly headerRow: number;
  readonly headerRowSource: 'detected' | 'option';
  readonly headers: string[];
  readonly headerNotes: HeaderNote[];
  /** Number of fields in the header record (CSV ragged-row checks compare against it). */
  readonly headerFieldCount: number;
}

/** True when every cell is empty or only spaces. */
export function isBlankRow(cells: ReadonlyArray<CellInput>): boolean {
  // An index loop rather than for-of: this runs for every row read, mostly while still unoptimized,
  // where the iterator protocol costs several times more.
  for (let i = 0; i < cells.length; i++) if (!isEmptyCell(cells[i] as CellInput)) return false;
  return true;
}

/** True for null and whitespace-only text. */
export function isEmptyCell(cell: CellInput): boolean {
  if (cell === null) return true;
  // Most cells start with a visible character: skip trim()'s allocation for them.
  return typeof cell === 'string' && (cell.length === 0 || (cell.charCodeAt(0) <= 32 && cell.trim() === ''));
}

/** Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Decides the header row and the headers from the first rows of a table. `headerRowOption` is the
 * user's choice (1-based, 0 = no header row) or undefined to detect it.
 */
export function planLayout(
  filePath: string,
  prefix: ReadonlyArray<RawRow>,
  headerRowOption?: number,
): Layout {
  const rows = prefix.filter((r) => !isBlankRow(r.cells));
  if (headerRowOption === 0) {
    const width = Math.max(0, ...rows.map((r) => filledWidth(r.cells)));
    const headers = Array.from({ length: width }, (_, i) => `Column ${columnLetter(i)}`);
    return { headerRow: 0, headerRowSource: 'option', headers, headerNotes: [], headerFieldCount: width };
  }
  const header =
    headerRowOption === undefined ? detectHeaderRow(rows) : findHeaderRow(filePath, prefix, headerRowOption);
  const after = rows.filter((r) => r.rowNumber > header.rowNumber);
  const width = Math.max(filledWidth(header.cells), ...after.map((r) => filledWidth(r.cells)));
  const texts = Array.from({ length: width }, (_, i) => headerText(header.cells[i] ?? null));
  const { headers, notes } = uniqueHeaders(texts);
  return {
    headerRow: header.rowNumber,
    headerRowSource: headerRowOption === undefined ? 'detected' : 'option',
    headers,
    headerNotes: notes,
    headerFieldCount: header.cells.length,
  };
}

/** Makes headers unique (case-insensitively) and non-empty, noting each renamed one. */
export function uniqueHeaders(texts: ReadonlyArray<string>): { headers: string[]; notes: HeaderNote[] } {
  // Every header as written is reserved first, so a generated "Name (2)" never takes the place of a
  // real "Name (2)" further right.
  const taken = new Set<string>();
  const firstUse = new Map<string, number>();
  texts.forEach((t, i) => {
    const key = t.toLowerCase();
    if (t !== '' && !firstUse.has(key)) {
      firstUse.set(key, i);
      taken.add(key);
    }
  });
  const headers: string[] = [];
  const notes: HeaderNote[] = [];
  texts.forEach((text, i) => {
    if (text !== '' && firstUse.get(text.toLowerCase()) === i) {
      headers.push(text);
      return;
    }
    const base = text === '' ? `Column ${columnLetter(i)}` : text;
    let header = base;
    for (let n = 2; taken.has(header.toLowerCase()); n++) header = `${base} (${n})`;
    taken.add(header.toLowerCase());
    headers.push(header);
    notes.push({
      column: i,
      letter: columnLetter(i),
      original: text,
      header,
      reason: text === '' ? 'empty' : 'duplicate',
    });
  });
  return { headers, notes };
}

/** The text of a header cell: line breaks and runs of spaces become one space. */
export function headerText(cell: CellInput): string {
  if (cell === null) return '';
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell).replace(/\s+/g, ' ').trim();
}

/**
 * The first row among the first {@link HEADER_SEARCH_ROWS} non-blank ones that is about as wide as
 * the table (rows much narrower are titles) and is mostly text; failing that, the first wide row.
 */
function detectHeaderRow(rows: ReadonlyArray<RawRow>): RawRow {
  const first = rows[0];
  if (!first) return { rowNumber: 1, cells: [] };
  const typical = median(rows.map((r) => filledCount(r.cells)));
  const minFilled = typical >= 2 ? Math.max(2, Math.ceil(typical / 2)) : 1;
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS).filter((r) => filledCount(r.cells) >= minFilled);
  return candidates.find((r) => looksLikeHeader(r.cells)) ?? candidates[0] ?? first;
}

function findHeaderRow(filePath: string, prefix: ReadonlyArray<RawRow>, rowNumber: number): RawRow {
  const row = prefix.find((r) => r.rowNumber === rowNumber);
  if (row && !isBlankRow(row.cells)) return row;
  const name = displayName(filePath);
  const last = prefix.at(-1)?.rowNumber ?? 0;
  throw new FileReadError(
    'header-row-out-of-range',
    name,
    rowNumber > last
      ? `"${name}" has no row ${rowNumber} (its last row is ${last}); choose another header row.`
      : `Row ${rowNumber} of "${name}" is empty; choose the row that holds the column names.`,
  );
}

/** Mostly distinct text cells that are not numbers or dates. */
function looksLikeHeader(cells: ReadonlyArray<CellInput>): boolean {
  const filled = cells.filter((c) => !isEmptyCell(c));
  const texts = filled.filter((c) => typeof c === 'string' && !/^[-+]?[\d\s.,:/'%€$£]+$/.test(c.trim()));
  const distinct = new Set(texts.map((t) => String(t).trim().toLowerCase()));
  return (
    filled.length > 0 && texts.length / filled.length >= 0.5 && (distinct.size > 1 || filled.length === 1)
  );
}

function filledCount(cells: ReadonlyArray<CellInput>): number {
  let n = 0;
  for (const c of cells) if (!isEmptyCell(c)) n++;
  return n;
}

/** 1 + the index of the last non-empty cell. */
function filledWidth(cells: ReadonlyArray<CellInput>): number {
  for (let i = cells.length - 1; i >= 0; i--) if (!isEmptyCell(cells[i] ?? null)) return i + 1;
  return 0;
}

function median(values: ReadonlyArray<number>): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
