/**
 * `inspectFile`: what the import screen shows about a file before mapping — format, settings,
 * sheets, header row, headers, a sample and a row count — read from the start of the file only.
 */
import { countLineBreaks } from './csv-reader.ts';
import { displayName } from './errors.ts';
import { openFile, type OpenedFile } from './open-file.ts';
import { alignRow } from './table.ts';
import type { FileSummary, FileWarning, ReadOptions, ReadRow } from './types.ts';

/** Rows of the preview sample. */
export const SAMPLE_ROWS = 20;
/** Ragged-row warnings listed in a summary (each row still carries its own issue). */
const MAX_RAGGED_WARNINGS = 5;

/** Reads what the import screen needs to know about a file: format, settings, headers, sample. */
export async function inspectFile(path: string, options: ReadOptions = {}): Promise<FileSummary> {
  const file = await openFile(path, options);
  try {
    return await summarizeFile(path, file, (dataInPrefix) =>
      file.table.complete
        ? { count: dataInPrefix, exact: true }
        : estimateRows(path, file, dataInPrefix).then((count) => ({ count, exact: false })),
    );
  } finally {
    await file.table.close();
  }
}

/**
 * The summary of an opened file, from the rows read to decide its layout; `dataRows` gives the row
 * count from the data rows among them (an estimate for `inspectFile`, the exact count for a full read).
 */
export async function summarizeFile(
  path: string,
  file: OpenedFile,
  dataRows: (dataInPrefix: number) => FileSummary['dataRows'] | Promise<FileSummary['dataRows']>,
): Promise<FileSummary> {
  const { layout, prefix, complete } = file.table;
  const data: ReadRow[] = [];
  for (const raw of prefix) {
    if (raw.rowNumber <= layout.headerRow) continue;
    const row = alignRow(raw, layout, file.format === 'csv');
    if (row) data.push(row);
  }
  const warnings: FileWarning[] = [...file.warnings];
  const ragged = data.filter((r) => r.issues?.some((i) => i.startsWith(`Row ${r.rowNumber} has`)));
  for (const row of ragged.slice(0, MAX_RAGGED_WARNINGS)) {
    const message = row.issues?.find((i) => i.startsWith(`Row ${row.rowNumber} has`)) ?? '';
    warnings.push({ code: 'ragged-row', message, rowNumber: row.rowNumber });
  }
  if (ragged.length > MAX_RAGGED_WARNINGS) {
    warnings.push({ code: 'ragged-row', message: `…and more rows with a different number of cells.` });
  }
  if (complete && data.length === 0) {
    warnings.push({
      code: 'no-data-rows',
      message: `"${displayName(path)}" has column names (row ${layout.headerRow}) but no rows of data under them.`,
    });
  }
  return {
    path,
    fileName: displayName(path),
    format: file.format,
    size: file.size,
    ...(file.format === 'csv'
      ? { encoding: file.csv.encoding, delimiter: file.csv.delimiter }
      : { sheets: file.book.sheets.map(({ part: _part, ...sheet }) => sheet), sheet: file.sheet.name }),
    headerRow: layout.headerRow,
    headerRowSource: layout.headerRowSource,
    headers: layout.headers,
    headerNotes: layout.headerNotes,
    dataRows: await dataRows(data.length),
    sampleRows: data.slice(0, SAMPLE_ROWS),
    warnings,
  };
}

/** Estimates data rows of a file read only in part, from the rows seen so far. */
async function estimateRows(path: string, file: OpenedFile, dataInPrefix: number): Promise<number> {
  const { prefix, layout } = file.table;
  if (file.format === 'xlsx') return Math.max(dataInPrefix, file.sheet.rows - layout.headerRow);
  // CSV: line breaks in the whole file, scaled by the data rows per line break seen in the prefix.
  const lineBreaks = await countLineBreaks(path);
  let prefixLines = 0;
  let headerLines = 0;
  for (const row of prefix) {
    const lines =
      1 + row.cells.reduce<number>((n, c) => n + (typeof c === 'string' ? c.split('\n').length - 1 : 0), 0);
    prefixLines += lines;
    if (row.rowNumber <= layout.headerRow) headerLines += lines;
  }
  if (prefixLines <= headerLines) return dataInPrefix;
  return Math.max(
    dataInPrefix,
    Math.round((dataInPrefix * (lineBreaks - headerLines)) / (prefixLines - headerLines)),
  );
}
