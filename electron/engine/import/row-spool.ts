/**
 * The preview's row store. A 100,000-row file is read once, and its rows are kept on disk (one
 * line per row in a temporary file, see files/read/row-store.ts) with only their byte offsets and
 * row numbers in memory, so the preview can serve any page of rows, rescan the whole file when the
 * mapping changes, and re-read a row the user edits — at a memory cost that does not grow with the
 * size of the cells. The reading worker writes the store while it parses the file; the session
 * adopts it with {@link RowSpool.open}.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CellInput } from '../../../shared/values/index.ts';
import { pieceEndIndex, pieceOfIndex, readCsvTextRows } from '../files/read/csv-text-store.ts';
import { RowStoreWriter, decodeRow } from '../files/read/row-store.ts';
import type { StoredRows } from '../files/read/stored-rows.ts';

/** One stored row. */
export interface SpooledRow {
  /** 0-based position among the data rows. */
  readonly index: number;
  readonly rowNumber: number;
  readonly cells: CellInput[];
  /** The reader's notes about the row (ragged, a formula error read as empty…). */
  readonly issues?: ReadonlyArray<string>;
}

/** Rows read per disk read when scanning. */
const SCAN_BATCH = 2000;

/** Makes the temporary folder a store goes in (under `tempDir`, default the OS's). */
export async function makeSpoolDir(tempDir: string = os.tmpdir()): Promise<string> {
  return mkdtemp(path.join(tempDir, 'orgport-preview-'));
}

/** The store's file name inside its folder. */
export const SPOOL_FILE = 'rows.jsonl';

/** Rows written once, then read in pages or scanned in order. */
export class RowSpool {
  private writer: RowStoreWriter | null;
  private stored: StoredRows | null;
  private handle: FileHandle | null = null;

  private constructor(
    private readonly dir: string,
    writer: RowStoreWriter | null,
    stored: StoredRows | null,
  ) {
    this.writer = writer;
    this.stored = stored;
  }

  /** Creates an empty spool in a new temporary folder (under `tempDir`, default the OS's), to append to. */
  static async create(tempDir?: string): Promise<RowSpool> {
    const dir = await makeSpoolDir(tempDir);
    return new RowSpool(dir, RowStoreWriter.create(path.join(dir, SPOOL_FILE)), null);
  }

  /** Adopts a store written elsewhere (by the reading worker) in `dir`; closing the spool deletes `dir`. */
  static async open(dir: string, stored: StoredRows): Promise<RowSpool> {
    const spool = new RowSpool(dir, null, stored);
    spool.handle = await open(stored.file, 'r');
    return spool;
  }

  /** How many rows are stored. */
  get count(): number {
    return this.stored?.count ?? this.writer?.count ?? 0;
  }

  /** Stores a row; call {@link finish} after the last one. */
  append(rowNumber: number, cells: ReadonlyArray<CellInput>, issues?: ReadonlyArray<string>): void {
    if (!this.writer) throw new Error('The preview rows are already stored.');
    this.writer.append(rowNumber, cells, issues);
  }

  /** Writes what is buffered; reading is possible after this. */
  async finish(): Promise<void> {
    if (!this.writer) return;
    this.stored = this.writer.finish();
    this.writer = null;
    this.handle = await open(this.stored.file, 'r');
  }

  /** The row number of the row at `index`. */
  rowNumberAt(index: number): number {
    return this.stored?.rowNumbers[index] ?? 0;
  }

  /** The index of the row with `rowNumber`, or -1 (row numbers ascend, so this is a binary search). */
  indexOfRow(rowNumber: number): number {
    const numbers = this.stored?.rowNumbers;
    if (!numbers) return -1;
    let lo = 0;
    let hi = numbers.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = numbers[mid] ?? 0;
      if (value === rowNumber) return mid;
      if (value < rowNumber) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Reads `limit` rows from `offset` (fewer at the end). */
  async read(offset: number, limit: number): Promise<SpooledRow[]> {
    const { stored, handle } = this;
    if (!stored || !handle) throw new Error('The preview rows are still being read.');
    const start = Math.max(0, Math.min(offset, stored.count));
    const end = Math.max(start, Math.min(stored.count, start + limit));
    if (end === start) return [];
    if (stored.kind === 'csv-text') {
      const read = await readCsvTextRows(handle, stored, start, end);
      return read.map(({ rowNumber, cells, issues }, i) =>
        issues ? { index: start + i, rowNumber, cells, issues } : { index: start + i, rowNumber, cells },
      );
    }
    const from = stored.offsets[start] ?? 0;
    const length = (stored.offsets[end] ?? 0) - from;
    const buffer = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await handle.read(buffer, got, length - got, from + got);
      if (bytesRead === 0) throw new Error('The preview row store ended early.');
      got += bytesRead;
    }
    const lines = buffer.toString('utf8', 0, length - 1).split('\n');
    const rows: SpooledRow[] = [];
    for (let i = start; i < end; i++) {
      const { cells, issues } = decodeRow(lines[i - start] ?? 'S');
      const rowNumber = stored.rowNumbers[i] ?? 0;
      // Two literals rather than a spread: this runs for every row of every scan.
      rows.push(issues ? { index: i, rowNumber, cells, issues } : { index: i, rowNumber, cells });
    }
    return rows;
  }

  /**
   * The rows at `indexes` (ascending), with as few disk reads as the store allows: one per run of
   * neighbouring rows, and for a CSV one per run of neighbouring pieces of its text, so a piece is
   * parsed once however many of the rows are in it.
   */
  async readAt(indexes: ReadonlyArray<number>): Promise<SpooledRow[]> {
    const { stored } = this;
    // A CSV's read spans neighbouring pieces, but no more rows than a scan batch: the rows between the
    // wanted ones are parsed too, and one problem row per piece over a long stretch would otherwise
    // turn a page into a read of the whole stretch.
    const neighbours =
      stored?.kind === 'csv-text'
        ? (start: number, last: number, next: number) =>
            next - start < SCAN_BATCH && pieceOfIndex(stored, next) <= pieceOfIndex(stored, last) + 1
        : (_start: number, last: number, next: number) => next === last + 1;
    const out: SpooledRow[] = [];
    for (let i = 0; i < indexes.length; i++) {
      const start = indexes[i] as number;
      const wanted = [start];
      while (
        i + 1 < indexes.length &&
        neighbours(start, wanted[wanted.length - 1] as number, indexes[i + 1] as number)
      ) {
        wanted.push(indexes[++i] as number);
      }
      const end = wanted[wanted.length - 1] as number;
      const rows = await this.read(start, end - start + 1);
      if (rows.length === wanted.length) out.push(...rows);
      else for (const index of wanted) out.push(rows[index - start] as SpooledRow);
    }
    return out;
  }

  /** Every row in order, in batches. */
  async *scan(signal?: AbortSignal): AsyncGenerator<SpooledRow[]> {
    const { stored } = this;
    for (let offset = 0; offset < this.count;) {
      signal?.throwIfAborted();
      // A CSV's batches end where a piece of its text ends, so no piece is parsed twice.
      const end =
        stored?.kind === 'csv-text'
          ? pieceEndIndex(stored, Math.min(this.count, offset + SCAN_BATCH) - 1)
          : offset + SCAN_BATCH;
      yield await this.read(offset, end - offset);
      offset = end;
    }
  }

  /** Closes and deletes the temporary file. */
  async close(): Promise<void> {
    this.writer?.close();
    this.writer = null;
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    await rm(this.dir, { recursive: true, force: true });
  }
}
