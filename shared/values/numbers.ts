/**
 * Numbers written in any common locale: `1 234,56`, `1.234,56`, `1,234.56`, `1'234.5`, NBSP or
 * narrow NBSP as thousands separators, `(1,234)` for negatives, a currency before or after.
 */
import type { ColumnSettings } from './types.ts';

/** Space-like characters that only ever separate thousands: space, NBSP, narrow NBSP, thin space, figure space. */
const SPACES = /[ \u00a0\u202f\u2009\u2007]/g;
/** Apostrophes used for thousands in Switzerland and Liechtenstein. */
const APOSTROPHES = /['\u2019]/g;
/** Plain numbers with an exponent, as JavaScript and some tools write very large or small numbers. */
const EXPONENT = /^[-+]?\d+(\.\d+)?[eE][-+]?\d+$/;

/** A number read from text, or why not. */
export type NumberParse = { ok: true; value: number } | { ok: false; reason: string };

/** An example in the column's format, for messages: `1,234.56` or `1.234,56`. */
export function numberExample(
  settings: Pick<ColumnSettings, 'decimalSeparator' | 'thousandsSeparator'>,
): string {
  const thousands = settings.thousandsSeparator ?? '';
  return `1${thousands}234${settings.decimalSeparator}56`;
}

/** Strips an accounting-style negative `(123)` and a sign, returning the unsigned body. */
function splitSign(text: string): { negative: boolean; body: string } {
  let body = text.trim().replace(/\u2212/g, '-');
  let negative = false;
  const paren = /^\((.*)\)$/s.exec(body);
  if (paren) {
    negative = true;
    body = (paren[1] ?? '').trim();
  }
  if (body.startsWith('-') || body.startsWith('+')) {
    negative = negative !== body.startsWith('-');
    body = body.slice(1).trim();
  }
  return { negative, body };
}

/**
 * Parses number text (currency already removed) with the column's separators. Spaces and apostrophes
 * are accepted as thousands separators in every column; `.`/`,` only as the column says.
 */
export function parseNumberText(
  text: string,
  settings: Pick<ColumnSettings, 'decimalSeparator' | 'thousandsSeparator'>,
): NumberParse {
  const { negative, body: signed } = splitSign(text);
  if (EXPONENT.test(signed)) return finish(negative, Number(signed));
  const dec = settings.decimalSeparator;
  const other = dec === '.' ? ',' : '.';
  const thousandsChars = new Set([' ', "'"]);
  if (settings.thousandsSeparator) thousandsChars.add(settings.thousandsSeparator);
  const body = signed.replace(SPACES, ' ').replace(APOSTROPHES, "'");
  if (!/^[\d.,' ]+$/.test(body) || !/\d/.test(body)) return { ok: false, reason: 'not a number' };
  if (body.includes(other) && !thousandsChars.has(other)) {
    return { ok: false, reason: `uses "${other}", but this column's decimal separator is "${dec}"` };
  }
  if (body.includes(dec) && body.lastIndexOf(other) > body.lastIndexOf(dec)) {
    return {
      ok: false,
      reason: `looks like it uses "${other}" as the decimal separator, but this column's is "${dec}"`,
    };
  }
  const decAt = thousandsChars.has(dec) ? -1 : body.indexOf(dec);
  if (decAt >= 0 && body.indexOf(dec, decAt + 1) >= 0) {
    return { ok: false, reason: `has more than one decimal separator "${dec}"` };
  }
  const intPart = decAt >= 0 ? body.slice(0, decAt) : body;
  const fracPart = decAt >= 0 ? body.slice(decAt + 1) : '';
  if (!/^\d*$/.test(fracPart)) return { ok: false, reason: 'has separators after the decimal separator' };
  const groups = intPart.split(/[.,' ]/);
  if (groups.length > 1) {
    // Grouped digits must look like thousands: 1–3 digits, then groups of exactly three.
    const [first, ...rest] = groups;
    if (!first || first.length > 3 || rest.some((g) => g.length !== 3)) {
      return { ok: false, reason: 'has thousands separators in the wrong places' };
    }
  }
  const digits = groups.join('');
  if (digits === '' && fracPart === '') return { ok: false, reason: 'not a number' };
  return finish(negative, Number(`${digits || '0'}.${fracPart || '0'}`));
}

function finish(negative: boolean, value: number): NumberParse {
  if (!Number.isFinite(value)) return { ok: false, reason: 'is too large' };
  // `-0` would compare unequal in some places and means nothing to a user.
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

/** What one text sample says about a column's separators. */
export interface SeparatorEvidence {
  /** The decimal separator this sample proves, if any. */
  decimal: '.' | ',' | null;
  /** True when the sample has one `.` or `,` followed by exactly three digits: `1,234` or `1.234`. */
  ambiguous: '.' | ',' | null;
  /** Space or apostrophe grouping seen. */
  groupedBy: ' ' | "'" | null;
}

/** Looks at one sample (currency and sign removed) for what it proves about the separators. */
export function separatorEvidence(text: string): SeparatorEvidence {
  const body = splitSign(text).body.replace(SPACES, ' ').replace(APOSTROPHES, "'");
  const groupedBy = /\d'\d/.test(body) ? "'" : /\d \d/.test(body) ? ' ' : null;
  const none: SeparatorEvidence = { decimal: null, ambiguous: null, groupedBy };
  if (EXPONENT.test(body) || !/^[\d.,' ]+$/.test(body)) return none;
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  if (dots > 0 && commas > 0)
    return { ...none, decimal: body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',' };
  const sep = dots > 0 ? '.' : commas > 0 ? ',' : null;
  if (!sep) return none;
  if (dots + commas > 1) return { ...none, decimal: sep === '.' ? ',' : '.' };
  const [before = '', after = ''] = body.split(sep);
  const intDigits = before.replace(/\D/g, '');
  // `1,234`: thousands or decimal? `12,5`, `1234,567` or `0,123` can only be decimal.
  const couldBeThousands =
    after.length === 3 && intDigits.length >= 1 && intDigits.length <= 3 && intDigits !== '0';
  return couldBeThousands ? { ...none, ambiguous: sep } : { ...none, decimal: sep };
}
