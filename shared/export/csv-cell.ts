/**
 * How a CSV writer turns an extracted value into cell text: dates as ISO text, booleans as Excel
 * writes them, numbers as numbers, and text guarded against formula execution.
 */
import { guardFormula } from '../formula-guard.ts';
import { isoDay, isoTime } from '../values/text.ts';
import type { ExportKind, ExportValue } from './columns.ts';

/** The CSV text of one extracted value (before the writer's own quoting). */
export function toCsvCell(value: ExportValue, kind: ExportKind): string {
  if (value === null) return '';
  if (value instanceof Date) {
    return kind === 'datetime' ? `${isoDay(value)}T${isoTime(value)}Z` : isoDay(value);
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return guardFormula(value);
}
