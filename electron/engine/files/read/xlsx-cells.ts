/**
 * Turns an exceljs cell value into what the user sees in Excel: formulas become their saved result,
 * rich text and hyperlinks their text, errors an empty cell with an issue, and numbers follow their
 * format — text-formatted numbers and zero-padded codes become text, date formats become dates
 * (at UTC midnight for date-only formats, so no time zone can shift the day), time formats `HH:MM`.
 */
import type { CellValue } from 'exceljs';
import { classifyFormat, renderPattern, renderTime } from './number-format.ts';
import type { CellInput } from './types.ts';

/** A converted cell and, when something is off, what to tell the user. */
export interface ConvertedCell {
  readonly value: CellInput;
  readonly issue?: string;
}

const DAY_MS = 86_400_000;
/** Days between Excel's 1900 epoch (as exceljs counts it) and 1970-01-01. */
const EPOCH_1900 = 25_569;
/** Excel keeps 15 significant digits; integers from here on may already be rounded. */
const MAX_EXACT_EXCEL_INTEGER = 1e15;

/** Converts one cell; `address` (e.g. `C5`) starts every issue message. */
export function convertCell(
  value: CellValue,
  numFmt: string | undefined,
  address: string,
  date1904: boolean,
): ConvertedCell {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'string') return { value: value === '' ? null : value };
  if (typeof value === 'number') return convertNumber(value, numFmt, address, date1904);
  if (typeof value === 'boolean') return { value };
  if (value instanceof Date) return convertDate(value, numFmt, date1904);
  if ('error' in value) {
    return { value: null, issue: `${address} shows the error ${value.error}; it is read as empty.` };
  }
  if ('richText' in value) return { value: emptyToNull(value.richText.map((r) => r.text).join('')) };
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    return { value: emptyToNull(richOrPlain(text)) };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result: unknown = value.result;
    if (result === undefined) {
      return {
        value: null,
        issue: `${address} holds a formula without a saved result; open the file in Excel, save it, and try again.`,
      };
    }
    if (typeof result === 'number' && Number.isNaN(result)) {
      return { value: null, issue: `${address} shows a formula error; it is read as empty.` };
    }
    if (isCellValue(result)) return convertCell(result, numFmt, address, date1904);
  }
  return { value: null, issue: `${address} holds a value Orgport cannot read; it is read as empty.` };
}

function convertNumber(
  value: number,
  numFmt: string | undefined,
  address: string,
  date1904: boolean,
): ConvertedCell {
  const format = classifyFormat(numFmt);
  switch (format.kind) {
    case 'text':
      return { value: plainText(value) };
    case 'date':
    case 'datetime':
      return convertDate(serialToDate(value, date1904), numFmt, date1904);
    case 'time':
      return { value: renderTime(value, format.seconds, format.elapsed) };
    case 'pattern':
      if (Number.isSafeInteger(value) && value >= 0) return { value: renderPattern(value, format.tokens) };
      break;
    case 'number':
      break;
  }
  if (Number.isInteger(value) && Math.abs(value) >= MAX_EXACT_EXCEL_INTEGER) {
    return {
      value,
      issue:
        `${address} holds ${String(value)}, a number with more digits than Excel keeps (15), so its last ` +
        `digits may be wrong. Format the column as Text in Excel and enter the values again.`,
    };
  }
  return { value };
}

/** exceljs dates are UTC renderings of the serial; date-only formats are cut to the day. */
function convertDate(value: Date, numFmt: string | undefined, date1904: boolean): ConvertedCell {
  const format = classifyFormat(numFmt);
  if (format.kind === 'date') return { value: new Date(Math.floor(value.getTime() / DAY_MS) * DAY_MS) };
  if (format.kind === 'time')
    return { value: renderTime(dateToSerial(value, date1904), format.seconds, format.elapsed) };
  return { value };
}

function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - EPOCH_1900 + (date1904 ? 1462 : 0)) * DAY_MS));
}

function dateToSerial(date: Date, date1904: boolean): number {
  return date.getTime() / DAY_MS + EPOCH_1900 - (date1904 ? 1462 : 0);
}

/** A number as Excel's General format shows it, without an exponent for ordinary integers. */
function plainText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
}

function richOrPlain(text: unknown): string {
  if (typeof text === 'string') return text;
  if (typeof text === 'object' && text !== null && 'richText' in text && Array.isArray(text.richText)) {
    return text.richText
      .map((r: unknown) => (typeof r === 'object' && r !== null && 'text' in r ? String(r.text) : ''))
      .join('');
  }
  return text === null || text === undefined ? '' : String(text);
}

function emptyToNull(text: string): string | null {
  return text === '' ? null : text;
}

function isCellValue(v: unknown): v is CellValue {
  return (
    v === null ||
    typeof v === 'string' ||
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    v instanceof Date ||
    (typeof v === 'object' && v !== null && ('error' in v || 'richText' in v))
  );
}
