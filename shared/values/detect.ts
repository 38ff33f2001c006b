/**
 * `detectColumnSettings`: looks at a column's sample cells and proposes how to read them (date order,
 * number separators, currency), with notes saying what was assumed so nothing is guessed silently.
 */
import type { MappingTarget } from '../mapping.ts';
import type { OrgField } from '../model.ts';
import { splitCurrency } from './currency.ts';
import { dateEvidence } from './dates.ts';
import { valueType } from './fields.ts';
import { separatorEvidence } from './numbers.ts';
import { stripInvisible } from './text.ts';
import { splitRange } from './times.ts';
import { DEFAULT_COLUMN_SETTINGS } from './types.ts';
import type { CellInput, ColumnSettings, DateOrder } from './types.ts';

/** Detected settings and the notes that explain them. */
export type DetectedSettings = ColumnSettings & { readonly notes: string[] };

function texts(samples: ReadonlyArray<CellInput>): string[] {
  return samples
    .filter((s): s is string => typeof s === 'string')
    .map((s) => stripInvisible(s).trim())
    .filter((s) => s !== '');
}

function detectDateOrder(
  samples: ReadonlyArray<CellInput>,
  ranged: boolean,
  notes: string[],
): ColumnSettings['dateOrder'] {
  const counts = { iso: 0, serial: 0, dmy: 0, mdy: 0, ambiguous: 0, same: 0 };
  let dots = 0;
  let twoDigit = 0;
  let numericCells = 0;
  for (const sample of samples) if (typeof sample === 'number') numericCells += 1;
  const pieces = texts(samples).flatMap((t) => (ranged ? (splitRange(t, false) ?? [t]) : [t]));
  for (const piece of pieces) {
    const evidence = dateEvidence(piece);
    if (evidence.kind) counts[evidence.kind] += 1;
    if (evidence.dots && evidence.kind !== null) dots += 1;
    if (evidence.twoDigitYear) twoDigit += 1;
  }
  if (twoDigit > 0)
    notes.push(`${twoDigit} date(s) have a two-digit year: 00–29 are read as 20xx, 30–99 as 19xx`);
  if (counts.dmy > 0 && counts.mdy > 0) {
    notes.push(
      `Dates are written both day-first (${counts.dmy}) and month-first (${counts.mdy}) — choose the order for this column`,
    );
    return 'ambiguous';
  }
  if (counts.dmy > 0) {
    notes.push('Dates read day-first (DD/MM/YYYY): some days are above 12');
    return 'dmy';
  }
  if (counts.mdy > 0) {
    notes.push('Dates read month-first (MM/DD/YYYY): some days are above 12');
    return 'mdy';
  }
  if (counts.ambiguous > 0) {
    const slashOrDash = counts.ambiguous + counts.same - dots;
    if (slashOrDash === 0) {
      // Dotted dates (31.12.2024) are day-first wherever they are used; say so rather than ask.
      notes.push('Dates with dots (DD.MM.YYYY) read day-first — change the order if that is wrong');
      return 'dmy';
    }
    notes.push('Every date could be day-first or month-first — choose the order for this column');
    return 'ambiguous';
  }
  const serials = counts.serial + numericCells;
  const order: DateOrder = serials > counts.iso ? 'serial' : 'iso';
  if (order === 'serial' && counts.serial > 0)
    notes.push('Numbers in this column are read as Excel date numbers');
  return order;
}

const LETTER = /\p{L}/u;

function detectSeparators(
  samples: ReadonlyArray<CellInput>,
  integer: boolean,
  notes: string[],
): Pick<ColumnSettings, 'decimalSeparator' | 'thousandsSeparator'> {
  const proven = { '.': 0, ',': 0 };
  let ambiguous: '.' | ',' | null = null;
  for (const text of texts(samples)) {
    const rest = splitCurrency(text).rest;
    // A letter means it is no number: separatorEvidence would find nothing in it.
    if (LETTER.test(rest)) continue;
    const evidence = separatorEvidence(rest);
    if (evidence.decimal) proven[evidence.decimal] += 1;
    if (evidence.ambiguous) ambiguous ??= evidence.ambiguous;
  }
  let decimal: '.' | ',';
  if (proven['.'] > 0 && proven[','] > 0) {
    decimal = proven['.'] >= proven[','] ? '.' : ',';
    notes.push(`Numbers mix "." and "," as decimal separator; reading "${decimal}" as the decimal separator`);
  } else if (proven['.'] > 0 || proven[','] > 0) {
    decimal = proven['.'] > 0 ? '.' : ',';
  } else if (ambiguous) {
    // `1,234` / `1.234` alone: whole-number fields are counts, so the separator groups thousands; for
    // other numbers we follow English usage and say so.
    decimal = integer ? (ambiguous === '.' ? ',' : '.') : '.';
    const reading = decimal === ambiguous ? 'a decimal (1.234)' : 'a whole number (1234)';
    notes.push(`"1${ambiguous}234" is read as ${reading} — change the decimal separator if that is wrong`);
  } else {
    decimal = DEFAULT_COLUMN_SETTINGS.decimalSeparator;
  }
  return { decimalSeparator: decimal, thousandsSeparator: decimal === '.' ? ',' : '.' };
}

function detectCurrency(samples: ReadonlyArray<CellInput>, notes: string[]): string | null {
  const found = new Set<string>();
  let without = 0;
  for (const text of texts(samples)) {
    const { currency } = splitCurrency(text);
    if (currency) found.add(currency);
    else without += 1;
  }
  for (const sample of samples) if (typeof sample === 'number') without += 1;
  if (found.size === 1) {
    const [only = null] = found;
    if (without > 0)
      notes.push(`Amounts without a currency are taken as ${only}, the currency the other cells use`);
    return only;
  }
  if (found.size > 1)
    notes.push(`Amounts use several currencies (${[...found].join(', ')}); each keeps its own`);
  if (without > 0 && found.size !== 1) {
    notes.push('Some amounts have no currency: map a currency column or choose a default currency');
  }
  return null;
}

/**
 * Proposes how to read a column mapped to `field`, from its sample cells. Pass the target when the
 * column holds one part of the field (`<key>.currency`, `<key>.until`), so the right things are checked.
 */
export function detectColumnSettings(
  samples: ReadonlyArray<CellInput>,
  field: OrgField,
  target?: MappingTarget,
): DetectedSettings {
  const notes: string[] = [];
  const type = valueType(field);
  let settings: ColumnSettings = DEFAULT_COLUMN_SETTINGS;
  if (target?.kind === 'part') {
    if (type === 'daterange') settings = { ...settings, dateOrder: detectDateOrder(samples, false, notes) };
    return { ...settings, notes };
  }
  if (type === 'date' || type === 'daterange') {
    settings = { ...settings, dateOrder: detectDateOrder(samples, type === 'daterange', notes) };
  }
  if (type === 'double' || type === 'int' || type === 'monetary') {
    settings = { ...settings, ...detectSeparators(samples, type === 'int', notes) };
  }
  if (type === 'monetary') settings = { ...settings, currency: detectCurrency(samples, notes) };
  return { ...settings, notes };
}
