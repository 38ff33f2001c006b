/**
 * The format-independent half of reading: take raw rows from a CSV or XLSX source, decide the
 * layout from the first ones, then align every following row to the headers, skip blank rows and
 * report ragged ones. `inspectFile` and `readRows` both go through `openTable`, so the headers the
 * user maps in the preview are exactly the headers the import reads.
 */
import { FileReadError, displayName, throwIfAborted } from './errors.ts';
import {
  HEADER_SEARCH_ROWS,
  columnLetter,
  isBlankRow,
  isEmptyCell,
  planLayout,
  type Layout,
} from './detect-header.ts';
import type { CellInput, RawRow, ReadRow } from './types.ts';

/** Non-blank rows read past the header before the layout is fixed (extra data columns show up here). */
const ROWS_AFTER_HEADER = 30;
/**
 * Blank rows kept in the prefix. The search for the header goes on through blank rows (up to
 * {@link MAX_BLANK_RUN} in a row), but keeping them all would hold every one in memory; blank rows are
 * skipped when the data is aligned, so only the first ones are kept (a chosen header row can be named
 * as empty).
 */
const MAX_BLANK_PREFIX_ROWS = 1_000;
/**
 * Most empty rows accepted one after another: as many as Excel has rows. Parsing a blank line costs
 * about as much as a real row, so ten million of them would keep the reader busy for minutes.
 */
export const MAX_BLANK_RUN = 1_048_576;

/**
 * A source of raw rows in batches (a parsed chunk of CSV, a chunk of sheet XML): one await per
 * batch instead of one per row keeps streaming close to the parsers' own speed.
 */
export interface RawSource {
  readonly batches: AsyncIterator<RawRow[]>;
  /** Releases files and streams; safe to call twice. */
  close(): Promise<void>;
}

/** A table whose layout is decided, ready to stream its data rows. */
export interface OpenTable {
  readonly layout: Layout;
  /** The raw rows read to decide the layout (the first blank ones included). */
  readonly prefix: ReadonlyArray<RawRow>;
  /** True when the prefix is the whole file. */
  readonly complete: boolean;
  /** Data rows, aligned, in batches; continues after the prefix. Call once. */
  batches(): AsyncGenerator<ReadRow[]>;
  close(): Promise<void>;
}

/** Options `openTable` needs. */
export interface TableOptions {
  readonly filePath: string;
  readonly headerRow?: number;
  /** CSV rows keep all their fields, so a short or long one is ragged; XLSX rows are not. */
  readonly checkFieldCount: boolean;
  readonly signal?: AbortSignal;
}

/** Reads the first rows of `source`, decides the layout, and returns the table. */
export async function openTable(source: RawSource, options: TableOptions): Promise<OpenTable> {
  try {
    const { prefix, rest, complete } = await readPrefix(source.batches, options);
    if (prefix.every((r) => isBlankRow(r.cells))) throw emptyError(options.filePath);
    const layout = planLayout(options.filePath, prefix, options.headerRow);
    return {
      layout,
      prefix,
      complete,
      batches: () => dataBatches(source, [...prefix, ...rest], complete, layout, options),
      close: () => source.close(),
    };
  } catch (error) {
    await source.close();
    throw error;
  }
}

/** Aligns one raw row to the layout; undefined for a blank row. */
export function alignRow(raw: RawRow, layout: Layout, checkFieldCount: boolean): ReadRow | undefined {
  return isBlankRow(raw.cells) ? undefined : alignFilledRow(raw, layout, checkFieldCount);
}

/** {@link alignRow} for a row already known not to be blank. */
function alignFilledRow(raw: RawRow, layout: Layout, checkFieldCount: boolean): ReadRow {
  const source = raw.cells;
  const width = layout.headers.length;
  const fieldCount = source.length;
  let cells = source;
  let lost = -1;
  if (fieldCount > width) {
    for (let i = width; i < fieldCount && lost < 0; i++) if (!isEmptyCell(source[i] ?? null)) lost = i;
    cells = source.slice(0, width);
  } else if (fieldCount < width) {
    // A new array: the raw row may be aligned again (the preview and the import share the prefix).
    cells = source.concat(new Array<CellInput>(width - fieldCount).fill(null));
  }
  const short = checkFieldCount && fieldCount < layout.headerFieldCount && fieldCount < width;
  // A CSV row with values past the header's last field (they sit in columns named "Column F"…).
  const long =
    checkFieldCount &&
    lost < 0 &&
    fieldCount > layout.headerFieldCount &&
    hasValueFrom(source, layout.headerFieldCount);
  if (lost < 0 && !raw.issues && !short && !long) {
    // A row that needs nothing changed is its own aligned row: one object less per row read.
    return cells === source ? raw : { rowNumber: raw.rowNumber, cells };
  }
  const issues = raw.issues ? [...raw.issues] : [];
  const cellsVsHeader = `Row ${raw.rowNumber} has ${fieldCount} cells, the header has ${layout.headerFieldCount}`;
  if (lost >= 0) {
    issues.push(
      `Row ${raw.rowNumber} has ${fieldCount} cells but the file has ${width} columns: ` +
        `the values from ${columnLetter(lost)}${raw.rowNumber} on are ignored.`,
    );
  } else if (short) {
    issues.push(`${cellsVsHeader}: the missing cells are read as empty.`);
  } else if (long) {
    issues.push(`${cellsVsHeader}: the extra values are in columns without a header.`);
  }
  return issues.length > 0
    ? { rowNumber: raw.rowNumber, cells, issues }
    : { rowNumber: raw.rowNumber, cells };
}

/**
 * True when the first cell starts with a visible character, so the row is not blank: the test nearly
 * every row passes, made here without the calls a full check per row costs.
 */
function startsVisible(cells: ReadonlyArray<CellInput>): boolean {
  const first = cells[0];
  return typeof first === 'string' && first.charCodeAt(0) > 32;
}

function hasValueFrom(cells: ReadonlyArray<CellInput>, from: number): boolean {
  for (let i = from; i < cells.length; i++) if (!isEmptyCell(cells[i] ?? null)) return true;
  return false;
}

/** The error for a file without any value. */
export function emptyError(filePath: string): FileReadError {
  const name = displayName(filePath);
  return new FileReadError('empty-file', name, `"${name}" is empty: it has no rows to import.`);
}

/** The error for more than {@link MAX_BLANK_RUN} empty rows in a row, from `fromRow` on. */
export function blankRunError(filePath: string, fromRow: number, nothingBefore: boolean): FileReadError {
  const name = displayName(filePath);
  const count = MAX_BLANK_RUN.toLocaleString('en');
  return nothingBefore
    ? new FileReadError(
        'empty-file',
        name,
        `"${name}" is empty: its first ${count} rows hold no value (Excel shows at most ${count} rows), so Orgport stops looking.`,
      )
    : new FileReadError(
        'too-large',
        name,
        `"${name}" has more than ${count} empty rows in a row from row ${fromRow} on (Excel shows at most ` +
          `${count} rows). Delete the empty rows and try again.`,
      );
}

/** The error for a file with a header and nothing under it. */
export function noDataError(filePath: string, headerRow: number): FileReadError {
  const name = displayName(filePath);
  return new FileReadError(
    'no-data-rows',
    name,
    `"${name}" has column names (row ${headerRow}) but no rows of data under them.`,
  );
}

/**
 * Reads rows until the layout can be decided. `rest` holds the rows of the last batch beyond the
 * prefix; `complete` is true when the source ended.
 */
async function readPrefix(
  batches: AsyncIterator<RawRow[]>,
  options: TableOptions,
): Promise<{ prefix: RawRow[]; rest: RawRow[]; complete: boolean }> {
  const wanted = HEADER_SEARCH_ROWS + ROWS_AFTER_HEADER;
  const prefix: RawRow[] = [];
  let nonBlank = 0;
  let afterHeader = 0;
  let blank = 0;
  let blankRun = 0;
  let runStart = 0;
  for (;;) {
    throwIfAborted(options.filePath, options.signal);
    const next = await batches.next();
    if (next.done) return { prefix, rest: [], complete: true };
    const batch = next.value;
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i];
      if (row === undefined) continue;
      if (isBlankRow(row.cells)) {
        if (blankRun++ === 0) runStart = row.rowNumber;
        if (blankRun > MAX_BLANK_RUN) throw blankRunError(options.filePath, runStart, nonBlank === 0);
        if (++blank <= MAX_BLANK_PREFIX_ROWS) prefix.push(row);
        continue;
      }
      blankRun = 0;
      prefix.push(row);
      nonBlank++;
      if (options.headerRow !== undefined && row.rowNumber > options.headerRow) afterHeader++;
      const enough = options.headerRow === undefined ? nonBlank >= wanted : afterHeader >= ROWS_AFTER_HEADER;
      if (enough) return { prefix, rest: batch.slice(i + 1), complete: false };
    }
  }
}

async function* dataBatches(
  source: RawSource,
  first: ReadonlyArray<RawRow>,
  complete: boolean,
  layout: Layout,
  options: TableOptions,
): AsyncGenerator<ReadRow[]> {
  let count = 0;
  let blankRun = 0;
  let runStart = 0;
  const align = (raws: ReadonlyArray<RawRow>): ReadRow[] => {
    const rows: ReadRow[] = [];
    for (const raw of raws) {
      if (raw.rowNumber <= layout.headerRow) continue;
      if (!startsVisible(raw.cells) && isBlankRow(raw.cells)) {
        if (blankRun++ === 0) runStart = raw.rowNumber;
        if (blankRun > MAX_BLANK_RUN) throw blankRunError(options.filePath, runStart, false);
        continue;
      }
      blankRun = 0;
      rows.push(alignFilledRow(raw, layout, options.checkFieldCount));
    }
    count += rows.length;
    return rows;
  };
  try {
    const head = align(first);
    if (head.length > 0) yield head;
    while (!complete) {
      throwIfAborted(options.filePath, options.signal);
      const next = await source.batches.next();
      if (next.done) break;
      const rows = align(next.value);
      if (rows.length > 0) yield rows;
    }
    if (count === 0) throw noDataError(options.filePath, layout.headerRow);
  } finally {
    await source.close();
  }
}
