/**
 * Conversions compiled per column: `compileCoerce` (coerceCell with the field, its type and its
 * conversion looked up once) and `compileQuickCoerce` (the usual cells of text and number columns
 * converted without a result object). Both give exactly what `coerceCell` gives.
 */
import { unguardFormula } from '../formula-guard.ts';
import type { MappingTarget } from '../mapping.ts';
import { isAddressPart } from './address.ts';
import { coerceCell, coerceNumber, coerceText, plainNumber, prepare } from './coerce.ts';
import type { Present } from './coerce.ts';
import type { CoerceContext } from './context.ts';
import { isSingleLine, maxLength, partsOf, valueType } from './fields.ts';
import type { ValueType } from './fields.ts';
import { stripInvisible } from './text.ts';
import type { CellInput, CellValue, CoerceResult, ColumnSettings } from './types.ts';

/**
 * `coerceCell` for one column, worked out once: the field, its type and the conversion it needs are
 * looked up when the column is set up instead of for every cell. For any cell it gives exactly what
 * `coerceCell(cell, target, ctx, settings)` gives; targets without a shortcut simply call it.
 */
export function compileCoerce(
  target: MappingTarget,
  ctx: CoerceContext,
  settings: ColumnSettings,
): (cell: CellInput) => CoerceResult {
  const generic = (cell: CellInput): CoerceResult => coerceCell(cell, target, ctx, settings);
  if (target.kind === 'id') return generic;
  const field = ctx.fieldByKey.get(target.key);
  if (!field || !field.writable) return generic;
  const type = valueType(field);
  const textType = plainTextType(target, type);
  let convert: ((present: Present) => CoerceResult) | null = null;
  if (textType !== null) convert = (present) => coerceText(present, field, textType);
  else if (target.kind === 'field' && (type === 'double' || type === 'int'))
    convert = (present) => coerceNumber(present, field, type, settings);
  if (convert === null) return generic;
  const known = convert;
  return (cell) => {
    const present = prepare(cell, ctx);
    if (present === null) return { kind: 'empty' };
    if (typeof present === 'number' && Number.isNaN(present)) return { kind: 'empty' };
    return known(present);
  };
}

/**
 * The text type a column's cells are read as when they are plain text: an address part (or its
 * `value`) as one line, a text-like field as its own type; null for every other column.
 */
function plainTextType(target: MappingTarget, type: ValueType): ValueType | null {
  if (target.kind === 'part') {
    const { part } = target;
    const known = type === 'address' && partsOf(type).includes(part);
    return known && (part === 'value' || isAddressPart(part)) ? 'varchar' : null;
  }
  const textLike =
    type === 'varchar' ||
    type === 'varchar_auto' ||
    type === 'phone' ||
    type === 'text' ||
    type === 'address';
  return textLike ? type : null;
}

/**
 * True when both ends of a text cell are visible characters other than the formula guard: then it
 * has nothing to strip, unguard or trim, and is not empty. (Printable ASCII and the next few
 * thousand code points, none of which is whitespace or invisible; anything else is looked at fully.)
 */
function plainEdges(text: string, csv: boolean): boolean {
  const length = text.length;
  if (length === 0) return false;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(length - 1);
  return (
    ((first > 0x20 && first < 0x7f) || (first > 0xa0 && first < 0x1680)) &&
    (first !== 0x27 || !csv) &&
    ((last > 0x20 && last < 0x7f) || (last > 0xa0 && last < 0x1680))
  );
}

/** What a quick conversion gives for a cell it cannot settle: the column's full conversion must. */
export const NOT_QUICK: unique symbol = Symbol('not quick');

/**
 * A column's conversion for the cells most columns hold, without a result object per cell: the value
 * of a cell that converts without a note, null for an empty cell, {@link NOT_QUICK} for anything
 * else (errors included), which the full conversion then decides.
 */
export type QuickCoerce = (cell: CellInput) => CellValue | null | typeof NOT_QUICK;

/**
 * The quick conversion of a column (see {@link QuickCoerce}), or null when its target has none. For
 * every cell it gives NOT_QUICK or exactly what `coerceCell` gives: null for `empty`, the value of a
 * `value` without a note. Text and number columns have one: the cells of those convert to themselves.
 */
export function compileQuickCoerce(
  target: MappingTarget,
  ctx: CoerceContext,
  settings: ColumnSettings,
): QuickCoerce | null {
  if (target.kind === 'id') return null;
  const field = ctx.fieldByKey.get(target.key);
  if (!field || !field.writable) return null;
  const type = valueType(field);
  const csv = ctx.source === 'csv';
  const textType = plainTextType(target, type);
  if (textType !== null) {
    const trim = isSingleLine(textType);
    const max = maxLength(textType) ?? 255;
    return (cell) => {
      if (typeof cell !== 'string') return cell === null || cell === undefined ? null : NOT_QUICK;
      // Most cells: nothing to strip, unguard or trim, so the cell is its value.
      if (plainEdges(cell, csv)) return cell.length > max ? NOT_QUICK : cell;
      // prepare, then coerceText: the same steps without the result object.
      let text = stripInvisible(cell);
      if (csv && text.charCodeAt(0) === 0x27) text = unguardFormula(text);
      const trimmed = text.trim();
      if (trimmed === '') return null;
      const value = trim ? trimmed : text;
      return value.length > max ? NOT_QUICK : value;
    };
  }
  if (target.kind === 'field' && (type === 'double' || type === 'int')) {
    const whole = type === 'int';
    return (cell) => {
      if (cell === null || cell === undefined) return null;
      let value: number | null = null;
      if (typeof cell === 'number') {
        if (Number.isNaN(cell)) return null;
        if (Number.isFinite(cell)) value = cell;
      } else if (typeof cell === 'string') {
        // Digits and a point have nothing to strip or unguard: most cells are read as they are.
        value = plainNumber(cell, settings);
        if (value === null) {
          let text = stripInvisible(cell);
          if (csv && text.charCodeAt(0) === 0x27) text = unguardFormula(text);
          value = plainNumber(text, settings);
          // coerceNumber reads the text as prepare leaves it (untrimmed): plain text has nothing to trim.
          if (value === null && text.trim() === '') return null;
        }
      }
      if (value === null || (whole && !Number.isSafeInteger(value))) return NOT_QUICK;
      return value;
    };
  }
  return null;
}
