/**
 * A file's data rows copied to disk, one line per row, with only their byte offsets and row numbers
 * in memory: the import preview's row store is written this way (by the reading worker, in the same
 * pass that parses the file) and read back in pages by the engine. The line format is private to this
 * module; `encodeRow` and `decodeRow` are exact inverses.
 */
import fs from 'node:fs';
import type { CellInput } from './types.ts';

/** A finished store: its file and, per row, where its line starts and its row number. */
export interface StoredRows {
  readonly file: string;
  readonly count: number;
  /** `count + 1` byte offsets: row i is the bytes from `offsets[i]` to `offsets[i + 1]` (its `\n` included). */
  readonly offsets: Float64Array<ArrayBuffer>;
  readonly rowNumbers: Float64Array<ArrayBuffer>;
}

/** Write buffer size: big enough that writing costs little next to parsing. */
const FLUSH_BYTES = 1 << 20;

/** A Float64Array that grows by doubling. */
export class GrowableNumbers {
  data: Float64Array<ArrayBuffer>;
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
  /** The values as an array of exactly `length` (a copy, so it can be transferred on its own). */
  toArray(): Float64Array<ArrayBuffer> {
    return this.data.slice(0, this.length);
  }
}

// Rows are stored one per line, in one of two forms. Text-only rows (every CSV row, without line breaks
// or control characters in a cell) as `S` + the cells joined by NUL, an empty cell as SOH: splitting
// that back is several times cheaper than JSON.parse. Every other row as `J` + JSON, a date cell as a
// one-element array of its epoch milliseconds.
const SEP = '\u0000';
const NULL_CELL = '\u0001';

/** True for text that cannot go into the plain form (it holds a separator or a line break). */
function unsafe(text: string): boolean {
  // A character loop: called for every cell of the file, and cheaper than a regular expression here.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 13 && (c === 0 || c === 1 || c === 10 || c === 13)) return true;
  }
  return false;
}

/** One row as a line (without its `\n`). */
export function encodeRow(
  cells: ReadonlyArray<CellInput>,
  issues: ReadonlyArray<string> | undefined,
): string {
  let plain = issues === undefined || issues.length === 0;
  let empties = false;
  for (let i = 0; plain && i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null) empties = true;
    else if (typeof cell !== 'string' || unsafe(cell)) plain = false;
  }
  // Every cell text: join builds the line in one go instead of a chain of concatenations.
  if (plain && !empties) return 'S' + (cells as ReadonlyArray<string>).join(SEP);
  if (plain) {
    let line = 'S';
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] ?? null;
      line += i === 0 ? (cell ?? NULL_CELL) : SEP + (cell ?? NULL_CELL);
    }
    return line;
  }
  const encoded = cells.map((cell) => (cell instanceof Date ? [cell.getTime()] : cell));
  return 'J' + JSON.stringify(issues && issues.length > 0 ? [encoded, issues] : [encoded]);
}

/** A line written by {@link encodeRow}, back to its cells and issues. */
export function decodeRow(line: string): { cells: CellInput[]; issues?: string[] } {
  if (line.charCodeAt(0) === 0x53 /* S */) {
    const cells: CellInput[] = line.slice(1).split(SEP);
    for (let i = 0; i < cells.length; i++) {
      // A length check first: most cells are longer than the one-character empty marker.
      const cell = cells[i] as string;
      if (cell.length === 1 && cell === NULL_CELL) cells[i] = null;
    }
    return { cells };
  }
  const [raw, issues] = JSON.parse(line.slice(1)) as [unknown[], string[]?];
  const cells = raw.map((cell): CellInput =>
    Array.isArray(cell) ? new Date(Number(cell[0])) : (cell as CellInput),
  );
  return issues ? { cells, issues } : { cells };
}

/**
 * Writes a store. Writes are synchronous and a megabyte at a time: the writer runs in the reading
 * worker, where blocking costs nothing, and one write per megabyte costs little anywhere else.
 */
export class RowStoreWriter {
  private readonly offsets = new GrowableNumbers();
  private readonly rowNumbers = new GrowableNumbers();
  // Lines are encoded straight into this buffer: one UTF-8 pass per line gives both its bytes and its
  // length (measuring it first and concatenating strings cost as much as parsing the CSV).
  private buffer = Buffer.allocUnsafe(FLUSH_BYTES);
  private used = 0;
  private written = 0;
  private fd: number | null;

  private constructor(
    readonly file: string,
    fd: number,
  ) {
    this.fd = fd;
    this.offsets.push(0);
  }

  /** Creates (or empties) `file` and returns a writer for it. */
  static create(file: string): RowStoreWriter {
    return new RowStoreWriter(file, fs.openSync(file, 'w'));
  }

  /** Rows appended so far. */
  get count(): number {
    return this.rowNumbers.length;
  }

  /** Appends one row. */
  append(rowNumber: number, cells: ReadonlyArray<CellInput>, issues?: ReadonlyArray<string>): void {
    const line = encodeRow(cells, issues);
    // A UTF-16 unit takes at most 3 UTF-8 bytes (a surrogate pair 4 for 2 units); +1 for the `\n`.
    const most = line.length * 3 + 1;
    if (this.used + most > this.buffer.length) {
      this.flush();
      if (most > this.buffer.length) this.buffer = Buffer.allocUnsafe(most);
    }
    const bytes = this.buffer.write(line, this.used, 'utf8') + 1;
    this.buffer[this.used + bytes - 1] = 0x0a;
    this.used += bytes;
    this.written += bytes;
    this.offsets.push(this.written);
    this.rowNumbers.push(rowNumber);
  }

  /** Writes what is buffered and closes the file. */
  finish(): StoredRows {
    this.flush();
    this.close();
    return {
      file: this.file,
      count: this.rowNumbers.length,
      offsets: this.offsets.toArray(),
      rowNumbers: this.rowNumbers.toArray(),
    };
  }

  /** Closes the file without finishing (after an error); the caller deletes it. */
  close(): void {
    if (this.fd === null) return;
    fs.closeSync(this.fd);
    this.fd = null;
  }

  private flush(): void {
    if (this.used === 0 || this.fd === null) return;
    const length = this.used;
    this.used = 0;
    for (let done = 0; done < length;) done += fs.writeSync(this.fd, this.buffer, done, length - done);
  }
}
