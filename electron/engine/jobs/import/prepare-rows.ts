/**
 * The job's first pass over the file: read every row as the preview read it, apply the cells fixed
 * in the preview, and convert each row with the same converter the preview used. The file must still
 * have the columns the mapping names (and, when the spec carries one, the same content hash).
 */
import type { CellInput } from '../../../../shared/values/index.ts';
import { createRowConverter, type RowConverter } from '../../import/convert.ts';
import { hashFile, specMapping, specMatch, type ImportSpec } from '../../import/import-spec.ts';
import type { ConvertedRow, ImportCatalog } from '../../import/types.ts';
// The file is read in the shared reading worker, so a big file never blocks the engine's thread.
import {
  FileReadError,
  inspectFileOffThread as inspectFile,
  readRowsOffThread as readRows,
  type ReadOptions,
} from '../../files/read/index.ts';
import type { WriterColumn } from '../../files/write/types.ts';

/** The file converted, and what the reports need to copy its rows faithfully. */
export interface PreparedImport {
  readonly rows: ReadonlyArray<ConvertedRow>;
  readonly converter: RowConverter;
  readonly headers: ReadonlyArray<string>;
  readonly format: 'csv' | 'xlsx';
  readonly delimiter: string | undefined;
  /** Per column, how the XLSX report stores its values (so dates stay dates when re-imported). */
  readonly columnKinds: ReadonlyArray<WriterColumn['kind']>;
}

/** The read options of a spec. */
export function specReadOptions(spec: ImportSpec, signal?: AbortSignal): ReadOptions {
  const { sheet, headerRow, encoding, delimiter } = spec.read;
  return {
    ...(sheet === undefined ? {} : { sheet }),
    ...(headerRow === undefined ? {} : { headerRow }),
    ...(encoding === undefined ? {} : { encoding }),
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(signal ? { signal } : {}),
  };
}

/** Row number → column index → text, for applying the spec's edits. */
export function editsByRow(
  spec: ImportSpec,
  headers: ReadonlyArray<string>,
): Map<number, Map<number, string>> {
  const out = new Map<number, Map<number, string>>();
  for (const edit of spec.edits) {
    const column = headers.indexOf(edit.column);
    if (column < 0) continue;
    const row = out.get(edit.row) ?? new Map<number, string>();
    row.set(column, edit.text);
    out.set(edit.row, row);
  }
  return out;
}

/** A row's cells with its edits applied (`''` empties a cell). */
export function applyEdits(cells: CellInput[], edits: Map<number, string> | undefined): CellInput[] {
  if (!edits) return cells;
  const out = [...cells];
  for (const [column, text] of edits) out[column] = text.trim() === '' ? null : text;
  return out;
}

const STRING = 1;
const NUMBER = 2;
const BOOLEAN = 4;
const DAY = 8;
const DATETIME = 16;

function kindBits(cell: CellInput): number {
  if (cell === null) return 0;
  if (typeof cell === 'string') return STRING;
  if (typeof cell === 'number') return NUMBER;
  if (typeof cell === 'boolean') return BOOLEAN;
  return cell.getTime() % 86_400_000 === 0 ? DAY : DATETIME;
}

function kindOf(bits: number): WriterColumn['kind'] {
  if (bits === DAY) return 'date';
  if ((bits & ~(DAY | DATETIME)) === 0 && bits !== 0) return 'datetime';
  if (bits === STRING || bits === 0) return 'text';
  if (bits === BOOLEAN) return 'boolean';
  // Mixed columns keep Excel's General format: text stays text, numbers numbers, dates get a date format.
  return 'number';
}

/**
 * What the reports need to know about the file when the job ended before converting it (stopped while
 * loading the fields): its headers and format, and each column's kind from one read of its cells.
 */
export async function describeFile(spec: ImportSpec): Promise<Omit<PreparedImport, 'rows' | 'converter'>> {
  const readOptions = specReadOptions(spec);
  const summary = await inspectFile(spec.file, readOptions);
  const edits = editsByRow(spec, summary.headers);
  const bits = new Array<number>(summary.headers.length).fill(0);
  try {
    for await (const row of readRows(spec.file, readOptions)) {
      const cells = applyEdits(row.cells, edits.get(row.rowNumber));
      for (let c = 0; c < bits.length; c++) bits[c] = (bits[c] ?? 0) | kindBits(cells[c] ?? null);
    }
  } catch (error) {
    if (!(error instanceof FileReadError && error.code === 'no-data-rows')) throw error;
  }
  return {
    headers: summary.headers,
    format: summary.format,
    delimiter: summary.delimiter,
    columnKinds: bits.map(kindOf),
  };
}

/** Thrown when the file is not the one the job was made for. */
export class ImportFileChangedError extends Error {
  override readonly name = 'ImportFileChangedError';
}

/** Reads and converts the whole file; `onRows` hears how many rows are done every few thousand. */
export async function prepareRows(
  spec: ImportSpec,
  catalog: ImportCatalog,
  options: { readonly signal?: AbortSignal; readonly onRows?: (rows: number) => void } = {},
): Promise<PreparedImport> {
  if (spec.fileHash !== undefined && (await hashFile(spec.file)) !== spec.fileHash) {
    throw new ImportFileChangedError(
      `${spec.file} has changed since this import was set up, so its rows no longer line up with the ` +
        'journal. Start a new import of the file instead of resuming this one.',
    );
  }
  const readOptions = specReadOptions(spec, options.signal);
  const summary = await inspectFile(spec.file, readOptions);
  const headers = summary.headers;
  const mapping = specMapping(spec);
  const missing = Object.entries(mapping)
    .filter(([header, target]) => target !== null && !headers.includes(header))
    .map(([header]) => `"${header}"`);
  if (missing.length > 0) {
    throw new ImportFileChangedError(`${summary.fileName} has no column ${missing.join(', ')} any more.`);
  }
  const converter = createRowConverter({
    catalog,
    source: summary.format,
    headers,
    mapping,
    settings: spec.columnSettings,
    emptyCells: spec.emptyCells,
    match: spec.mode === 'create' ? null : specMatch(spec),
  });
  const edits = editsByRow(spec, headers);
  const bits = new Array<number>(headers.length).fill(0);
  const rows: ConvertedRow[] = [];
  try {
    for await (const row of readRows(spec.file, readOptions)) {
      const cells = applyEdits(row.cells, edits.get(row.rowNumber));
      for (let c = 0; c < headers.length; c++) bits[c] = (bits[c] ?? 0) | kindBits(cells[c] ?? null);
      rows.push(converter.convert(row.rowNumber, cells));
      if (rows.length % 5000 === 0) options.onRows?.(rows.length);
    }
  } catch (error) {
    // A file with headers and no rows is an import of nothing, not a failure.
    if (!(error instanceof FileReadError && error.code === 'no-data-rows')) throw error;
  }
  return {
    rows,
    converter,
    headers,
    format: summary.format,
    delimiter: summary.delimiter,
    columnKinds: bits.map(kindOf),
  };
}
