/**
 * The import's reports, written whenever a run ends — finished, stopped, cancelled or failed — from
 * the journal (so a resumed job's reports cover all its runs), in the input's format:
 * - failed rows: the original columns (with the preview's fixes), then the row number and a
 *   plain-language reason. Fixed and imported again with the same mapping, it imports as is: the two
 *   extra columns are recognised and ignored (report-columns.ts).
 * - succeeded rows: the original columns, then the Pipedrive ID and the action taken.
 * - rows not attempted (only when the job ended before every row had an outcome): the original
 *   columns, then the row number and why the row was not imported — in the failed report's layout, so
 *   it too re-imports as is. A row whose create was on its way when the job ended says it may exist.
 * A report that has no rows this time is removed (a finished resume leaves no "not attempted" file).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { unguardFormula } from '../../../../shared/formula-guard.ts';
import type { JobReport } from '../../../../shared/jobs.ts';
import type { CellInput } from '../../../../shared/values/index.ts';
import type { ImportSpec } from '../../import/import-spec.ts';
import {
  FAILED_REPORT_COLUMNS,
  reportColumnNames,
  SUCCEEDED_REPORT_COLUMNS,
} from '../../import/report-columns.ts';
import { FileReadError, readRowsOffThread as readRows } from '../../files/read/index.ts';
import { openCsvWriter, type CsvDelimiter } from '../../files/write/csv-writer.ts';
import { discardLeftoverTemps } from '../../files/write/temp-file.ts';
import type { CellOut, SheetWriter, WriterColumn } from '../../files/write/types.ts';
import { openXlsxWriter } from '../../files/write/xlsx-writer.ts';
import { actionText, type ImportOutcome } from './import-outcome.ts';
import { applyEdits, editsByRow, specReadOptions, type PreparedImport } from './prepare-rows.ts';

/** What the reports are written from. */
export interface ImportReportInput {
  readonly spec: ImportSpec;
  readonly prepared: Pick<PreparedImport, 'headers' | 'format' | 'delimiter' | 'columnKinds'>;
  readonly outcomes: ReadonlyMap<number, ImportOutcome>;
  /**
   * For a run that ended early: why a row with no outcome was not imported. Absent for a finished
   * run, whose every row has an outcome.
   */
  readonly notAttempted?: (rowNumber: number) => string;
  /** The job's reports folder. */
  readonly dir: string;
  readonly signal?: AbortSignal;
}

/** A writer opened on the first row that needs it (no empty report files). */
class LazyReport {
  private writer: SheetWriter | null = null;
  rows = 0;

  constructor(
    readonly label: string,
    readonly file: string,
    private readonly open: (file: string) => Promise<SheetWriter>,
  ) {}

  async write(cells: ReadonlyArray<CellOut>): Promise<void> {
    this.writer ??= await this.open(this.file);
    await this.writer.writeRow(cells);
    this.rows += 1;
  }

  async finish(): Promise<JobReport | null> {
    if (!this.writer) return null;
    await this.writer.finish();
    return { label: this.label, path: this.writer.path };
  }

  async abort(): Promise<void> {
    await this.writer?.abort();
  }
}

/** The CSV delimiter of a report: the input's when a CSV writer can use it, else a comma. */
function csvDelimiter(delimiter: string | undefined): CsvDelimiter {
  return delimiter === ';' || delimiter === '\t' ? delimiter : ',';
}

/** What {@link writeImportReports} did. */
export interface WrittenReports {
  /** The reports written (an empty one is not). */
  readonly written: JobReport[];
  /** Report files that have no rows this time and were removed if an earlier run left them. */
  readonly removed: string[];
  /** How many rows the "not attempted" report lists. */
  readonly notAttempted: number;
}

/** The file names of the reports, per format. */
export function importReportFiles(dir: string, ext: 'csv' | 'xlsx') {
  return {
    failed: path.join(dir, `failed-rows.${ext}`),
    succeeded: path.join(dir, `succeeded-rows.${ext}`),
    notAttempted: path.join(dir, `not-attempted-rows.${ext}`),
  };
}

/** Writes the failed-, succeeded- and not-attempted-rows reports (see the module comment). */
export async function writeImportReports(input: ImportReportInput): Promise<WrittenReports> {
  const { spec, prepared, outcomes } = input;
  const headers = prepared.headers;
  const csv = prepared.format === 'csv';
  const ext = csv ? 'csv' : 'xlsx';
  const base: WriterColumn[] = headers.map((header, i) => ({
    header,
    kind: csv ? 'text' : (prepared.columnKinds[i] ?? 'text'),
  }));
  const [rowHeader, reasonHeader] = reportColumnNames(headers, FAILED_REPORT_COLUMNS);
  const [idHeader, actionHeader] = reportColumnNames(headers, SUCCEEDED_REPORT_COLUMNS);
  const failedColumns: WriterColumn[] = [
    ...base,
    { header: rowHeader, kind: 'number', width: 8 },
    { header: reasonHeader, kind: 'text', width: 80 },
  ];
  const succeededColumns: WriterColumn[] = [
    ...base,
    { header: idHeader, kind: 'number', width: 12 },
    { header: actionHeader, kind: 'text', width: 24 },
  ];
  const opener = (columns: WriterColumn[]) => (file: string) =>
    csv
      ? openCsvWriter(file, columns, { delimiter: csvDelimiter(prepared.delimiter) })
      : openXlsxWriter(file, columns, { sheetName: 'Rows' });
  const files = importReportFiles(input.dir, ext);
  const failed = new LazyReport('Failed rows', files.failed, opener(failedColumns));
  const succeeded = new LazyReport('Succeeded rows', files.succeeded, opener(succeededColumns));
  const notAttempted = new LazyReport('Rows not attempted', files.notAttempted, opener(failedColumns));
  const reports = [failed, succeeded, notAttempted];
  // The job's own folder: partial reports there were left by a run that was killed mid-write.
  for (const report of reports) await discardLeftoverTemps(report.file);
  const edits = editsByRow(spec, headers);
  // CSV cells still carry our formula guard; the CSV writer adds it again, so it is taken off here.
  const original = (cell: CellInput): CellOut =>
    csv && typeof cell === 'string' ? unguardFormula(cell) : cell;
  try {
    try {
      for await (const row of readRows(spec.file, specReadOptions(spec, input.signal))) {
        const line = outcomes.get(row.rowNumber);
        if (!line && !input.notAttempted) continue;
        const edited = applyEdits(row.cells, edits.get(row.rowNumber));
        const cells = headers.map((_, c) => original(edited[c] ?? null));
        if (!line)
          await notAttempted.write([...cells, row.rowNumber, input.notAttempted?.(row.rowNumber) ?? '']);
        else if (line.outcome === 'failed')
          await failed.write([...cells, row.rowNumber, line.reason ?? 'Failed']);
        else await succeeded.write([...cells, line.id ?? null, actionText(line)]);
      }
    } catch (error) {
      if (!(error instanceof FileReadError && error.code === 'no-data-rows')) throw error;
    }
    const written: JobReport[] = [];
    const removed: string[] = [];
    for (const report of reports) {
      const done = await report.finish();
      if (done) written.push(done);
      else {
        await rm(report.file, { force: true });
        removed.push(report.file);
      }
    }
    return { written, removed, notAttempted: notAttempted.rows };
  } catch (error) {
    for (const report of reports) await report.abort();
    throw error;
  }
}
