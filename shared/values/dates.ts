/**
 * Dates: ISO text, Excel serial numbers, real dates from XLSX, and day-first / month-first text with
 * `/`, `.` or `-`. All math is in UTC so a date never moves by a day with the computer's time zone.
 */
import { isoDay, quote } from './text.ts';
import type { CoerceResult, ColumnSettings } from './types.ts';

/** The largest Excel serial (31 Dec 9999). */
const MAX_SERIAL = 2_958_465;
const DAY_MS = 86_400_000;
/** Excel day 0 is 1899-12-30 for serials from 61 on (Excel pretends 1900 was a leap year). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ].*)?$/s;
const COMPACT = /^(19|20)(\d{2})(\d{2})(\d{2})$/;
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:[T ,]+.*)?$/s;
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[\s\-.]+([A-Za-z]{3,})\.?[\s\-.,]+(\d{4}|\d{2})$/;
const MONTH_NAME_DAY = /^([A-Za-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}|\d{2})$/;
const SERIAL_TEXT = /^\d{1,7}(\.\d+)?$/;

/** The calendar day of an Excel serial number (the time of day is dropped), or null when out of range. */
export function serialToDay(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL + 1) return null;
  const day = Math.floor(serial);
  if (day === 60) return null; // 1900-02-29, a day that never existed
  const ms = day < 60 ? Date.UTC(1899, 11, 31) + day * DAY_MS : EXCEL_EPOCH + day * DAY_MS;
  return isoDay(new Date(ms));
}

/** The Excel serial of a `YYYY-MM-DD` day (for tests and for writers that need numbers). */
export function dayToSerial(day: string): number {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - EXCEL_EPOCH) / DAY_MS);
}

/** Builds `YYYY-MM-DD` when the parts name a real day, else null. */
function makeDay(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC treats years 0–99 as 1900–1999; our years are ≥ 1000, so only overflow needs checking.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? isoDay(date) : null;
}

/** Two-digit years are read like Excel reads them: 00–29 → 2000s, 30–99 → 1900s. */
function fullYear(text: string): { year: number; twoDigit: boolean } {
  const n = Number(text);
  if (text.length > 2) return { year: n, twoDigit: false };
  return { year: n < 30 ? 2000 + n : 1900 + n, twoDigit: true };
}

function monthFromName(name: string): number | null {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex((m) => m === lower || (lower.length >= 3 && m.startsWith(lower)));
  return index >= 0 ? index + 1 : null;
}

function spell(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTH_NAMES[(m ?? 1) - 1]} ${y}`;
}

/** What one sample says about a column's date order. */
export type DateEvidence = 'iso' | 'serial' | 'dmy' | 'mdy' | 'ambiguous' | 'same' | null;

/** Classifies one text sample for detection; `dots` tells whether it used `.` (German-style). */
export function dateEvidence(text: string): { kind: DateEvidence; dots: boolean; twoDigitYear: boolean } {
  const t = text.trim();
  const numeric = NUMERIC.exec(t);
  if (numeric) {
    const a = Number(numeric[1]);
    const b = Number(numeric[3]);
    const dots = numeric[2] === '.';
    const twoDigitYear = (numeric[4] ?? '').length === 2;
    const kind: DateEvidence =
      a === b ? 'same' : a > 12 && b <= 12 ? 'dmy' : b > 12 && a <= 12 ? 'mdy' : a <= 12 ? 'ambiguous' : null;
    return { kind, dots, twoDigitYear };
  }
  if (YMD.test(t) || COMPACT.test(t) || DAY_MONTH_NAME.test(t) || MONTH_NAME_DAY.test(t)) {
    return { kind: 'iso', dots: false, twoDigitYear: false };
  }
  return { kind: SERIAL_TEXT.test(t) ? 'serial' : null, dots: false, twoDigitYear: false };
}

/** A parsed day, or why the text is not one. */
type DayParse = { ok: true; day: string; note?: string } | { ok: false; message: string };

const ORDER_NAMES = { dmy: 'day-first (DD/MM/YYYY)', mdy: 'month-first (MM/DD/YYYY)' } as const;

function twoDigitNote(text: string, day: string): string {
  return `${quote(text)} has a two-digit year — read as ${day.slice(0, 4)}`;
}

/** Reads date text; the column's order decides only the cells whose two readings differ. */
export function parseDayText(text: string, settings: Pick<ColumnSettings, 'dateOrder'>): DayParse {
  const t = text.trim();
  const bad: DayParse = {
    ok: false,
    message: `${quote(t)} is not a date — use YYYY-MM-DD (e.g. 2024-03-31), DD/MM/YYYY or MM/DD/YYYY`,
  };
  const ymd = YMD.exec(t) ?? COMPACT.exec(t);
  if (ymd) {
    const [year, month, day] = YMD.test(t)
      ? [Number(ymd[1]), Number(ymd[3]), Number(ymd[4])]
      : [Number(`${ymd[1]}${ymd[2]}`), Number(ymd[3]), Number(ymd[4])];
    const out = makeDay(year, month, day);
    return out ? { ok: true, day: out } : { ok: false, message: `${quote(t)} is not a real date` };
  }
  const numeric = NUMERIC.exec(t);
  if (numeric) {
    const a = Number(numeric[1]);
    const b = Number(numeric[3]);
    const { year, twoDigit } = fullYear(numeric[4] ?? '');
    let order: 'dmy' | 'mdy';
    if (settings.dateOrder === 'dmy' || settings.dateOrder === 'mdy') order = settings.dateOrder;
    else if (a === b || a > 12) order = 'dmy';
    else if (b > 12) order = 'mdy';
    else {
      const asDmy = makeDay(year, b, a);
      const asMdy = makeDay(year, a, b);
      return {
        ok: false,
        message:
          `${quote(t)}: ambiguous date — choose day-first or month-first for this column` +
          (asDmy && asMdy ? ` (it could be ${spell(asDmy)} or ${spell(asMdy)})` : ''),
      };
    }
    const out = order === 'dmy' ? makeDay(year, b, a) : makeDay(year, a, b);
    if (!out) {
      // Month 13 means the order is wrong for this cell; 31 April is simply not a day.
      const month = order === 'dmy' ? b : a;
      return {
        ok: false,
        message:
          month > 12 && order === settings.dateOrder
            ? `${quote(t)} is not a date in this column's ${ORDER_NAMES[order]} order`
            : `${quote(t)} is not a real date`,
      };
    }
    return twoDigit ? { ok: true, day: out, note: twoDigitNote(t, out) } : { ok: true, day: out };
  }
  const named = DAY_MONTH_NAME.exec(t);
  const reversed = named ? null : MONTH_NAME_DAY.exec(t);
  if (named || reversed) {
    const [dayText, monthText, yearText] = named
      ? [named[1], named[2], named[3]]
      : [reversed?.[2], reversed?.[1], reversed?.[3]];
    const month = monthFromName(monthText ?? '');
    if (!month) return bad;
    const { year, twoDigit } = fullYear(yearText ?? '');
    const out = makeDay(year, month, Number(dayText));
    if (!out) return { ok: false, message: `${quote(t)} is not a real date` };
    return twoDigit ? { ok: true, day: out, note: twoDigitNote(t, out) } : { ok: true, day: out };
  }
  if (SERIAL_TEXT.test(t) && settings.dateOrder === 'serial') {
    const out = serialToDay(Number(t));
    if (out) return { ok: true, day: out };
  }
  return bad;
}

/** Reads a date cell of any kind into `YYYY-MM-DD`. */
export function coerceDay(cell: string | number | boolean | Date, settings: ColumnSettings): CoerceResult {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { kind: 'error', message: 'The cell holds an invalid date' };
    return { kind: 'value', value: isoDay(cell) };
  }
  if (typeof cell === 'number') {
    const day = serialToDay(cell);
    return day
      ? { kind: 'value', value: day }
      : { kind: 'error', message: `${cell} is not a date (as an Excel date number it is out of range)` };
  }
  if (typeof cell === 'boolean') return { kind: 'error', message: `${quote(String(cell))} is not a date` };
  const parsed = parseDayText(cell, settings);
  if (!parsed.ok) return { kind: 'error', message: parsed.message };
  return parsed.note
    ? { kind: 'value', value: parsed.day, note: parsed.note }
    : { kind: 'value', value: parsed.day };
}
