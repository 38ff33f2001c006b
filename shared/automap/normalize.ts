/**
 * Header normalisation for auto-mapping. Every comparison goes through `compact()`, so "Postal code",
 * "postal_code", "PostalCode", "POSTAL-CODE" and "Postal code " are the same word, and accents do not
 * matter ("Société" = "societe"). Both sides (headers and field names/aliases) use the same function,
 * so the mapping stays consistent even for scripts without spaces (Japanese) or with marks (Cyrillic й).
 */

/** Letters that NFD does not decompose but spreadsheet users type interchangeably with ASCII. */
const FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * Removes what files leave around a header: a UTF-8 BOM (also one decoded wrongly as "ï»¿"),
 * zero-width characters, non-breaking spaces, surrounding quotes and repeated whitespace.
 */
export function cleanHeader(header: string): string {
  let text = header
    .replace(/^(?:\uFEFF|ï»¿|\uFFFE)+/u, '')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/[\u00A0\u2007\u202F\t\r\n]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  // A header quoted twice ("""Name""" read as "Name" in quotes) keeps its quotes in some exports.
  const quoted = /^(["'])(.*)\1$/u.exec(text);
  if (quoted?.[2] !== undefined) text = quoted[2].trim();
  return text;
}

/**
 * Lower-cased words of a header: camelCase split, accents and punctuation removed, `#` read as
 * "number" and `&` as "and" ("# of employees" = "Number of employees").
 */
export function headerWords(text: string): string[] {
  const cached = wordCache.get(text);
  if (cached !== undefined) return [...cached];
  const words = splitWords(text);
  // Field names and aliases are compared over and over; the cache is bounded so it cannot grow forever.
  if (wordCache.size >= 5000) wordCache.clear();
  wordCache.set(text, words);
  return [...words];
}

const wordCache = new Map<string, ReadonlyArray<string>>();

function splitWords(text: string): string[] {
  const spaced = cleanHeader(text)
    .normalize('NFKC')
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/#/gu, ' number ')
    .replace(/&/gu, ' and ')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
  let folded = '';
  for (const char of spaced) folded += FOLDS[char] ?? char;
  return folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
}

/** The form headers are compared in: the words of `headerWords` joined without spaces. */
export function compact(text: string): string {
  return headerWords(text).join('');
}

/** What a header says about itself besides its name: `(custom)`, `(<field key>)`, a duplicate number. */
export interface HeaderHints {
  /** The header without the decorations below. */
  readonly base: string;
  /** "(custom)" and similar: the user means the custom field of that name. */
  readonly custom: boolean;
  /** A bracketed text that may be a field key ("Website (9dc8…)"); checked against the fields later. */
  readonly bracketed: string | null;
  /** "Name (2)", "Name [2]", "Name.1": the file had this header twice and the reader numbered it. */
  readonly duplicate: boolean;
  /** A required marker or a trailing colon was removed ("Name *", "Name:"). */
  readonly decorated: boolean;
}

const CUSTOM_WORDS = new Set(['custom', 'customfield', 'benutzerdefiniert', 'personnalise', 'personalizado']);

/** Splits the decorations off a cleaned header; the base is what gets matched against names. */
export function headerHints(header: string): HeaderHints {
  let base = cleanHeader(header);
  let custom = false;
  let bracketed: string | null = null;
  let duplicate = false;
  let decorated = false;

  const marker = /^(.*?)\s*(?:\*+|:|\(required\)|\(optional\))$/iu.exec(base);
  if (marker?.[1]) {
    base = marker[1];
    decorated = true;
  }
  const numbered = /^(.+?)\s*(?:\((\d{1,3})\)|\[(\d{1,3})\]|\.(\d{1,3}))$/u.exec(base);
  if (numbered?.[1]) {
    base = numbered[1];
    duplicate = true;
  }
  const bracket = /^(.+?)\s*[([]([^()[\]]+)[)\]]$/u.exec(base);
  if (bracket?.[1] && bracket[2]) {
    base = bracket[1];
    const inner = bracket[2].trim();
    if (CUSTOM_WORDS.has(compact(inner))) custom = true;
    else bracketed = inner;
  }
  return { base: base.trim(), custom, bracketed, duplicate, decorated };
}

/**
 * Words that only say whose address/name a column holds ("Billing City", "Company website"): dropped
 * for a second, less confident lookup.
 */
const QUALIFIERS = new Set([
  'company',
  'companys',
  'organization',
  'organisation',
  'org',
  'account',
  'accounts',
  'billing',
  'shipping',
  'mailing',
  'main',
  'primary',
  'hq',
  'head',
  'office',
  'business',
  'registered',
  'legal',
  'physical',
  'visiting',
  'invoice',
  'firmen',
  'firma',
  'unternehmens',
  'rechnungs',
  'liefer',
  'entreprise',
  'societe',
  'de',
  'la',
  'du',
  'of',
  'the',
]);

/** The header's words with leading/trailing qualifier words removed, or null when nothing was dropped. */
export function withoutQualifiers(text: string): string | null {
  const words = headerWords(text);
  let start = 0;
  let end = words.length;
  while (start < end && QUALIFIERS.has(words[start] ?? '')) start += 1;
  while (end > start && QUALIFIERS.has(words[end - 1] ?? '')) end -= 1;
  if (start === end || (start === 0 && end === words.length)) return null;
  return words.slice(start, end).join(' ');
}

/** Prefixes other CRMs put before every column of an entity ("Organization - Name" in Pipedrive's export). */
export function withoutEntityPrefix(text: string): string | null {
  const match = /^(?:organi[sz]ation|org|company|account)\s*(?:-|–|—|:|>|\.)\s*(.+)$/iu.exec(
    cleanHeader(text),
  );
  return match?.[1] ?? null;
}
