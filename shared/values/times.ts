/**
 * Times of day (`HH:MM[:SS]`, `9:00 AM`, Excel time fractions, XLSX time cells) and ranges written in
 * one cell (`2024-01-01 – 2024-02-01`, `09:00-17:00`).
 */
import { isoTime, quote } from './text.ts';
import type { CoerceResult } from './types.ts';

const TWENTY_FOUR = /^(\d{1,2})[:.h](\d{2})(?::(\d{2})(?:\.\d+)?)?$/i;
const TWELVE = /^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*([ap])\.?\s*m\.?$/i;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Reads time text into `HH:MM:SS`, or null. */
export function parseTimeText(text: string): string | null {
  const t = text.trim();
  const twelve = TWELVE.exec(t);
  if (twelve) {
    const hour = Number(twelve[1]);
    const minute = Number(twelve[2] ?? 0);
    const second = Number(twelve[3] ?? 0);
    if (hour < 1 || hour > 12 || minute > 59 || second > 59) return null;
    const pm = (twelve[4] ?? '').toLowerCase() === 'p';
    return `${pad((hour % 12) + (pm ? 12 : 0))}:${pad(minute)}:${pad(second)}`;
  }
  const day = TWENTY_FOUR.exec(t);
  if (day) {
    const hour = Number(day[1]);
    const minute = Number(day[2]);
    const second = Number(day[3] ?? 0);
    if (hour > 23 || minute > 59 || second > 59) return null;
    return `${pad(hour)}:${pad(minute)}:${pad(second)}`;
  }
  return null;
}

/** Reads a time cell of any kind: text, an Excel day fraction, or an XLSX time (a Date on 1899-12-30). */
export function coerceTime(cell: string | number | boolean | Date): CoerceResult {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { kind: 'error', message: 'The cell holds an invalid time' };
    return { kind: 'value', value: isoTime(cell) };
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) return { kind: 'error', message: `${cell} is not a time of day` };
    // A date-time serial carries the time in its fraction; round to whole seconds.
    const seconds = Math.min(Math.round((cell - Math.floor(cell)) * 86_400), 86_399);
    return {
      kind: 'value',
      value: `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`,
    };
  }
  const text = String(cell);
  const time = parseTimeText(text);
  return time
    ? { kind: 'value', value: time }
    : { kind: 'error', message: `${quote(text)} is not a time — use HH:MM (e.g. 14:30) or 2:30 PM` };
}

/**
 * Splits a range written in one cell. Dashes between dates need spaces around them (dates contain
 * hyphens); en and em dashes, `to`, `until` and `..` work either way; times may use a bare hyphen.
 */
export function splitRange(text: string, bareHyphen: boolean): readonly [string, string] | null {
  const separator = bareHyphen
    ? /\s*(?:[-–—]|\.\.)\s*|\s+(?:to|until|till)\s+/i
    : /\s*(?:[–—]|\.\.)\s*|\s+(?:-|to|until|till)\s+/i;
  const parts = text.trim().split(separator);
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return [parts[0], parts[1]];
}
