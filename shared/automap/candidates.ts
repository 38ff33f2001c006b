/**
 * The targets one header could mean, best first, each with a confidence and the way it was found:
 * exact key, exact name, normalised name, compound "field + part" headers, built-in aliases, the same
 * after dropping qualifier words ("Billing City"), and finally fuzzy similarity.
 */
import type { MappingTarget } from '../mapping.ts';
import { formatTarget } from '../mapping.ts';
import { exportHeaderTargets } from '../export/columns.ts';
import type { OrgField } from '../model.ts';
import {
  ADDRESS_PART_WORDS,
  AMOUNT_WORDS,
  CURRENCY_WORDS,
  HEADER_ALIASES,
  START_WORDS,
  TIMEZONE_WORDS,
  UNTIL_WORDS,
} from './aliases.ts';
import { editDistance } from './edit-distance.ts';
import {
  cleanHeader,
  compact,
  headerHints,
  headerWords,
  withoutEntityPrefix,
  withoutQualifiers,
} from './normalize.ts';
import { partsOf } from './targets.ts';

/** How a column's target was found; `previous` and `none` are set by `autoMap` itself. */
export type MatchMethod = 'previous' | 'key' | 'name' | 'normalized' | 'alias' | 'fuzzy' | 'none';

/** One possible target for a header. `field` is null for the Pipedrive ID. */
export interface Candidate {
  readonly target: MappingTarget;
  readonly field: OrgField | null;
  readonly confidence: number;
  readonly method: MatchMethod;
  readonly note?: string;
}

/** Alias text (compact) → target text; checked for clashes by the tests. */
export const ALIAS_TARGETS: ReadonlyMap<string, string> = new Map(
  HEADER_ALIASES.flatMap(([target, aliases]) => aliases.map((alias) => [compact(alias), target] as const)),
);

const ALIAS_ENTRIES = HEADER_ALIASES.flatMap(([target, aliases]) =>
  aliases.map((alias) => ({ text: compact(alias), words: headerWords(alias), target })),
);
/** Other names of the whole address ("Adresse - Ort"). */
const ADDRESS_BASES = ALIAS_ENTRIES.filter((entry) => entry.target === 'address').map((entry) => entry.text);

/** Part word (compact) → part, per kind of compound field; `null` means the field itself. */
const ADDRESS_WORDS = new Map<string, { part: string; canonical: boolean }>();
for (const [target, aliases] of HEADER_ALIASES) {
  if (!target.startsWith('address.')) continue;
  for (const alias of aliases) ADDRESS_WORDS.set(compact(alias), { part: target.slice(8), canonical: false });
}
// Labels win over aliases: after "Address -", "Region" is Pipedrive's admin_area_level_2.
for (const [part, labels] of Object.entries(ADDRESS_PART_WORDS)) {
  for (const label of labels) ADDRESS_WORDS.set(compact(label), { part, canonical: true });
}
const wordSet = (words: ReadonlyArray<string>): ReadonlySet<string> => new Set(words.map(compact));
const CURRENCY = wordSet(CURRENCY_WORDS);
const AMOUNT = wordSet(AMOUNT_WORDS);
const UNTIL = wordSet(UNTIL_WORDS);
const TIMEZONE = wordSet(TIMEZONE_WORDS);
const START = wordSet(START_WORDS);
const USER_WORDS = wordSet(['email', 'e-mail', 'mail', 'id', 'name']);

/** The field list prepared once per auto-mapping run. */
export interface FieldIndex {
  readonly fields: ReadonlyArray<OrgField>;
  readonly byKey: ReadonlyMap<string, OrgField>;
  readonly byCompactName: ReadonlyMap<string, ReadonlyArray<OrgField>>;
  /** The headers Orgport's own export writes (cleaned) → what they map back to. */
  readonly exportHeaders: ReadonlyMap<string, MappingTarget>;
  /** Writable targets under every name they are known by (compact), for fuzzy matching. */
  readonly fuzzyPool: ReadonlyArray<{
    readonly text: string;
    readonly words: ReadonlyArray<string>;
    readonly target: string;
  }>;
}

/** Prepares a field list for `findCandidates`; a field keyed `id` is the built-in Pipedrive ID instead. */
export function buildFieldIndex(fields: ReadonlyArray<OrgField>): FieldIndex {
  const real = fields.filter((field) => field.key !== 'id');
  const byCompactName = new Map<string, OrgField[]>();
  const fuzzyPool: Array<{ text: string; words: string[]; target: string }> = [];
  for (const field of real) {
    const name = compact(field.name);
    byCompactName.set(name, [...(byCompactName.get(name) ?? []), field]);
    if (field.writable) fuzzyPool.push({ text: name, words: headerWords(field.name), target: field.key });
  }
  const byKey = new Map(real.map((field) => [field.key, field]));
  for (const entry of ALIAS_ENTRIES) {
    const field = byKey.get(entry.target.split('.')[0] ?? '');
    if (entry.target === 'id' || field?.writable === true) fuzzyPool.push(entry);
  }
  const exportHeaders = new Map<string, MappingTarget>();
  for (const [header, target] of exportHeaderTargets(fields)) {
    if (target === null) continue;
    // The export names a user column's target `<key>.email`; the user field itself reads emails.
    const own =
      target.kind === 'part' && target.part === 'email'
        ? { kind: 'field' as const, key: target.key }
        : target;
    exportHeaders.set(cleanHeader(header), own);
  }
  return { fields: real, byKey, byCompactName, exportHeaders, fuzzyPool };
}

/** Collects candidates, keeping the best per target. */
class CandidateList {
  private readonly byTarget = new Map<string, Candidate>();

  constructor(private readonly index: FieldIndex) {}

  add(target: MappingTarget, confidence: number, method: MatchMethod, note?: string): void {
    const field = target.kind === 'id' ? null : (this.index.byKey.get(target.key) ?? null);
    if (target.kind !== 'id' && field === null) return;
    const key = formatTarget(target);
    const existing = this.byTarget.get(key);
    if (existing && existing.confidence >= confidence) return;
    this.byTarget.set(key, { target, field, confidence, method, ...(note === undefined ? {} : { note }) });
  }

  addText(text: string, confidence: number, method: MatchMethod, note?: string): void {
    if (text === 'id') return this.add({ kind: 'id' }, confidence, method, note);
    const dot = text.indexOf('.');
    const target: MappingTarget =
      dot > 0
        ? { kind: 'part', key: text.slice(0, dot), part: text.slice(dot + 1) }
        : { kind: 'field', key: text };
    this.add(target, confidence, method, note);
  }

  scale(which: (field: OrgField | null) => boolean, factor: number): void {
    for (const [key, candidate] of this.byTarget) {
      if (which(candidate.field))
        this.byTarget.set(key, { ...candidate, confidence: candidate.confidence * factor });
    }
  }

  remove(target: MappingTarget): void {
    this.byTarget.delete(formatTarget(target));
  }

  get size(): number {
    return this.byTarget.size;
  }

  sorted(preferCustom: boolean): Candidate[] {
    const order = new Map(this.index.fields.map((field, i) => [field.key, i]));
    const rank = (c: Candidate): number => (c.field === null ? -1 : (order.get(c.field.key) ?? 0));
    return [...this.byTarget.values()].sort(
      (a, b) =>
        b.confidence - a.confidence ||
        Number(b.field?.custom === preferCustom) - Number(a.field?.custom === preferCustom) ||
        rank(a) - rank(b),
    );
  }
}

/** All plausible targets for a header, best first (possibly read-only ones: the caller explains those). */
export function findCandidates(header: string, index: FieldIndex): Candidate[] {
  const clean = cleanHeader(header);
  const list = new CandidateList(index);
  if (clean === '') return [];
  const hints = headerHints(clean);

  const exported = index.exportHeaders.get(clean);
  if (exported !== undefined) list.add(exported, 1, 'name');
  matchKey(clean, index, list);
  if (hints.bracketed !== null) matchBracketedKey(hints.base, hints.bracketed, index, list);
  matchNames(clean, clean, index, list, 1);
  if (hints.base !== clean && hints.base !== '') {
    // "Website (custom)" and "Name *" are still exact; a numbered duplicate is not.
    // "Revenue (USD)" says more than the name: no longer exact, but still the same field.
    const exact = hints.duplicate || hints.bracketed !== null ? null : hints.base;
    matchNames(hints.base, exact, index, list, hints.duplicate ? 0.9 : 1);
  }
  const unprefixed = withoutEntityPrefix(hints.base);
  if (unprefixed !== null) matchNames(unprefixed, null, index, list, 1);

  if (list.size === 0) {
    const stripped = withoutQualifiers(hints.base);
    if (stripped !== null) {
      const dropped = headerWords(hints.base).filter((word) => !headerWords(stripped).includes(word));
      matchNames(stripped, null, index, list, 0.8, `read as "${stripped}" (ignoring "${dropped.join(' ')}")`);
      // "Account ID", "Company ID": another system's record IDs, never Pipedrive's.
      list.remove({ kind: 'id' });
    }
  }
  if (list.size === 0 && / [/|] /u.test(hints.base)) {
    // Bilingual trade-fair sheets: "Firma / Company", "Land | Country".
    for (const side of hints.base.split(/ [/|] /u)) matchNames(side, null, index, list, 0.9);
  }
  if (list.size === 0) matchFuzzy(hints.base, index, list);
  // "Website (custom)": the system field of the same name is only a fallback.
  if (hints.custom) list.scale((field) => field?.custom !== true, 0.9);
  return list.sorted(hints.custom);
}

/**
 * "Region (a1b2c3)": exports tell apart custom fields of one name by (the start of) their key. A whole
 * key is enough on its own; a start of at least 6 hex digits must also come with the field's name.
 */
function matchBracketedKey(base: string, bracketed: string, index: FieldIndex, list: CandidateList): void {
  const whole = index.byKey.get(bracketed);
  if (whole) return list.add({ kind: 'field', key: whole.key }, 1, 'key');
  if (!/^[0-9a-f]{6,39}$/u.test(bracketed)) return;
  const named = index.byCompactName.get(compact(base)) ?? [];
  const fits = named.filter((field) => field.key.startsWith(bracketed));
  if (fits.length === 1 && fits[0]) list.add({ kind: 'field', key: fits[0].key }, 1, 'name');
}

/** Exact keys: `name`, `owner_id`, a custom hash, `id`, and `key.part` / v1-style `key_part`. */
function matchKey(text: string, index: FieldIndex, list: CandidateList): void {
  if (text === 'id') list.add({ kind: 'id' }, 1, 'key');
  const field = index.byKey.get(text);
  if (field) list.add({ kind: 'field', key: field.key }, 1, 'key');
  const split =
    /^(.+?)[._](currency|until|street_number|route|subpremise|sublocality|locality|admin_area_level_1|admin_area_level_2|country|postal_code|formatted_address)$/u.exec(
      text,
    );
  const parent = split?.[1] === undefined ? undefined : index.byKey.get(split[1]);
  if (parent && split?.[2] !== undefined && partsOf(parent).includes(split[2])) {
    list.add({ kind: 'part', key: parent.key, part: split[2] }, 1, 'key');
  }
}

/**
 * Names, compound headers and aliases for one reading of the header. `exact` is the text that must
 * equal a field name character for character to count as an exact name match (null: never exact).
 */
function matchNames(
  text: string,
  exact: string | null,
  index: FieldIndex,
  list: CandidateList,
  scale: number,
  note?: string,
): void {
  const hc = compact(text);
  if (hc === '') return;
  const strong = scale === 1;
  if (exact === 'ID') list.add({ kind: 'id' }, 1, 'name', note);
  if (hc === 'id') list.add({ kind: 'id' }, 0.95 * scale, 'normalized', note);
  for (const field of index.byCompactName.get(hc) ?? []) {
    const isExact = strong && exact !== null && exact === field.name.trim();
    list.add(
      { kind: 'field', key: field.key },
      isExact ? 1 : 0.95 * scale,
      isExact ? 'name' : 'normalized',
      note,
    );
  }
  for (const field of index.fields) {
    if (compact(field.key) === hc && field.key !== field.name) {
      list.add({ kind: 'field', key: field.key }, 0.95 * scale, 'normalized', note);
    }
  }
  matchCompound(hc, index, list, scale, note);
  const alias = ALIAS_TARGETS.get(hc);
  if (alias !== undefined) list.addText(alias, Math.min(0.85, 0.85 * scale + 0.05), 'alias', note);
}

/** "Address - City", "City of Address", "Contract value currency", "Contract period end". */
function matchCompound(
  hc: string,
  index: FieldIndex,
  list: CandidateList,
  scale: number,
  note?: string,
): void {
  for (const field of index.fields) {
    if (partsOf(field).length === 0 && field.type !== 'user') continue;
    const bases = new Set([compact(field.name), compact(field.key)]);
    if (field.key === 'address') for (const alias of ADDRESS_BASES) bases.add(alias);
    for (const base of bases) {
      if (base === '' || hc === base) continue;
      let rest: string | null = null;
      if (hc.startsWith(base)) rest = hc.slice(base.length);
      else if (hc.endsWith(base))
        rest = hc.slice(0, hc.length - base.length).replace(/(?:of|de|du|des|der|del|van)$/u, '');
      if (rest === null || rest === '') continue;
      // Dynamics 365 numbers its addresses: "Address 1: City".
      const part = partWord(field, field.type === 'address' ? rest.replace(/^[12](?=\D)/u, '') : rest);
      if (part === undefined) continue;
      const target: MappingTarget =
        part.part === null
          ? { kind: 'field', key: field.key }
          : { kind: 'part', key: field.key, part: part.part };
      // Orgport's own "Address - City" is matched exactly through the export headers; here it is a reading.
      if (part.canonical) list.add(target, 0.95 * scale, 'normalized', note);
      else list.add(target, Math.min(0.85, 0.85 * scale + 0.05), 'alias', note);
    }
  }
}

function partWord(field: OrgField, word: string): { part: string | null; canonical: boolean } | undefined {
  switch (field.type) {
    case 'address':
      return ADDRESS_WORDS.get(word);
    case 'monetary':
      if (CURRENCY.has(word)) return { part: 'currency', canonical: word === 'currency' };
      return AMOUNT.has(word) ? { part: null, canonical: word === 'value' } : undefined;
    case 'user':
      // "Owner email", "Account manager ID": ways to name the user, all read by the field itself.
      return USER_WORDS.has(word) ? { part: null, canonical: word === 'email' } : undefined;
    default:
      if ((field.type === 'time' || field.type === 'timerange') && TIMEZONE.has(word))
        return { part: 'timezone', canonical: word === 'timezone' };
      if (UNTIL.has(word)) return { part: 'until', canonical: word === 'until' || word === 'end' };
      return START.has(word) ? { part: null, canonical: word === 'start' } : undefined;
  }
}

/** Typos and near-spellings; tuned so short or unrelated headers ("Stage", "Status") map to nothing. */
function matchFuzzy(text: string, index: FieldIndex, list: CandidateList): void {
  const hc = compact(text);
  const words = headerWords(text);
  if (hc.length < 6) return;
  for (const entry of index.fuzzyPool) {
    if (containsName(words, entry.words)) {
      list.addText(entry.target, 0.6, 'fuzzy', `most words match "${entry.words.join(' ')}"`);
      continue;
    }
    const longest = Math.max(hc.length, entry.text.length);
    if (Math.min(hc.length, entry.text.length) < 6) continue;
    const allowed = longest <= 8 ? 1 : longest <= 14 ? 2 : 3;
    if (Math.abs(hc.length - entry.text.length) > allowed) continue;
    const d = editDistance(hc, entry.text);
    if (d <= allowed)
      list.addText(entry.target, 0.7 - 0.05 * d, 'fuzzy', `similar to "${entry.words.join(' ')}"`);
  }
}

/**
 * "Total contract value", "Contract value EUR": every word of a multi-word name, plus one word before
 * it or a currency code / year after it. Other extra words change the meaning ("Annual revenue growth").
 */
function containsName(words: ReadonlyArray<string>, name: ReadonlyArray<string>): boolean {
  if (name.length < 2 || words.length !== name.length + 1) return false;
  const at = words.indexOf(name[0] ?? '');
  if (at < 0 || at > 1 || name.some((word, i) => words[at + i] !== word)) return false;
  if (at === 1) return true;
  return /^(?:[a-z]{3}|\d{1,4})$/u.test(words[words.length - 1] ?? '');
}
