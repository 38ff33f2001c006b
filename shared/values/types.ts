/**
 * Types shared by the value module: what a reader hands over per cell, the per-column settings, and
 * what converting one cell yields.
 */

/**
 * One cell as the file readers give it: CSV gives strings; XLSX gives typed values, where a Date is a
 * calendar date at UTC midnight or a UTC date-time.
 */
export type CellInput = string | number | boolean | Date | null;

/** How day/month order is read from text dates in one column. */
export type DateOrder = 'iso' | 'dmy' | 'mdy' | 'serial';

/** A character that may separate thousands in a number (spaces of every width are always accepted too). */
export type ThousandsSeparator = ',' | '.' | ' ' | "'";

/**
 * Per-column reading settings: detected from the column's samples by `detectColumnSettings` and
 * overridable by the user.
 */
export interface ColumnSettings {
  /**
   * How to read `03/04/2024`-style dates. `ambiguous` means detection could not tell day-first from
   * month-first, so every cell whose two readings differ is an error until the user chooses.
   * Unambiguous cells (ISO, `13/04/2024`, Excel serials, real dates) are read under every setting.
   */
  readonly dateOrder: DateOrder | 'ambiguous';
  /** The decimal separator of text numbers. */
  readonly decimalSeparator: '.' | ',';
  /** The thousands separator of text numbers; `null` allows none but spaces and apostrophes. */
  readonly thousandsSeparator: ThousandsSeparator | null;
  /** Currency for monetary amounts that carry none; `null` falls back to the context's default. */
  readonly currency: string | null;
}

/** Settings for a column nothing is known about: ISO dates, `1,234.56` numbers. */
export const DEFAULT_COLUMN_SETTINGS: ColumnSettings = {
  dateOrder: 'iso',
  decimalSeparator: '.',
  thousandsSeparator: ',',
  currency: null,
};

/** A monetary amount read from one cell, with the currency found in the cell or the column default. */
export interface MonetaryAmount {
  readonly amount: number;
  /** ISO code, or null when neither the cell nor a default gave one (a currency column must then). */
  readonly currency: string | null;
  /** True when the currency was written in the cell itself (`EUR 1.200,50`), not a default. */
  readonly currencyFromCell: boolean;
}

/** A date or time range written in one cell (`2024-01-01 – 2024-02-01`). */
export interface RangeCell {
  readonly value: string;
  readonly until: string;
}

/**
 * The outcome of converting one cell. A `value` may carry a `note` the preview shows as a soft
 * warning (for instance a two-digit year that was read as 20xx).
 */
export type CoerceResult =
  | { readonly kind: 'empty' }
  | { readonly kind: 'value'; readonly value: CellValue; readonly note?: string }
  | {
      readonly kind: 'error';
      readonly message: string;
      /** What the column accepts, for a tooltip (e.g. the option labels). */
      readonly accepted?: string;
      /** The closest acceptable value, when there is one ("did you mean"). */
      readonly suggestion?: string;
    };

/**
 * A converted cell value, by target:
 * - `id`, numbers, enum / user / org / people / owner / visibility: `number`;
 * - text, phone, date (`YYYY-MM-DD`), time (`HH:MM:SS`), currency parts, address and its parts: `string`;
 * - set and labels: `number[]`; boolean: `boolean`;
 * - monetary amount: {@link MonetaryAmount}; a date/time range in one cell: {@link RangeCell}.
 */
export type CellValue = string | number | boolean | ReadonlyArray<number> | MonetaryAmount | RangeCell;

/** One problem found while assembling a write body, tied to the field it concerns. */
export interface AssembleError {
  readonly key: string;
  readonly message: string;
}
