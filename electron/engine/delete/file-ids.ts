/**
 * A column of organization IDs from a CSV or XLSX file, read with the import's readers (same
 * encoding, delimiter, sheet and header detection). The column is the one the caller names, else
 * the one whose header says it holds IDs ("ID", "Organization ID", "Pipedrive ID"…), else the only
 * column. Every cell that is not an ID is reported with the file, row and value; blank cells are
 * skipped and counted.
 */
import { inspectFile, readRows, columnLetter, type ReadOptions } from '../files/read/index.ts';
import { dedupeIds, parseIdCell, parseIdText, showCell } from './id-token.ts';

/** A cell of the ID column that is not an organization ID. */
export interface FileIdProblem {
  /** Row number as a spreadsheet program shows it. */
  readonly row: number;
  readonly value: string;
  /** A complete sentence naming the file, the row and the value. */
  readonly message: string;
}

/** The IDs of one column of a file. */
export interface FileIds {
  readonly fileName: string;
  /** The header of the column read (`Column A` for a file without a header row). */
  readonly column: string;
  /** XLSX: the sheet read. */
  readonly sheet?: string;
  /** Distinct IDs in file order. */
  readonly ids: number[];
  readonly duplicates: number;
  readonly duplicateIds: number[];
  /** Data rows read (blank rows are not counted by the reader). */
  readonly rows: number;
  /** Rows whose ID cell was empty. */
  readonly blankCells: number;
  readonly problems: FileIdProblem[];
}

/** Where to read the IDs from. */
export interface ReadIdsOptions extends Pick<ReadOptions, 'sheet' | 'encoding' | 'delimiter' | 'signal'> {
  /** Header of the ID column (case-insensitive), or its letter (`B`). */
  readonly column?: string;
}

/** The file cannot give a list of IDs as asked (no such column, no telling which column). */
export class IdSourceError extends Error {
  override readonly name = 'IdSourceError';
}

// Headers that announce organization IDs, compared without case, spaces or punctuation.
const ID_HEADERS = new Set([
  'id',
  'ids',
  'orgid',
  'organizationid',
  'organisationid',
  'pipedriveid',
  'pipedriveorganizationid',
  'pipedriveorgid',
  'organizationpipedriveid',
  'recordid',
]);

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Reads the IDs of one column of a CSV/XLSX file. Throws FileReadError or IdSourceError. */
export async function readIdsFromFile(path: string, options: ReadIdsOptions = {}): Promise<FileIds> {
  const { column: wanted, ...read } = options;
  let summary = await inspectFile(path, read);
  let index = chooseColumn(summary.fileName, summary.headers, wanted);
  let headerRow = summary.headerRow;
  // A bare list of numbers has no header row, but detection takes its first row for one: then the
  // "header" of the chosen column is itself an ID, and the file is read again without a header row.
  const header = summary.headers[index] ?? '';
  if (summary.headerRowSource === 'detected' && headerRow > 0 && parseIdText(header).ok) {
    summary = await inspectFile(path, { ...read, headerRow: 0 });
    headerRow = 0;
    index = wanted === undefined ? index : chooseColumn(summary.fileName, summary.headers, wanted);
  }
  const columnName = summary.headers[index] ?? `Column ${columnLetter(index)}`;
  const found: number[] = [];
  const problems: FileIdProblem[] = [];
  let rows = 0;
  let blankCells = 0;
  for await (const row of readRows(path, { ...read, headerRow })) {
    rows += 1;
    const cell = row.cells[index] ?? null;
    const result = parseIdCell(cell);
    if (result.ok) found.push(result.id);
    else if (result.reason === 'empty') blankCells += 1;
    else {
      const value = showCell(cell);
      problems.push({
        row: row.rowNumber,
        value,
        message: `${summary.fileName}, row ${row.rowNumber}, column "${columnName}": "${value}" is not an organization ID (${result.reason}).`,
      });
    }
  }
  const { ids, duplicates, duplicateIds } = dedupeIds(found);
  return {
    fileName: summary.fileName,
    column: columnName,
    ...(summary.sheet !== undefined ? { sheet: summary.sheet } : {}),
    ids,
    duplicates,
    duplicateIds,
    rows,
    blankCells,
    problems,
  };
}

/** The index of the ID column: the named one, else the one headed like an ID, else the only one. */
export function chooseColumn(fileName: string, headers: ReadonlyArray<string>, wanted?: string): number {
  const list = headers.map((h, i) => `"${h}" (${columnLetter(i)})`).join(', ');
  if (wanted !== undefined) {
    const key = wanted.trim().toLowerCase();
    const byName = headers.findIndex((h) => h.trim().toLowerCase() === key);
    if (byName >= 0) return byName;
    const byLetter = headers.findIndex((_, i) => columnLetter(i) === wanted.trim().toUpperCase());
    if (/^[a-z]{1,3}$/i.test(wanted.trim()) && byLetter >= 0) return byLetter;
    throw new IdSourceError(`${fileName} has no column "${wanted}". Its columns are: ${list}.`);
  }
  if (headers.length === 1) return 0;
  const candidates = headers.map((h, i) => ({ h, i })).filter(({ h }) => ID_HEADERS.has(squash(h)));
  const exact = candidates.filter(({ h }) => squash(h) === 'id');
  const pick = candidates.length === 1 ? candidates[0] : exact.length === 1 ? exact[0] : undefined;
  if (pick) return pick.i;
  if (headers.length === 0) throw new IdSourceError(`${fileName} has no columns.`);
  const why =
    candidates.length > 1
      ? `several columns could hold the IDs (${candidates.map(({ h }) => `"${h}"`).join(', ')})`
      : 'no column is headed "ID", "Organization ID" or "Pipedrive ID"';
  throw new IdSourceError(
    `${fileName}: ${why}. Choose the column that holds the IDs; its columns are: ${list}.`,
  );
}

/** The problems of a file as message lines, the first `limit` of them. */
export function describeFileProblems(problems: ReadonlyArray<FileIdProblem>, limit = 10): string[] {
  const lines = problems.slice(0, limit).map((p) => p.message);
  if (problems.length > limit) lines.push(`…and ${problems.length - limit} more cells that are not IDs.`);
  return lines;
}
