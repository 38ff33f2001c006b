/**
 * A file's data rows copied to disk, one line per row, with only their byte offsets and row numbers
 * in memory: the import preview's row store is written this way (by the reading worker, in the same
 * pass that parses the file) and read back in pages by the engine. The line format is private to this
 * module; `encodeRow` and `decodeRow` are exact inverses, and a line never holds a `\n` or a lone
 * surrogate, so it goes through UTF-8 unchanged.
 */
import fs from 'node:fs';
import type { CellInput } from './types.ts';

/** A finished store: its file and, per row, where its line starts and its row number. */
export interface StoredLines {
  readonly kind: 'lines';
  readonly file: string;
  readonly count: number;
  /** `count + 1` byte offsets: row i is the bytes from `offsets[i]` to `offsets[i + 1]` (its `\n` included). */
  readonly offsets: Float64Array<ArrayBuffer>;
  readonly rowNumbers: Float64Array<ArrayBuffer>;
}

/** Write buffer size: big enough that writing costs little next to parsing. */
const FLUSH_BYTES = 1 << 20;
/** Characters of cells gathered before they are turned into lines and encoded in one go. */
const BATCH_CHARS = 1 << 14;

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

// A row is stored in one of two forms.
// Text (rows of text and empty cells, without issues: every CSV row): NUL (BEL when a cell holds a
// line break), then each cell followed by a NUL, a null cell as nothing, a line break in a cell as
// ACK. The writer builds these lines for many rows at once — one native join, one check and one
// UTF-8 encoding for the whole batch, then its line breaks fixed in the bytes — because work per
// row, let alone per character, in JavaScript costs more than parsing the CSV did.
// JSON (everything else: typed XLSX cells, issues, the rare text a text line cannot hold): `J` +
// JSON, a date as a one-element array of its epoch milliseconds (null when invalid), a number JSON
// cannot write (NaN, ±Infinity, -0) as `{"n": "<its text>"}`.
const SEP = '\u0000';
/** Ends a row inside a batch; the writer turns it into `\n` once the batch is bytes. */
const ROW_END = '\u0005';
/** Stands for a line break inside a cell of the text form. */
const BREAK = '\u0006';
/** Starts a text line with a {@link BREAK}, so that reading the others needs no search for one. */
const BROKEN = '\u0007';
const LF = 0x0a;
/** U+FFFD in UTF-8: what a lone surrogate becomes when it is encoded. */
const REPLACEMENT = Buffer.from('\ufffd', 'utf8');

/** Per cell count, the test a batch of text rows passes: no NUL, ROW_END or BREAK inside a cell. */
const batchTests = new Map<number, RegExp>();
function batchTest(count: number): RegExp {
  let test = batchTests.get(count);
  if (test === undefined) {
    // One pass of compiled code over the batch, counting the separators: faster than a loop over the
    // characters, and a cell holding a NUL cannot pass for two cells.
    test = new RegExp(`^(?:\\0(?:[^\\0\\x05\\x06]*\\0){${count}}\\x05)*$`);
    batchTests.set(count, test);
  }
  return test;
}

/** Lone surrogates: UTF-8 cannot hold them (they would come back as U+FFFD). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isWellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;
/** True when `text` has no lone surrogate (a native scan where the runtime has one). */
export function wellFormed(text: string): boolean {
  return isWellFormed ? isWellFormed.call(text) : !LONE_SURROGATE.test(text);
}
/** A cell as JSON can hold it (see the forms above). */
function toJson(cell: CellInput): unknown {
  if (cell instanceof Date) {
    const time = cell.getTime();
    return [Number.isNaN(time) ? null : time];
  }
  if (typeof cell === 'number' && (!Number.isFinite(cell) || Object.is(cell, -0))) {
    return { n: Object.is(cell, -0) ? '-0' : String(cell) };
  }
  return cell;
}

function fromJson(cell: unknown): CellInput {
  if (cell === null || typeof cell !== 'object') return cell as CellInput;
  if (Array.isArray(cell)) return new Date(cell[0] === null ? Number.NaN : Number(cell[0]));
  return Number((cell as { n: string }).n);
}

/** True when a row can take the text form: text and null cells only (no ''), no issues. */
function isTextRow(cells: ReadonlyArray<CellInput>, issues: ReadonlyArray<string> | undefined): boolean {
  if (cells.length === 0 || (issues !== undefined && issues.length > 0)) return false;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (typeof cell === 'string' ? cell.length === 0 : cell !== null) return false;
  }
  return true;
}

/** One row as a line (without its `\n`). */
export function encodeRow(
  cells: ReadonlyArray<CellInput>,
  issues: ReadonlyArray<string> | undefined,
): string {
  if (isTextRow(cells, issues)) {
    // As the writer does it for a batch of one row (see RowStoreWriter.writeBatch).
    const text = ['', ...cells.map((c) => c ?? ''), ROW_END].join(SEP);
    if (batchTest(cells.length).test(text) && wellFormed(text)) {
      const line = text.slice(0, -1);
      return line.indexOf('\n') === -1 ? line : BROKEN + line.slice(1).replaceAll('\n', BREAK);
    }
  }
  const json = cells.map(toJson);
  return 'J' + JSON.stringify(issues && issues.length > 0 ? [json, issues] : [json]);
}

/** A line written by {@link encodeRow}, back to its cells and issues. */
export function decodeRow(line: string): { cells: CellInput[]; issues?: string[] } {
  const first = line.charCodeAt(0);
  if (first === 0 || first === 7) {
    let text = line.slice(1, -1);
    if (first === 7) text = text.replaceAll(BREAK, '\n');
    const cells: CellInput[] = text.split(SEP);
    for (let i = 0; i < cells.length; i++) if ((cells[i] as string).length === 0) cells[i] = null;
    return { cells };
  }
  const [json, issues] = JSON.parse(line.slice(1)) as [unknown[], string[]?];
  const cells = json.map(fromJson);
  return issues ? { cells, issues } : { cells };
}

/**
 * Writes a store. Writes are synchronous and a megabyte at a time: the writer runs in the reading
 * worker, where blocking costs nothing, and one write per megabyte costs little anywhere else.
 */
export class RowStoreWriter {
  private readonly offsets = new GrowableNumbers();
  private readonly rowNumbers = new GrowableNumbers();
  // Text rows wait here as their cells (null as '') each row followed by ROW_END, all of the same
  // width, until about BATCH_CHARS characters are gathered.
  private parts: string[] = [''];
  private width = 0;
  private chars = 0;
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
    this.rowNumbers.push(rowNumber);
    const count = cells.length;
    if (count !== this.width && this.parts.length > 1) this.writePending();
    const parts = this.parts;
    const start = parts.length;
    let chars = this.chars;
    let text = count > 0 && (issues === undefined || issues.length === 0);
    for (let i = 0; text && i < count; i++) {
      const cell = cells[i];
      if (typeof cell === 'string') {
        if (cell.length === 0) text = false;
        chars += cell.length;
        parts.push(cell);
      } else if (cell === null) {
        parts.push('');
      } else {
        text = false;
      }
    }
    if (text) {
      parts.push(ROW_END);
      this.width = count;
      // The separators count too, or a batch of wide empty rows would never end.
      this.chars = chars += count + 1;
      if (chars >= BATCH_CHARS) this.writePending();
      return;
    }
    parts.length = start;
    this.writePending();
    this.writeLine(encodeRow(cells, issues));
  }

  /** Writes what is buffered and closes the file. */
  finish(): StoredLines {
    this.writePending();
    this.flush();
    this.close();
    return {
      kind: 'lines',
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

  /** Turns the waiting rows into lines and puts them in the buffer. */
  private writePending(): void {
    const parts = this.parts;
    if (parts.length === 1) return;
    const width = this.width;
    this.parts = [''];
    this.chars = 0;
    if (this.writeBatch(parts, width)) return;
    // Some cell holds a character the batch form reserves: each row on its own.
    for (let at = 1; at < parts.length; at += width + 1) {
      const cells = parts.slice(at, at + width).map((c) => (c === '' ? null : c));
      this.writeLine(encodeRow(cells, undefined));
    }
  }

  /**
   * Writes text rows of `width` cells each, given as their cells (null as '') each row followed by
   * {@link ROW_END}, after a leading ''. False, with nothing written, when a cell cannot go in the
   * text form.
   */
  private writeBatch(parts: ReadonlyArray<string>, width: number): boolean {
    const text = parts.join(SEP);
    if (!batchTest(width).test(text)) return false;
    const start = this.reserve(text.length);
    const end = start + this.buffer.write(text, start, 'utf8');
    const bytes = this.buffer.subarray(start, end);
    // A lone surrogate would come back as U+FFFD: look for one only when the bytes hold a U+FFFD.
    if (bytes.indexOf(REPLACEMENT) !== -1 && !wellFormed(text)) return false;
    // UTF-8 never uses a byte below 0x80 inside a character, so these are the characters themselves:
    // line breaks in cells become BREAK, ROW_ENDs line ends, and a line with a BREAK starts with BROKEN.
    const firstBreak = bytes.indexOf(LF);
    for (let at = firstBreak; at !== -1; at = bytes.indexOf(LF, at + 1)) bytes[at] = 0x06;
    const base = this.written;
    const rows = (parts.length - 1) / (width + 1);
    for (let i = 0, at = -1, nextBreak = firstBreak; i < rows; i++) {
      const lineStart = at + 1;
      at = bytes.indexOf(0x05, lineStart);
      if (nextBreak !== -1 && nextBreak < at) {
        bytes[lineStart] = 0x07;
        nextBreak = bytes.indexOf(0x06, at);
      }
      bytes[at] = LF;
      this.offsets.push(base + at + 1);
    }
    this.used = end;
    this.written = base + (end - start);
    return true;
  }

  /** Writes one line (given without its `\n`). */
  private writeLine(line: string): void {
    const start = this.reserve(line.length + 1);
    const end = start + this.buffer.write(line, start, 'utf8');
    this.buffer[end] = LF;
    this.used = end + 1;
    this.written += end + 1 - start;
    this.offsets.push(this.written);
  }

  /** Makes room in the buffer for `chars` UTF-16 units of text; returns where to write them. */
  private reserve(chars: number): number {
    // A UTF-16 unit takes at most 3 UTF-8 bytes (a surrogate pair 4 for 2 units).
    const most = chars * 3;
    if (this.used + most > this.buffer.length) {
      this.flush();
      if (most > this.buffer.length) this.buffer = Buffer.allocUnsafe(most);
    }
    return this.used;
  }

  private flush(): void {
    if (this.used === 0 || this.fd === null) return;
    const length = this.used;
    this.used = 0;
    for (let done = 0; done < length;) done += fs.writeSync(this.fd, this.buffer, done, length - done);
  }
}
