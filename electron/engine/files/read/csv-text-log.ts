/** The CSV reader's record of the text it parsed, for the import's row store (see CsvTextLog). */

/**
 * The text of the file as parsed, a piece per parsed chunk with the records it holds: the import's
 * row store keeps this text and parses a piece again when its rows are asked for
 * (csv-text-store.ts), rather than copying every row. Pieces wait here until {@link drain}ed.
 */
export class CsvTextLog {
  /**
   * Decoded text not yet parsed into records, from character {@link pendingStart} of the file's text,
   * as the decoder gave it: kept in parts and cut with slices, so no text is copied until it is written.
   */
  private pending: string[] = [];
  private pendingStart = 0;
  private pieces: CsvTextPiece[] = [];
  /** The line break the parser settled on (papaparse decides it from the first chunk). */
  newline: '\n' | '\r' | '\r\n' = '\n';

  /** Text decoded and handed to the parser. */
  fed(text: string): void {
    if (text.length > 0) this.pending.push(text);
  }

  /** The parser turned the text up to character `cursor` into `records` records, the first numbered `firstRecord`. */
  parsed(cursor: number, firstRecord: number, records: number): void {
    let length = cursor - this.pendingStart;
    if (length <= 0 || records === 0) return;
    const parts: string[] = [];
    const pending = this.pending;
    while (length > 0 && pending.length > 0) {
      const part = pending[0] as string;
      if (part.length <= length) {
        parts.push(part);
        pending.shift();
        length -= part.length;
      } else {
        parts.push(part.slice(0, length));
        pending[0] = part.slice(length);
        length = 0;
      }
    }
    this.pieces.push({ parts, firstRecord, records });
    this.pendingStart = cursor;
  }

  /** True when pieces are waiting. */
  get ready(): boolean {
    return this.pieces.length > 0;
  }

  /** The pieces parsed since the last call, in order. */
  drain(): CsvTextPiece[] {
    const pieces = this.pieces;
    this.pieces = [];
    return pieces;
  }
}

/**
 * A stretch of the file's text that holds whole records, in the parts the decoder gave it (a record
 * ends at a line break, so no part boundary splits a character).
 */
export interface CsvTextPiece {
  readonly parts: ReadonlyArray<string>;
  /** The row number of its first record (0 for Excel's "sep=" line, which is not counted). */
  readonly firstRecord: number;
  readonly records: number;
}
