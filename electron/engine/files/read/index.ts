/**
 * Spreadsheet reading for import: `inspectFile` for the file summary and preview, `readRows` to
 * stream every data row, `copyRows` to copy them all to a row store in one pass. These run in the
 * calling thread; `sharedReadWorker()` gives the same API running in a worker thread, which is what
 * the engine uses so that reading never blocks the thread serving the window. All of them decide
 * format, encoding, delimiter, sheet, header row and headers the same way, so what the user maps in
 * the preview is what the import reads.
 *
 * Decisions worth knowing:
 * - Cells are raw: CSV cells are text or null; XLSX cells are what Excel shows (see xlsx-cells.ts).
 *   The CSV formula guard (`'=SUM(1)`) is left in place: removing it is the values module's job.
 * - Row numbers are those Excel shows: XLSX row numbers, CSV record numbers (a quoted field with
 *   line breaks is one row, a blank line is a row; Excel's `sep=` first line is hidden, not counted).
 * - A header-only file: `inspectFile` returns its headers with `dataRows.count` 0 and a
 *   `no-data-rows` warning (the user sees the columns); `readRows` throws `no-data-rows`.
 * - A file whose content contradicts its name (an XLSX named `.csv`, text named `.xlsx`) is read by
 *   its content, with a `wrong-extension` warning.
 */
export { inspectFile, SAMPLE_ROWS } from './inspect.ts';
export { readRows } from './read-rows.ts';
export {
  copyRows,
  EARLY_ROWS,
  PROGRESS_EVERY,
  type CopiedFile,
  type CopyRowsOptions,
  type EarlyRows,
  type RowSink,
} from './copy-rows.ts';
export { type StoredRows } from './stored-rows.ts';
export { connectFileReading, serveFileReading, type PortLike, type PortReadOptions } from './read-port.ts';
export {
  defaultReadWorkerEntry,
  inspectFileOffThread,
  localFileReading,
  readRowsOffThread,
  sharedReadWorker,
  startReadWorker,
  stopSharedReadWorker,
  warmSharedReadWorker,
  type FileReading,
  type ReadWorker,
} from './read-worker-client.ts';
export { FileReadError, type FileReadErrorCode } from './errors.ts';
export { columnLetter } from './detect-header.ts';
export * from './types.ts';
