/**
 * Shapes of the spreadsheet readers: what `inspectFile` reports about a file and what `readRows`
 * yields. Cells are *raw* and typed as the user sees them; turning them into field values is the job
 * of the values module in `shared/`.
 */

/**
 * One cell as read from a file. CSV cells are always text or null; XLSX cells may be numbers,
 * booleans and dates (dates of date-only formats are at UTC midnight). Empty cells are null.
 */
export type CellInput = string | number | boolean | Date | null;

/** The formats Orgport reads. */
export type FileFormat = 'csv' | 'xlsx';

/** Options shared by `inspectFile` and `readRows`; each one overrides what would be detected. */
export interface ReadOptions {
  /** Text encoding of a CSV, as iconv-lite names it (`utf-8`, `utf-16le`, `windows-1252`, …). */
  readonly encoding?: string;
  /** CSV field delimiter: `,` `;` `\t` `|` (any single character is accepted). */
  readonly delimiter?: string;
  /** XLSX sheet, by name or 0-based position in the workbook's tab order. */
  readonly sheet?: string | number;
  /** 1-based row number of the header row as the user sees it; 0 means "no header row". */
  readonly headerRow?: number;
  /** Largest file accepted, in bytes (default {@link DEFAULT_MAX_BYTES}). */
  readonly maxBytes?: number;
  /** Cancels a read; the reader then throws a `FileReadError` with code `aborted`. */
  readonly signal?: AbortSignal;
}

/** Default size limit: large enough for a million-row CSV, small enough to refuse a disk image. */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/** Most columns a file may have: Excel's own limit (column XFD), far beyond any import. */
export const MAX_COLUMNS = 16_384;

/** How the encoding of a CSV was decided. */
export type EncodingSource = 'bom' | 'utf8-check' | 'utf16-pattern' | 'chardet' | 'option';

/** The text encoding of a CSV. */
export interface EncodingInfo {
  /** iconv-lite name, lower case: `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`, `windows-1251`, … */
  readonly name: string;
  /** Length in bytes of the byte-order mark at the start of the file (0 when there is none). */
  readonly bomBytes: number;
  readonly source: EncodingSource;
}

/** One sheet of a workbook, from the workbook's index and the start of the sheet (cheap to get). */
export interface SheetSummary {
  readonly name: string;
  /** 0-based position in the workbook's tab order. */
  readonly index: number;
  readonly hidden: boolean;
  /** True when the sheet holds no value at all. */
  readonly empty: boolean;
  /** Approximate number of rows (the sheet's used range, or an estimate from its size). */
  readonly rows: number;
  /** Approximate number of columns (the sheet's used range, or the widest row seen). */
  readonly columns: number;
}

/** Why a header was renamed to make the headers unique and non-empty. */
export type HeaderNoteReason = 'empty' | 'duplicate';

/** A header that is not exactly the text of the header cell; shown next to the column. */
export interface HeaderNote {
  /** 0-based column index. */
  readonly column: number;
  /** Spreadsheet column letter (`A`, `B`, … `AA`). */
  readonly letter: string;
  /** The header cell's text ('' when empty or when there is no header cell). */
  readonly original: string;
  /** The header Orgport uses. */
  readonly header: string;
  readonly reason: HeaderNoteReason;
}

/** Something about the file worth showing that does not stop the import. */
export interface FileWarning {
  readonly code: 'ragged-row' | 'no-data-rows' | 'wrong-extension' | 'sep-line' | 'undecodable-text';
  readonly message: string;
  readonly rowNumber?: number;
}

/** One data row, aligned to the headers. */
export interface ReadRow {
  /** 1-based row number as the user sees it in a spreadsheet program (CSV: record number). */
  readonly rowNumber: number;
  /** One cell per header, in header order (padded with null). */
  readonly cells: CellInput[];
  /** Problems with this row's cells, each starting with the cell's address or the row. */
  readonly issues?: string[];
}

/** Everything the import screen shows about a file before the user maps its columns. */
export interface FileSummary {
  readonly path: string;
  /** Base name, used in messages. */
  readonly fileName: string;
  readonly format: FileFormat;
  /** Size in bytes. */
  readonly size: number;
  /** CSV only. */
  readonly encoding?: EncodingInfo;
  /** CSV only: the field delimiter used. */
  readonly delimiter?: string;
  /** XLSX only: every sheet in tab order. */
  readonly sheets?: ReadonlyArray<SheetSummary>;
  /** XLSX only: the sheet read (the requested one, or the first visible non-empty one). */
  readonly sheet?: string;
  /** 1-based header row; 0 when the file is read without a header row. */
  readonly headerRow: number;
  /** Whether the header row was detected or given in the options. */
  readonly headerRowSource: 'detected' | 'option';
  /** Unique, non-empty column headers, one per column. */
  readonly headers: ReadonlyArray<string>;
  /** Headers that were renamed, and why. */
  readonly headerNotes: ReadonlyArray<HeaderNote>;
  /** Number of non-blank data rows: exact when the whole file was read, else an estimate. */
  readonly dataRows: { readonly count: number; readonly exact: boolean };
  /** The first data rows (about 20), for the preview. */
  readonly sampleRows: ReadonlyArray<ReadRow>;
  readonly warnings: ReadonlyArray<FileWarning>;
}

/** A row as a format reader produces it, before header detection and alignment (internal). */
export interface RawRow {
  /** 1-based row number as the user sees it. */
  readonly rowNumber: number;
  /** Cells from column A on; CSV rows keep every field, XLSX rows end at the last stored cell. */
  readonly cells: CellInput[];
  readonly issues?: string[];
}
