/**
 * Just enough of Excel's number formats to read cells as the user sees them: which formats are
 * text, dates, times or date-times, and how a zero-padded pattern such as `00000` (ZIP codes) or
 * `000-000-0000` renders an integer. Everything else stays a plain number for the values module.
 */

/** What a number format makes of a number. */
export type FormatKind =
  | { readonly kind: 'number' }
  | { readonly kind: 'text' }
  | { readonly kind: 'date' }
  | { readonly kind: 'datetime' }
  | { readonly kind: 'time'; readonly seconds: boolean; readonly elapsed: boolean }
  | { readonly kind: 'pattern'; readonly tokens: ReadonlyArray<PatternToken> };

/** A digit placeholder (`0` pads, `#` does not) or literal text. */
export type PatternToken = { readonly digit: '0' | '#' } | { readonly literal: string };

const cache = new Map<string, FormatKind>();
const NUMBER: FormatKind = { kind: 'number' };

/** Classifies a number format string (cached: a workbook uses few distinct formats). */
export function classifyFormat(format: string | undefined): FormatKind {
  if (format === undefined || format === '') return NUMBER;
  let kind = cache.get(format);
  if (!kind) {
    kind = classify(format);
    cache.set(format, kind);
  }
  return kind;
}

/** Renders a non-negative safe integer with a digit pattern; leftover digits go in front. */
export function renderPattern(value: number, tokens: ReadonlyArray<PatternToken>): string {
  const digits = String(value).split('');
  const out: string[] = [];
  let leftmostDigit = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (token === undefined) continue;
    if ('literal' in token) {
      out.push(token.literal);
      continue;
    }
    const d = digits.pop();
    out.push(d ?? (token.digit === '0' ? '0' : ''));
    leftmostDigit = out.length - 1;
  }
  if (digits.length > 0 && leftmostDigit >= 0)
    out[leftmostDigit] = digits.join('') + (out[leftmostDigit] ?? '');
  return out.reverse().join('');
}

/** A serial time of day (or elapsed time) as `H:MM` or `H:MM:SS`, 24-hour clock. */
export function renderTime(serial: number, seconds: boolean, elapsed: boolean): string {
  const total = Math.round((elapsed ? serial : serial - Math.floor(serial)) * 86400);
  const h = Math.floor(total / 3600) % (elapsed ? Infinity : 24);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return seconds ? `${hm}:${String(s).padStart(2, '0')}` : hm;
}

function classify(format: string): FormatKind {
  const section = firstSection(format);
  if (/\[(<|>|=)/.test(section)) return NUMBER; // conditional sections: too rich to render here
  const elapsed = /\[(h+|m+|s+)\]/i.test(section);
  // Literals, colours, locales and padding never carry meaning for the kind.
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, '$1')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[_*]./g, '');
  if (bare.trim() === '@' || (bare.includes('@') && !/[0#?]/.test(bare))) return { kind: 'text' };
  if (bare.trim().toLowerCase() === 'general') return NUMBER;
  const lower = bare.toLowerCase().replace(/am\/pm|a\/p/g, 'h');
  const hasDate = /[yd]/.test(lower) || (/m/.test(lower) && !/[hs]/.test(lower));
  const hasTime = /[hs]/.test(lower);
  if (hasDate && hasTime) return { kind: 'datetime' };
  if (hasDate) return { kind: 'date' };
  if (hasTime) return { kind: 'time', seconds: /s/.test(lower), elapsed };
  return patternKind(section) ?? NUMBER;
}

/**
 * A pattern of digit placeholders and literals without decimals, grouping, percent or exponent —
 * and only when it changes what the user sees compared with the plain number (padding zeros or
 * literal text), so `0` and `#` stay numbers.
 */
function patternKind(section: string): FormatKind | undefined {
  const tokens: PatternToken[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] ?? '';
    if (ch === '0' || ch === '#') tokens.push({ digit: ch });
    else if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      if (end < 0) return undefined;
      tokens.push({ literal: section.slice(i + 1, end) });
      i = end;
    } else if (ch === '\\') {
      tokens.push({ literal: section[i + 1] ?? '' });
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      if (end < 0) return undefined;
      i = end; // colour or locale
    } else if (' -()+/'.includes(ch)) tokens.push({ literal: ch });
    else return undefined;
  }
  const zeros = tokens.filter((t) => 'digit' in t && t.digit === '0').length;
  const literals = tokens.some((t) => 'literal' in t && t.literal.trim() !== '');
  if (!tokens.some((t) => 'digit' in t) || (zeros < 2 && !literals)) return undefined;
  return { kind: 'pattern', tokens };
}

function firstSection(format: string): string {
  let inQuotes = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '\\') i++;
    else if (ch === ';' && !inQuotes) return format.slice(0, i);
  }
  return format;
}
