import ExcelJS from 'exceljs';
import { commitTemp, discardTemp, tempPathFor } from './temp-file.ts';
import type { AboutLine, CellOut, SheetWriter, WriterColumn } from './types.ts';

/** Excel refuses cells longer than this; longer text is cut and the cut is reported. */
export const EXCEL_MAX_CELL_CHARS = 32_767;
const MAX_WARNINGS = 50;

/**
 * Opens a streaming XLSX writer (exceljs WorkbookWriter: rows are committed to disk as they come, so
 * memory stays flat at any size): frozen bold header, autofilter, column widths, real dates, and text
 * always written as text, never as a formula.
 */
export async function openXlsxWriter(
  target: string,
  columns: ReadonlyArray<WriterColumn>,
  options: { sheetName?: string } = {},
): Promise<SheetWriter> {
  const temp = tempPathFor(target);
  // Shared strings would keep every distinct string in memory until the end; inline strings do not.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: temp,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Orgport';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Organizations', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((column) => ({ width: column.width ?? defaultWidth(column) }));
  const cellStyles = columns.map(styleFor);
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  if (columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }

  const warnings: string[] = [];
  let rowNumber = 1;
  let finished = false;
  let aborted = false;
  let zipClosed = false;

  return {
    path: target,
    warnings,
    async writeRow(cells) {
      rowNumber += 1;
      const values = columns.map((column, i) => xlsxValue(cells[i] ?? null, column, rowNumber, warnings));
      const row = sheet.addRow(values);
      // exceljs gives every new cell a fresh style object, and its style registry is keyed by object
      // identity, so each cell would be registered anew (half the write time); shared objects hit its cache.
      for (let i = 0; i < cellStyles.length; i++) row.getCell(i + 1).style = cellStyles[i] ?? PLAIN_STYLE;
      row.commit();
    },
    async finish(about) {
      // Once commit has started, exceljs must not be committed again (it throws "archive already
      // finalizing" from inside its zip stream), so abort after a failed finish only deletes the file.
      zipClosed = true;
      sheet.commit();
      if (about && about.length > 0) writeAboutSheet(workbook, about, warnings);
      await workbook.commit();
      await commitTemp(temp, target);
      finished = true;
    },
    async abort() {
      if (finished || aborted) return;
      aborted = true;
      // The zip stream may still hold the file open; ending it first lets the delete succeed everywhere.
      if (!zipClosed) {
        zipClosed = true;
        await workbook.commit().catch(() => undefined);
      }
      await discardTemp(temp);
    },
  };
}

function xlsxValue(value: CellOut, column: WriterColumn, row: number, warnings: string[]): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'string' && value.length > EXCEL_MAX_CELL_CHARS) {
    if (warnings.length < MAX_WARNINGS) {
      warnings.push(
        `Row ${row}, column "${column.header}": text of ${value.length} characters cut to Excel's limit of ${EXCEL_MAX_CELL_CHARS}; export to CSV to keep it whole.`,
      );
    }
    return value.slice(0, EXCEL_MAX_CELL_CHARS);
  }
  return value;
}

const PLAIN_STYLE = Object.freeze({}) as ExcelJS.Style;
const DATE_STYLE = Object.freeze({ numFmt: 'yyyy-mm-dd' }) as ExcelJS.Style;
const DATETIME_STYLE = Object.freeze({ numFmt: 'yyyy-mm-dd hh:mm:ss' }) as ExcelJS.Style;

function styleFor(column: WriterColumn): ExcelJS.Style {
  return column.kind === 'date' ? DATE_STYLE : column.kind === 'datetime' ? DATETIME_STYLE : PLAIN_STYLE;
}

function defaultWidth(column: WriterColumn): number {
  const byKind =
    column.kind === 'datetime' ? 20 : column.kind === 'date' ? 12 : column.kind === 'text' ? 24 : 14;
  return Math.min(60, Math.max(byKind, column.header.length + 4));
}

function writeAboutSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  about: ReadonlyArray<AboutLine>,
  warnings: ReadonlyArray<string>,
): void {
  const sheet = workbook.addWorksheet('About this export');
  sheet.columns = [{ width: 28 }, { width: 90 }];
  for (const line of about) {
    const row = sheet.addRow([line.label, line.value]);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
  for (const warning of warnings) sheet.addRow(['Warning', warning]).commit();
  sheet.commit();
}
