/**
 * `coerceCell`: one spreadsheet cell → the value of the field (or field part) its column is mapped
 * to. The preview and the import job both call it, so what the preview shows is what gets sent.
 */
import { unguardFormula } from '../formula-guard.ts';
import type { MappingTarget } from '../mapping.ts';
import type { OrgField } from '../model.ts';
import { isAddressPart } from './address.ts';
import type { CoerceContext } from './context.ts';
import { parseCurrencyCell, splitCurrency } from './currency.ts';
import { coerceDay } from './dates.ts';
import { isSingleLine, maxLength, partsOf, valueType } from './fields.ts';
import type { ValueType } from './fields.ts';
import { numberExample, parseNumberText } from './numbers.ts';
import { coerceBoolean, coerceEnum, coerceSet, coerceVisibility } from './options.ts';
import { coerceId, coerceUser } from './owners.ts';
import { cellText, quote, stripInvisible } from './text.ts';
import { coerceTime, splitRange } from './times.ts';
import type { CellInput, CoerceResult, ColumnSettings } from './types.ts';

/** A cell with something in it (what `prepare` leaves). */
export type Present = string | number | boolean | Date;

/** Empty cells, the CSV formula guard and invisible edge characters are dealt with before anything else. */
export function prepare(cell: CellInput, ctx: CoerceContext): Present | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell !== 'string') return cell;
  let text = stripInvisible(cell);
  // The guard always starts with an apostrophe; most cells do not, and skip the expression.
  if (ctx.source === 'csv' && text.charCodeAt(0) === 0x27) text = unguardFormula(text);
  return text.trim() === '' ? null : text;
}

function error(message: string): CoerceResult {
  return { kind: 'error', message };
}

/** A text-like field's value: one line trimmed (multi-line text as is), at most its length. */
export function coerceText(cell: Present, field: OrgField, type: ValueType): CoerceResult {
  const raw = cellText(cell);
  const text = isSingleLine(type) ? raw.trim() : raw;
  const max = maxLength(type) ?? 255;
  if (text.length > max) {
    return error(
      `${quote(text)} is ${text.length.toLocaleString('en-US')} characters long — "${field.name}" takes at most ${max.toLocaleString('en-US')}`,
    );
  }
  return { kind: 'value', value: text };
}

/** Powers of ten up to 10^15, all exact doubles. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The value of text `parseNumberText` would read exactly as `Number` does, or null: 1 to 15 digits,
 * or (in a column whose decimal separator is the point) 1 to 15 digits, a point and 1 to 15 digits.
 * Most number cells are plain like this, and skip the locale-aware parse (no sign, currency or
 * grouping to decide). Read character by character rather than by expressions and `Number`: with
 * at most 15 digits in all, the digits make an exact integer and dividing it by an exact power of
 * ten rounds once — to the double nearest the text, which is what `Number` gives.
 */
export function plainNumber(text: string, settings: ColumnSettings): number | null {
  const length = text.length;
  if (length === 0 || length > 31) return null;
  let digits = 0;
  let point = -1;
  let mantissa = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      mantissa = mantissa * 10 + (code - 0x30);
      digits += 1;
    } else if (code === 0x2e && point < 0) point = i;
    else return null;
  }
  if (point < 0) return digits <= 15 ? mantissa : null;
  if (settings.decimalSeparator !== '.' || settings.thousandsSeparator === '.') return null;
  const decimals = length - point - 1;
  if (point < 1 || point > 15 || decimals < 1 || decimals > 15) return null;
  return digits <= 15 ? mantissa / (POWERS_OF_TEN[decimals] as number) : Number(text);
}

/** A number field's value, in the column's separators; whole numbers only for `int`. */
export function coerceNumber(
  cell: Present,
  field: OrgField,
  type: ValueType,
  settings: ColumnSettings,
): CoerceResult {
  let value: number;
  const plain = typeof cell === 'string' ? plainNumber(cell, settings) : null;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell))
      return error(
        `The cell is not a number — "${field.name}" takes numbers like ${numberExample(settings)}`,
      );
    value = cell;
  } else if (plain !== null) {
    value = plain;
  } else {
    const example = numberExample(settings);
    const text = cellText(cell);
    const parsed =
      cell instanceof Date || typeof cell === 'boolean'
        ? null
        : parseNumberText(splitCurrency(text).rest, settings);
    if (!parsed?.ok) {
      const why = parsed && parsed.reason !== 'not a number' ? `: it ${parsed.reason}` : '';
      return error(`${quote(text)} is not a number${why} — "${field.name}" takes numbers like ${example}`);
    }
    value = parsed.value;
  }
  if (type === 'int' && !Number.isInteger(value)) {
    return error(
      `${quote(String(typeof cell === 'number' ? cell : cellText(cell)))} is not a whole number — "${field.name}" takes whole numbers only`,
    );
  }
  if (type === 'int' && !Number.isSafeInteger(value))
    return error(`${value} is too large for "${field.name}"`);
  return { kind: 'value', value };
}

function coerceMoney(
  cell: Present,
  field: OrgField,
  ctx: CoerceContext,
  settings: ColumnSettings,
): CoerceResult {
  const fallback = settings.currency ?? ctx.defaultCurrency;
  if (typeof cell === 'number') {
    const n = coerceNumber(cell, field, 'double', settings);
    if (n.kind !== 'value' || typeof n.value !== 'number') return n;
    return { kind: 'value', value: { amount: n.value, currency: fallback, currencyFromCell: false } };
  }
  const text = cellText(cell);
  const { rest, currency } = splitCurrency(text);
  const parsed = parseNumberText(rest, settings);
  if (!parsed.ok) {
    const why = parsed.reason !== 'not a number' ? `: it ${parsed.reason}` : '';
    const example = numberExample(settings);
    return error(
      `${quote(text)} is not an amount${why} — "${field.name}" takes amounts like ${example}, EUR ${example} or $${example}`,
    );
  }
  return {
    kind: 'value',
    value: { amount: parsed.value, currency: currency ?? fallback, currencyFromCell: currency !== null },
  };
}

function coerceCurrency(cell: Present, field: OrgField): CoerceResult {
  const text = cellText(cell);
  const code = parseCurrencyCell(text);
  return code
    ? { kind: 'value', value: code }
    : error(`${quote(text)} is not a currency — "${field.name}" needs a 3-letter code such as EUR or USD`);
}

function coerceDateLike(
  cell: Present,
  field: OrgField,
  type: ValueType,
  settings: ColumnSettings,
): CoerceResult {
  const isTime = type === 'time' || type === 'timerange';
  const one = (c: Present): CoerceResult => (isTime ? coerceTime(c) : coerceDay(c, settings));
  if (type === 'daterange' || type === 'timerange') {
    const halves = typeof cell === 'string' ? splitRange(cell, isTime) : null;
    if (halves) {
      const start = one(halves[0]);
      const end = one(halves[1]);
      if (start.kind !== 'value') return start;
      if (end.kind !== 'value') return end;
      const value = String(start.value);
      const until = String(end.value);
      if (!isTime && until < value)
        return error(`${quote(cell as string)} ends before it starts — "${field.name}" needs start ≤ end`);
      const note = [start, end].map((r) => (r.kind === 'value' ? r.note : undefined)).find(Boolean);
      return note
        ? { kind: 'value', value: { value, until }, note }
        : { kind: 'value', value: { value, until } };
    }
  }
  return one(cell);
}

/** A time zone by its IANA name, in any case ("europe/berlin" → "Europe/Berlin"). */
function coerceTimeZone(cell: Present, field: OrgField): CoerceResult {
  const text = String(cell).trim();
  try {
    // Intl knows the IANA names and spells them canonically; it throws a RangeError for others.
    const name = new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
    return { kind: 'value', value: name };
  } catch {
    return error(
      `${quote(text)} is not a time zone for "${field.name}" — use an IANA name such as Europe/Berlin or America/New_York`,
    );
  }
}

function coercePart(
  cell: Present,
  field: OrgField,
  type: ValueType,
  part: string,
  settings: ColumnSettings,
): CoerceResult {
  if (!partsOf(type).includes(part)) {
    const known = partsOf(type);
    return error(
      `"${field.name}" has no part "${part}"` + (known.length ? ` (its parts: ${known.join(', ')})` : ''),
    );
  }
  if (type === 'monetary') return coerceCurrency(cell, field);
  if (part === 'timezone') return coerceTimeZone(cell, field);
  if (type === 'daterange') return coerceDay(cell, settings);
  if (type === 'timerange') return coerceTime(cell);
  if (part === 'value' || isAddressPart(part)) return coerceText(cell, field, 'varchar');
  return error(`"${field.name}" has no part "${part}"`);
}

/** Converts one cell for its column's target, using the column's settings. */
export function coerceCell(
  cell: CellInput,
  target: MappingTarget,
  ctx: CoerceContext,
  settings: ColumnSettings,
): CoerceResult {
  const present = prepare(cell, ctx);
  if (present === null) return { kind: 'empty' };
  if (typeof present === 'number' && Number.isNaN(present)) return { kind: 'empty' };
  if (target.kind === 'id') {
    return present instanceof Date || typeof present === 'boolean'
      ? error(`${quote(cellText(present))} is not an ID — "ID" needs a whole number such as 42`)
      : coerceId(present, 'ID');
  }
  const field = ctx.fieldByKey.get(target.key);
  if (!field) return error(`The column is mapped to "${target.key}", which is not an organization field`);
  if (!field.writable) return error(`"${field.name}" is read-only in Pipedrive and cannot be imported`);
  const type = valueType(field);
  if (target.kind === 'part') return coercePart(present, field, type, target.part, settings);
  const scalar: string | number = typeof present === 'number' ? present : cellText(present);
  switch (type) {
    case 'varchar':
    case 'varchar_auto':
    case 'phone':
    case 'text':
    case 'address':
      return coerceText(present, field, type);
    case 'double':
    case 'int':
      return coerceNumber(present, field, type, settings);
    case 'monetary':
      return coerceMoney(present, field, ctx, settings);
    case 'date':
    case 'daterange':
    case 'time':
    case 'timerange':
      return coerceDateLike(present, field, type, settings);
    case 'enum':
      return coerceEnum(scalar, field, ctx.optionsOf(field));
    case 'set':
      return coerceSet(scalar, field, ctx.optionsOf(field));
    case 'user':
      return coerceUser(scalar, field, ctx.users);
    case 'org':
    case 'people':
      return coerceId(scalar, field.name);
    case 'visible_to':
      return coerceVisibility(scalar, field);
    case 'boolean':
      return typeof present === 'boolean' ? coerceBoolean(present, field) : coerceBoolean(scalar, field);
    case 'datetime':
    case 'status':
    case 'picture':
      return error(`"${field.name}" cannot be imported`);
  }
}
