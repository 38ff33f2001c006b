/**
 * The row store of a CSV: the file's text as it was parsed, a piece per parsed chunk, with only each
 * piece's place and first record number (and each row's number) in memory. A page of rows is read by
 * parsing its pieces again with the same settings and turning the records into rows exactly as the
 * reader did (csv-reader.ts `recordRow`, table.ts `alignRow`). Writing it costs one encoding of the
 * text per chunk, where building a line per row cost a fifth of opening the file.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import Papa, { type ParseResult } from 'papaparse';
import { quoteIssuesByRow, recordRow } from './csv-reader.ts';
import type { CsvTextLog } from './csv-text-log.ts';
import type { Layout } from './detect-header.ts';
import { GrowableNumbers, wellFormed } from './row-store.ts';
import { alignRow } from './table.ts';
import type { ReadRow } from './types.ts';

/** What parsing the text again takes: the reader's own settings and the layout it decided. */
export interface CsvTextSettings {
  /** The file the text came from (only named in messages). */
  readonly filePath: string;
  /**
   * True when the text cannot hold a lone surrogate: the file is UTF-8, whose decoder never makes one
   * (any other decoder might: UTF-16, UTF-7, CESU-8…), so its pieces are not checked.
   */
  readonly noLoneSurrogates: boolean;
  readonly delimiter: string;
  readonly newline: CsvTextLog['newline'];
  readonly layout: Layout;
}

/** A finished CSV store. Plain data and typed arrays, so it crosses a message port. */
export interface StoredCsvText {
  readonly kind: 'csv-text';
  readonly file: string;
  readonly count: number;
  /** Per data row, its row number (its record's number in the file). */
  readonly rowNumbers: Float64Array<ArrayBuffer>;
  /** Per piece, where its bytes start; one more entry than pieces, for the end of the last. */
  readonly pieceOffsets: Float64Array<ArrayBuffer>;
  /** Per piece, the number of its first record. */
  readonly pieceFirstRecords: Float64Array<ArrayBuffer>;
  /** Per piece, how many records it holds. */
  readonly pieceRecords: Float64Array<ArrayBuffer>;
  /** Per piece, 1 when it is stored as UTF-16 (its text has a lone surrogate, which UTF-8 cannot hold). */
  readonly pieceWide: Uint8Array<ArrayBuffer>;
  readonly settings: CsvTextSettings;
}

/** Writes the text the reader parsed, as the reader's log gives it, and the data rows' numbers. */
export class CsvTextStoreWriter {
  private readonly rowNumbers = new GrowableNumbers();
  private readonly offsets = new GrowableNumbers(256);
  private readonly firstRecords = new GrowableNumbers(256);
  private readonly records = new GrowableNumbers(256);
  private readonly wide = new GrowableNumbers(256);
  private written = 0;
  private buffer = Buffer.allocUnsafe(1 << 20);
  private fd: number | null;

  private constructor(
    readonly file: string,
    fd: number,
    private readonly log: CsvTextLog,
    private readonly settings: Omit<CsvTextSettings, 'newline'>,
  ) {
    this.fd = fd;
    this.offsets.push(0);
  }

  /** Creates (or empties) `file` and returns a writer taking its text from `log`. */
  static create(
    file: string,
    log: CsvTextLog,
    settings: Omit<CsvTextSettings, 'newline'>,
  ): CsvTextStoreWriter {
    return new CsvTextStoreWriter(file, fs.openSync(file, 'w'), log, settings);
  }

  /** Rows appended so far. */
  get count(): number {
    return this.rowNumbers.length;
  }

  /** Records the next data row; its cells are in the text (the reader parsed them from it). */
  append(rowNumber: number): void {
    this.rowNumbers.push(rowNumber);
    if (this.log.ready) this.writePieces();
  }

  /** Writes the rest of the text and closes the file. */
  finish(): StoredCsvText {
    this.writePieces();
    this.close();
    const count = this.rowNumbers.length;
    const pieces = this.records.length;
    const last = count === 0 ? 0 : this.rowNumbers.at(count - 1);
    if (
      count > 0 &&
      (pieces === 0 || last >= this.firstRecords.at(pieces - 1) + this.records.at(pieces - 1))
    ) {
      throw new Error(`The text of row ${last} of "${this.settings.filePath}" was not kept.`);
    }
    return {
      kind: 'csv-text',
      file: this.file,
      count,
      rowNumbers: this.rowNumbers.toArray(),
      pieceOffsets: this.offsets.toArray(),
      pieceFirstRecords: this.firstRecords.toArray(),
      pieceRecords: this.records.toArray(),
      pieceWide: Uint8Array.from(this.wide.toArray()),
      settings: { ...this.settings, newline: this.log.newline },
    };
  }

  /** Closes the file without finishing (after an error); the caller deletes it. */
  close(): void {
    if (this.fd === null) return;
    fs.closeSync(this.fd);
    this.fd = null;
  }

  private writePieces(): void {
    const fd = this.fd;
    if (fd === null) return;
    for (const piece of this.log.drain()) {
      const { parts } = piece;
      let chars = 0;
      for (const part of parts) chars += part.length;
      // Only a UTF-8 file's text is known to hold no lone surrogate; other text is checked whole.
      const text = this.settings.noLoneSurrogates ? null : parts.join('');
      const wide = text !== null && !wellFormed(text);
      const most = chars * (wide ? 2 : 3);
      if (most > this.buffer.length) this.buffer = Buffer.allocUnsafe(most);
      // Into one reused buffer: a new one per piece cost three times the encoding.
      let length = 0;
      if (text !== null) length = this.buffer.write(text, 0, wide ? 'utf16le' : 'utf8');
      else for (const part of parts) length += this.buffer.write(part, length, 'utf8');
      for (let done = 0; done < length;) done += fs.writeSync(fd, this.buffer, done, length - done);
      this.written += length;
      this.offsets.push(this.written);
      this.firstRecords.push(piece.firstRecord);
      this.records.push(piece.records);
      this.wide.push(wide ? 1 : 0);
    }
  }
}

/** The piece holding record `rowNumber` (pieces ascend by first record). */
function pieceOf(stored: StoredCsvText, rowNumber: number): number {
  const firsts = stored.pieceFirstRecords;
  let lo = 0;
  let hi = firsts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((firsts[mid] ?? 0) <= rowNumber) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The piece that holds the data row at `index`. */
export function pieceOfIndex(stored: StoredCsvText, index: number): number {
  return pieceOf(stored, stored.rowNumbers[index] ?? 0);
}

/** The index just past the last data row in the piece that holds the row at `index`. */
export function pieceEndIndex(stored: StoredCsvText, index: number): number {
  const piece = pieceOfIndex(stored, index);
  const next = stored.pieceFirstRecords[piece + 1];
  if (next === undefined) return stored.count;
  // The first row at or past the next piece's first record (row numbers ascend).
  const numbers = stored.rowNumbers;
  let lo = index + 1;
  let hi = stored.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((numbers[mid] ?? 0) < next) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function damaged(stored: StoredCsvText, rowNumber: number): Error {
  return new Error(
    `The preview's copy of row ${rowNumber} of "${stored.settings.filePath}" cannot be read back.`,
  );
}

/** A piece parsed again: its records and their quote problems. */
interface ParsedPiece {
  readonly records: string[][];
  readonly quotes: Map<number, string> | undefined;
}

/** Reads the data rows from index `start` to `end` (not included), as the reader gave them. */
export async function readCsvTextRows(
  handle: FileHandle,
  stored: StoredCsvText,
  start: number,
  end: number,
): Promise<ReadRow[]> {
  if (end <= start) return [];
  const { rowNumbers, pieceOffsets, settings } = stored;
  const firstPiece = pieceOfIndex(stored, start);
  const lastPiece = pieceOfIndex(stored, end - 1);
  const from = pieceOffsets[firstPiece] ?? 0;
  const length = (pieceOffsets[lastPiece + 1] ?? 0) - from;
  const buffer = Buffer.allocUnsafe(length);
  for (let got = 0; got < length;) {
    const { bytesRead } = await handle.read(buffer, got, length - got, from + got);
    if (bytesRead === 0) throw damaged(stored, rowNumbers[start] ?? 0);
    got += bytesRead;
  }
  // papaparse's own parser, as its streaming parse calls it (Papa.parse would strip a leading U+FEFF).
  const parsePiece = (piece: number): ParsedPiece => {
    const text = buffer.toString(
      stored.pieceWide[piece] === 1 ? 'utf16le' : 'utf8',
      (pieceOffsets[piece] ?? 0) - from,
      (pieceOffsets[piece + 1] ?? 0) - from,
    );
    const parser = new Papa.Parser({ delimiter: settings.delimiter, newline: settings.newline });
    const result = parser.parse(text, 0, false) as ParseResult<string[]>;
    return {
      records: result.data,
      quotes: result.errors.length > 0 ? quoteIssuesByRow(result.errors) : undefined,
    };
  };
  const rows: ReadRow[] = [];
  let piece = firstPiece;
  let parsed = parsePiece(piece);
  for (let i = start; i < end; i++) {
    const rowNumber = rowNumbers[i] ?? 0;
    while (piece < lastPiece && rowNumber >= (stored.pieceFirstRecords[piece + 1] ?? 0))
      parsed = parsePiece(++piece);
    const at = rowNumber - (stored.pieceFirstRecords[piece] ?? 0);
    const fields = at < (stored.pieceRecords[piece] ?? 0) ? parsed.records[at] : undefined;
    if (fields === undefined) throw damaged(stored, rowNumber);
    const row = alignRow(
      recordRow(settings.filePath, fields, rowNumber, parsed.quotes?.get(at)),
      settings.layout,
      true,
    );
    if (row === undefined) throw damaged(stored, rowNumber);
    rows.push(row);
  }
  return rows;
}
