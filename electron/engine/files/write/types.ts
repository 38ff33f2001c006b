/** What a writer needs to know of a column: its header, and how to type its cells. */
export interface WriterColumn {
  readonly header: string;
  readonly kind: 'text' | 'number' | 'date' | 'datetime' | 'boolean';
  readonly width?: number;
}

/** One cell value handed to a writer. Dates are UTC instants (UTC midnight for date-only columns). */
export type CellOut = string | number | boolean | Date | null;

/** A line of the "About this export" sheet (XLSX) or of the report (CSV has no second sheet). */
export interface AboutLine {
  readonly label: string;
  readonly value: string;
}

/** A spreadsheet being written to a temporary file, renamed into place by `finish`. */
export interface SheetWriter {
  /** The file name the user chose; nothing exists there until `finish` succeeds. */
  readonly path: string;
  writeRow(cells: ReadonlyArray<CellOut>): Promise<void>;
  /** Completes the file and renames it into place; `about` lines go into a second sheet where the format has one. */
  finish(about?: ReadonlyArray<AboutLine>): Promise<void>;
  /** Removes the temporary file; safe to call after a failure or twice. */
  abort(): Promise<void>;
  /** Notes about cells the format could not hold as they are (e.g. Excel's cell length limit). */
  readonly warnings: ReadonlyArray<string>;
}
