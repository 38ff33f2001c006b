/**
 * The preview's row store. A 100,000-row file is read once, and its rows are kept on disk (one
 * line per row in a temporary file) with only their byte offsets and row numbers in memory, so the
 * preview can serve any page of rows, rescan the whole file when the mapping changes, and re-read a
 * row the user edits — at a memory cost that does not grow with the size of the cells.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CellInput } from '../../../shared/values/index.ts';

/** One stored row. */
export interface SpooledRow {
  /** 0-based position among the data rows. */
  readonly index: number;
  readonly rowNumber: number;
  readonly cells: CellInput[];
  /** The reader's notes about the row (ragged, a formula error read as empty…). */
  readonly issues?: ReadonlyArray<string>;
}

/** Write buffer size: big enough that writing costs little next to parsing. */
const FLUSH_BYTES = 1 << 20;
/** Rows read per disk read when scanning. */
const SCAN_BATCH = 2000;

/** A Float64Array that grows by doubling. */
class Growable {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  at(i: number): number {
    return this.data[i] ?? 0;
  }
}

// Rows are stored one per line, in one of two forms. Text-only rows (every CSV row, without line breaks
// or control characters in a cell) as `S` + the cells joined by NUL, an empty cell as SOH: splitting
// that back is several times cheaper than JSON.parse. Every other row as `J` + JSON, a date cell as a
// one-element array of its epoch milliseconds.
const SEP = '\u0000';
const NULL_CELL = '\u0001';
// eslint-disable-next-line no-control-regex -- NUL and SOH are this store's own separators, so they are looked for
const UNSAFE = /[\u0000\u0001\n\r]/;

/** True for text that cannot go into the plain form (it holds a separator or a line break). */
function unsafe(text: string): boolean {
  return UNSAFE.test(text);
}

function encodeLine(cells: ReadonlyArray<CellInput>, issues: ReadonlyArray<string> | undefined): string {
  let plain = issues === undefined || issues.length === 0;
  for (let i = 0; plain && i < cells.length; i++) {
    const cell = cells[i];
    if (cell !== null && (typeof cell !== 'string' || unsafe(cell))) plain = false;
  }
  if (plain) return 'S' + cells.map((cell) => (cell === null ? NULL_CELL : cell)).join(SEP);
  const encoded = cells.map((cell) => (cell instanceof Date ? [cell.getTime()] : cell));
  return 'J' + JSON.stringify(issues && issues.length > 0 ? [encoded, issues] : [encoded]);
}

function decodeLine(line: string): { cells: CellInput[]; issues?: string[] } {
  if (line.charCodeAt(0) === 0x53 /* S */) {
    const cells: CellInput[] = line.slice(1).split(SEP);
    for (let i = 0; i < cells.length; i++) if (cells[i] === NULL_CELL) cells[i] = null;
    return { cells };
  }
  const [raw, issues] = JSON.parse(line.slice(1)) as [unknown[], string[]?];
  const cells = raw.map((cell): CellInput =>
    Array.isArray(cell) ? new Date(Number(cell[0])) : (cell as CellInput),
  );
  return issues ? { cells, issues } : { cells };
}

/** Rows written once, then read in pages or scanned in order. */
export class RowSpool {
  private readonly offsets = new Growable();
  private readonly rowNumbers = new Growable();
  private pending: string[] = [];
  private pendingBytes = 0;
  private written = 0;
  private finished = false;

  private constructor(
    private readonly dir: string,
    private readonly handle: FileHandle,
  ) {
    this.offsets.push(0);
  }

  /** Creates an empty spool in a new temporary folder (under `tempDir`, default the OS's). */
  static async create(tempDir: string = os.tmpdir()): Promise<RowSpool> {
    const dir = await mkdtemp(path.join(tempDir, 'orgport-preview-'));
    const handle = await open(path.join(dir, 'rows.jsonl'), 'w+');
    return new RowSpool(dir, handle);
  }

  /** How many rows are stored. */
  get count(): number {
    return this.rowNumbers.length;
  }

  /**
   * Stores a row; call {@link finish} after the last one. Returns true when enough is buffered that
   * the caller should `await flush()` (kept synchronous so a 100,000-row read does not await per row).
   */
  append(rowNumber: number, cells: ReadonlyArray<CellInput>, issues?: ReadonlyArray<string>): boolean {
    const line = encodeLine(cells, issues) + '\n';
    const bytes = Buffer.byteLength(line);
    this.written += bytes;
    this.offsets.push(this.written);
    this.rowNumbers.push(rowNumber);
    this.pending.push(line);
    this.pendingBytes += bytes;
    return this.pendingBytes >= FLUSH_BYTES;
  }

  /** Writes what is buffered; reading is possible after this. */
  async finish(): Promise<void> {
    await this.flush();
    this.finished = true;
  }

  /** The row number of the row at `index`. */
  rowNumberAt(index: number): number {
    return this.rowNumbers.at(index);
  }

  /** The index of the row with `rowNumber`, or -1 (row numbers ascend, so this is a binary search). */
  indexOfRow(rowNumber: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = this.rowNumbers.at(mid);
      if (value === rowNumber) return mid;
      if (value < rowNumber) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Reads `limit` rows from `offset` (fewer at the end). */
  async read(offset: number, limit: number): Promise<SpooledRow[]> {
    if (!this.finished) throw new Error('The preview rows are still being read.');
    const start = Math.max(0, Math.min(offset, this.count));
    const end = Math.max(start, Math.min(this.count, start + limit));
    if (end === start) return [];
    const from = this.offsets.at(start);
    const length = this.offsets.at(end) - from;
    const buffer = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.handle.read(buffer, got, length - got, from + got);
      if (bytesRead === 0) throw new Error('The preview row store ended early.');
      got += bytesRead;
    }
    const lines = buffer.toString('utf8', 0, length - 1).split('\n');
    const rows: SpooledRow[] = [];
    for (let i = start; i < end; i++) {
      const { cells, issues } = decodeLine(lines[i - start] ?? 'S');
      rows.push({ index: i, rowNumber: this.rowNumbers.at(i), cells, ...(issues ? { issues } : {}) });
    }
    return rows;
  }

  /** Every row in order, in batches. */
  async *scan(signal?: AbortSignal): AsyncGenerator<SpooledRow[]> {
    for (let offset = 0; offset < this.count; offset += SCAN_BATCH) {
      signal?.throwIfAborted();
      yield await this.read(offset, SCAN_BATCH);
    }
  }

  /** Closes and deletes the temporary file. */
  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Writes the buffered rows to the file. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const data = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle.write(data, null, 'utf8');
  }
}
