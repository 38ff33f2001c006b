/**
 * XLSX reading: choose the sheet, then stream its rows with exceljs's streaming WorksheetReader,
 * which we feed ourselves from the archive's directory (see xlsx-zip.ts for why) in the order it
 * needs: workbook (date system), shared strings (cached: a sheet refers to them by number), styles
 * (cached: number formats decide dates and text), then the one sheet asked for.
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Row } from 'exceljs';
import { FileReadError, displayName } from './errors.ts';
import { columnLetter } from './detect-header.ts';
import { classifyZip } from './sniff.ts';
import { readBook, type Book, type BookSheet } from './xlsx-book.ts';
import { convertCell } from './xlsx-cells.ts';
import { hasRootPrefix, stripRootPrefix } from './xml-prefix.ts';
import { xmlDepthGuard } from './xml-guard.ts';
import { corrupt, ZipArchive } from './xlsx-zip.ts';
import type { RawSource } from './table.ts';
import type { CellInput, RawRow } from './types.ts';

/**
 * The private steps of exceljs 4.4.0's `WorkbookReader.parse()`, which we call in our own order.
 * exceljs is pinned to an exact version in package.json, and the XLSX tests fail loudly if these
 * ever change.
 */
interface WorkbookReaderSteps {
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    iterator: Readable,
    sheetNo: string,
  ): Generator<{ eventType: string; value: WorksheetEvents }>;
}

/** exceljs's WorksheetReader.parse(): one array of events per chunk of sheet XML. */
interface WorksheetEvents {
  parse(): AsyncIterable<ReadonlyArray<{ eventType: string; value: unknown }>>;
}

/** An open workbook: its archive and index. */
export interface OpenBook {
  readonly zip: ZipArchive;
  readonly book: Book;
}

/**
 * Opens the archive, checks it is a workbook (an .ods, .numbers or .docx is a ZIP too) and reads
 * the workbook's index, closing the archive if any of that fails.
 */
export async function openBook(filePath: string): Promise<OpenBook> {
  const zip = await ZipArchive.open(filePath);
  try {
    const mimetype = zip.entries.has('mimetype') ? await zip.text('mimetype', 200) : '';
    classifyZip(filePath, new Set(zip.entries.keys()), mimetype);
    return { zip, book: await readBook(filePath, zip) };
  } catch (error) {
    await zip.close();
    throw error;
  }
}

/** The sheet asked for (name or 0-based index), or else the first visible sheet with values. */
export function pickSheet(filePath: string, book: Book, wanted: string | number | undefined): BookSheet {
  const name = displayName(filePath);
  if (wanted !== undefined) {
    const byName =
      typeof wanted === 'number'
        ? book.sheets[wanted]
        : (book.sheets.find((s) => s.name === wanted) ??
          book.sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase()));
    if (byName) return byName;
    throw new FileReadError(
      'sheet-not-found',
      name,
      `"${name}" has no sheet ${typeof wanted === 'number' ? `number ${wanted + 1}` : `named "${wanted}"`}. ` +
        `Its sheets: ${book.sheets.map((s) => `"${s.name}"`).join(', ')}.`,
    );
  }
  const sheet = book.sheets.find((s) => !s.empty && !s.hidden) ?? book.sheets.find((s) => !s.empty);
  if (sheet) return sheet;
  throw new FileReadError('empty-file', name, `"${name}" is empty: none of its sheets holds any value.`);
}

/** Streams the raw rows of one sheet; the source owns (and closes) the archive. */
export async function openXlsxSource(filePath: string, open: OpenBook, sheet: BookSheet): Promise<RawSource> {
  const { zip, book } = open;
  const streams: Readable[] = [];
  const entry = async (part: string): Promise<Readable> => {
    const prefixed = hasRootPrefix(await zip.text(part, 2048));
    const unpacked = await zip.stream(part);
    streams.push(unpacked);
    const s = unpacked.pipe(xmlDepthGuard(filePath, part));
    unpacked.on('error', (error) => s.destroy(error));
    streams.push(s);
    // exceljs decodes each chunk on its own, which breaks a multi-byte character split between two
    // chunks (東京の支店 → 東京の��店); decoding here hands it whole strings.
    if (!prefixed) return s.setEncoding('utf8');
    const stripped = s.pipe(stripRootPrefix());
    s.on('error', (error) => stripped.destroy(error));
    streams.push(stripped);
    return stripped.setEncoding('utf8');
  };
  let batches: AsyncGenerator<RawRow[]> | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await batches?.return(undefined);
    for (const s of streams) s.destroy();
    await zip.close();
  };
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    // A deliberate cast to exceljs's private API (see WorkbookReaderSteps).
    const steps = reader as unknown as WorkbookReaderSteps;
    // No _parseRels: exceljs only uses the relationships to name the sheet (we know its name), and
    // without them it never reads `model.sheets`, the property issue #3064 trips over.
    await steps._parseWorkbook(await entry(book.parts.workbook));
    if (book.parts.sharedStrings !== undefined) {
      for await (const _ of steps._parseSharedStrings(await entry(book.parts.sharedStrings))) {
        // 'cache' mode yields nothing; the loop only drives the parse.
      }
    }
    if (book.parts.styles !== undefined) await steps._parseStyles(await entry(book.parts.styles));
    const sheetNo = /(\d+)\.xml$/.exec(sheet.part)?.[1] ?? String(sheet.index + 1);
    const worksheet = steps._parseWorksheet(await entry(sheet.part), sheetNo).next().value?.value;
    if (!worksheet) throw corrupt(filePath, `the sheet "${sheet.name}" cannot be read`);
    batches = sheetRows(filePath, worksheet, book.date1904);
    return { batches, close };
  } catch (error) {
    await close();
    throw error instanceof FileReadError ? error : corrupt(filePath, 'its contents cannot be read', error);
  }
}

async function* sheetRows(
  filePath: string,
  worksheet: WorksheetEvents,
  date1904: boolean,
): AsyncGenerator<RawRow[]> {
  try {
    for await (const events of worksheet.parse()) {
      const batch: RawRow[] = [];
      for (const { eventType, value } of events) {
        if (eventType === 'row' && isRow(value)) batch.push(rawRow(value, date1904));
      }
      if (batch.length > 0) yield batch;
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    // exceljs refuses cell addresses past XFD (column 16,384) with an "Out of bounds" error.
    const beyond = error instanceof Error && error.message.startsWith('Out of bounds');
    throw corrupt(
      filePath,
      beyond ? 'a cell lies beyond column XFD, the last one Excel has' : 'a sheet cannot be read',
      error,
    );
  }
}

function rawRow(row: Row, date1904: boolean): RawRow {
  const cells: CellInput[] = [];
  const issues: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const { value, issue } = convertCell(
      cell.value,
      cell.numFmt,
      `${columnLetter(col - 1)}${row.number}`,
      date1904,
    );
    while (cells.length < col - 1) cells.push(null);
    cells[col - 1] = value;
    if (issue !== undefined) issues.push(issue);
  });
  return issues.length > 0 ? { rowNumber: row.number, cells, issues } : { rowNumber: row.number, cells };
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && 'eachCell' in value && 'number' in value;
}
