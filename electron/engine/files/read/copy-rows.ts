/**
 * `copyRows`: what opening a file for import needs, in one pass over the file — its summary (as
 * `inspectFile` gives it, with the exact row count), every data row copied to a row store on disk
 * (row-store.ts), and the first non-blank values of each column for settings detection and
 * auto-mapping. It runs in the reading worker, so the thread that serves the window only receives
 * the summary, the samples and the store's index.
 */
import { FileReadError } from './errors.ts';
import { summarizeFile } from './inspect.ts';
import { openFile } from './open-file.ts';
import { RowStoreWriter, type StoredRows } from './row-store.ts';
import type { CellInput, FileSummary, ReadOptions } from './types.ts';

/** What `copyRows` needs besides the read options. */
export interface CopyRowsOptions extends ReadOptions {
  /** The row store's file (created or emptied); the caller deletes it. */
  readonly storeFile: string;
  /** Non-blank values kept per column. */
  readonly samplesPerColumn: number;
  /** Rows copied so far, every {@link PROGRESS_EVERY} rows. */
  readonly onProgress?: (rows: number) => void;
}

/** A file copied for import. */
export interface CopiedFile {
  /** The file's summary; `dataRows` is the exact number of rows copied. */
  readonly summary: FileSummary;
  readonly rows: StoredRows;
  /** Per column, its first non-blank values (at most `samplesPerColumn`). */
  readonly samples: CellInput[][];
}

/** Rows between two progress reports. */
export const PROGRESS_EVERY = 5000;

function isBlank(cell: CellInput): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * Reads a file once: summary, rows to the store, samples. Throws `FileReadError` for files that
 * cannot be read; a file with headers and no data rows copies zero rows.
 */
export async function copyRows(path: string, options: CopyRowsOptions): Promise<CopiedFile> {
  const { storeFile, samplesPerColumn, onProgress, ...read } = options;
  const file = await openFile(path, read);
  let writer: RowStoreWriter | null = null;
  try {
    const first = await summarizeFile(path, file, (count) => ({ count, exact: true }));
    writer = RowStoreWriter.create(storeFile);
    const width = first.headers.length;
    const samples: CellInput[][] = first.headers.map(() => []);
    // Columns still collecting samples; most are full after the first thousand rows.
    let open = width;
    let rows = 0;
    try {
      for await (const batch of file.table.batches()) {
        for (const row of batch) {
          writer.append(row.rowNumber, row.cells, row.issues);
          if (open > 0) {
            for (let c = 0; c < width; c++) {
              const list = samples[c] as CellInput[];
              if (list.length >= samplesPerColumn) continue;
              const cell = row.cells[c] ?? null;
              if (isBlank(cell)) continue;
              list.push(cell);
              if (list.length === samplesPerColumn) open -= 1;
            }
          }
          rows += 1;
          if (rows % PROGRESS_EVERY === 0) onProgress?.(rows);
        }
      }
    } catch (error) {
      // A file with headers and no rows opens with zero rows (the summary carries the warning).
      if (!(error instanceof FileReadError && error.code === 'no-data-rows')) throw error;
    }
    const stored = writer.finish();
    return { summary: { ...first, dataRows: { count: rows, exact: true } }, rows: stored, samples };
  } catch (error) {
    writer?.close();
    throw error;
  } finally {
    await file.table.close();
  }
}
