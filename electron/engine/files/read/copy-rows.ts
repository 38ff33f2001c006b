/**
 * `copyRows`: what opening a file for import needs, in one pass over the file — its summary (as
 * `inspectFile` gives it, with the exact row count), every data row copied to a row store on disk
 * (row-store.ts), and the first non-blank values of each column for settings detection and
 * auto-mapping. It runs in the reading worker, so the thread that serves the window only receives
 * the summary, the samples and the store's index.
 */
import { CsvTextLog } from './csv-text-log.ts';
import { CsvTextStoreWriter } from './csv-text-store.ts';
import { FileReadError } from './errors.ts';
import { summarizeFile } from './inspect.ts';
import { openFile } from './open-file.ts';
import { RowStoreWriter } from './row-store.ts';
import type { StoredRows } from './stored-rows.ts';
import type { CellInput, FileSummary, ReadOptions, ReadRow } from './types.ts';

/**
 * Takes the rows as they are copied: the import preview converts and plans them in the same pass, so
 * its first preview needs no second pass over the file.
 */
export interface RowSink {
  add(rowNumber: number, cells: ReadonlyArray<CellInput>): void;
  /** The sink's result, and the buffers in it that can be transferred rather than copied. */
  finish(): { readonly result: unknown; readonly transfer: ArrayBuffer[] };
}

/** The file as far as the first rows, for deciding how to convert the rest while it is copied. */
export interface EarlyRows {
  readonly summary: FileSummary;
  /** Per column, its first non-blank values among the rows read so far. */
  readonly samples: CellInput[][];
  /** Rows read so far. */
  readonly rows: number;
  /** True when these are all the rows. */
  readonly complete: boolean;
}

/** What `copyRows` needs besides the read options. */
export interface CopyRowsOptions extends ReadOptions {
  /** The row store's file (created or emptied); the caller deletes it. */
  readonly storeFile: string;
  /** Non-blank values kept per column. */
  readonly samplesPerColumn: number;
  /** Rows copied so far, every {@link PROGRESS_EVERY} rows. */
  readonly onProgress?: (rows: number) => void;
  /**
   * Asked once, after {@link EARLY_ROWS} rows (or at the end of a shorter file), for the spec of a sink
   * the rows go to as well (null for none). The spec is plain data, so it crosses a message port.
   */
  readonly onEarly?: (early: EarlyRows) => Promise<unknown>;
  /** Builds the sink from the spec `onEarly` gave (in the reading worker: the worker's own factory). */
  readonly makeSink?: (spec: unknown) => RowSink;
}

/** A file copied for import. */
export interface CopiedFile {
  /** The file's summary; `dataRows` is the exact number of rows copied. */
  readonly summary: FileSummary;
  readonly rows: StoredRows;
  /** Per column, its first non-blank values (at most `samplesPerColumn`). */
  readonly samples: CellInput[][];
  /** What the sink gave, when there was one. */
  readonly sink?: { readonly result: unknown; readonly transfer: ArrayBuffer[] };
}

/** Rows read before `onEarly` is asked: enough for a thousand samples of a half-empty column. */
export const EARLY_ROWS = 2000;
/** Cells held while `onEarly` is asked: a very wide file is asked after fewer rows. */
const EARLY_CELLS = 200_000;

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
  const { storeFile, samplesPerColumn, onProgress, onEarly, makeSink, ...read } = options;
  // A CSV's store is its own text, parsed again when read: copying every row cost a fifth of the open.
  const text = new CsvTextLog();
  const file = await openFile(path, read, text);
  let writer: RowStoreWriter | CsvTextStoreWriter | null = null;
  try {
    const first = await summarizeFile(path, file, (count) => ({ count, exact: true }));
    writer =
      file.format === 'csv'
        ? CsvTextStoreWriter.create(storeFile, text, {
            filePath: path,
            noLoneSurrogates: file.csv.encoding.name === 'utf-8',
            delimiter: file.csv.delimiter,
            layout: file.table.layout,
          })
        : RowStoreWriter.create(storeFile);
    const width = first.headers.length;
    const samples: CellInput[][] = first.headers.map(() => []);
    // Columns still collecting samples; most are full after the first thousand rows.
    let open = width;
    let rows = 0;
    // The first rows wait here until onEarly has said where else they go.
    let early: ReadRow[] | null = onEarly && makeSink ? [] : null;
    const earlyRows = Math.max(1, Math.min(EARLY_ROWS, Math.floor(EARLY_CELLS / Math.max(1, width))));
    let sink: RowSink | null = null;
    const decide = async (complete: boolean): Promise<void> => {
      const waiting = early ?? [];
      early = null;
      // Without an answer the file is still copied; the preview then makes its own pass.
      const spec = await (onEarly as NonNullable<typeof onEarly>)({
        summary: { ...first, dataRows: { count: rows, exact: complete } },
        samples: samples.map((list) => list.slice()),
        rows,
        complete,
      }).catch(() => null);
      if (spec === null || spec === undefined) return;
      sink = (makeSink as NonNullable<typeof makeSink>)(spec);
      feed(waiting);
    };
    // The sink is an extra: if it fails, the file is still copied, and the preview makes its own pass.
    const feed = (rows: ReadonlyArray<ReadRow>): void => {
      const taking = sink as RowSink;
      try {
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i] as ReadRow;
          taking.add(row.rowNumber, row.cells);
        }
      } catch {
        sink = null;
      }
    };
    // Every row of a batch: stored, sampled, counted. (A function of its own, so the loop over every
    // row is compiled apart from this async function, which is far more costly to compile.)
    const take = (batch: ReadonlyArray<ReadRow>, store: RowStoreWriter | CsvTextStoreWriter): void => {
      for (const row of batch) {
        store.append(row.rowNumber, row.cells, row.issues);
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
        if (early) early.push(row);
        if (rows % PROGRESS_EVERY === 0) onProgress?.(rows);
      }
    };
    try {
      for await (const batch of file.table.batches()) {
        // A batch's rows go to the sink when it was made before the batch; earlier ones wait in `early`.
        const feeding = sink !== null;
        take(batch, writer);
        if (feeding && sink) feed(batch);
        if (early && rows >= earlyRows) await decide(false);
      }
    } catch (error) {
      // A file with headers and no rows opens with zero rows (the summary carries the warning).
      if (!(error instanceof FileReadError && error.code === 'no-data-rows')) throw error;
    }
    if (early) await decide(true);
    const stored = writer.finish();
    const copied = { summary: { ...first, dataRows: { count: rows, exact: true } }, rows: stored, samples };
    const done = sink as RowSink | null;
    let result: CopiedFile['sink'] | null = null;
    try {
      result = done ? done.finish() : null;
    } catch {
      // As when adding a row failed: the preview makes its own pass.
    }
    return result ? { ...copied, sink: result } : copied;
  } catch (error) {
    writer?.close();
    throw error;
  } finally {
    await file.table.close();
  }
}
