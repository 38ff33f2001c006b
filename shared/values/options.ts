/**
 * Option fields by label: enum (one option), set and labels (several, split on `;` or `,`), with
 * "did you mean" for near misses. Also the two small fixed vocabularies: visibility and booleans.
 */
import { VISIBILITY_NAMES } from '../model.ts';
import type { FieldOption, OrgField } from '../model.ts';
import type { OptionIndex } from './context.ts';
import { compactKey, listAccepted, looseKey, quote } from './text.ts';
import type { CoerceResult } from './types.ts';

/** Finds an option by label (loosely), then by `#id` or a bare id number. */
export function findOption(
  index: OptionIndex,
  text: string,
): FieldOption | ReadonlyArray<FieldOption> | null {
  const exact = index.byKey.get(looseKey(text)) ?? index.byCompactKey.get(compactKey(text));
  if (exact) return exact.length === 1 ? (exact[0] ?? null) : exact;
  const id = /^#?(\d+)(?:\s*\(.*\))?$/.exec(text.trim());
  return id ? (index.byId.get(Number(id[1])) ?? null) : null;
}

/**
 * Edit distance counting a swap of two neighbouring letters as one typo ("Hto" → "Hot"), which plain
 * Levenshtein counts as two (optimal string alignment distance).
 */
export function typoDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest label to a near miss, when it is close enough to be a typo. */
export function closestLabel(labels: ReadonlyArray<string>, text: string): string | null {
  const key = looseKey(text);
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const label of labels) {
    const d = typoDistance(key, looseKey(label));
    if (d < bestDistance) {
      best = label;
      bestDistance = d;
    }
  }
  // About one typo per three characters: "Retial" finds "Retail", but "IT" does not find "HR".
  const allowed = Math.max(1, Math.floor(key.length / 3));
  return best !== null && bestDistance <= allowed ? best : null;
}

function labelsOf(index: OptionIndex): string[] {
  return index.options.map((o) => o.label);
}

function unknownOptions(field: OrgField, index: OptionIndex, pieces: ReadonlyArray<string>): CoerceResult {
  const labels = labelsOf(index);
  const accepted = listAccepted(labels);
  const suggestion = pieces.length === 1 ? closestLabel(labels, pieces[0] ?? '') : null;
  const what =
    pieces.length === 1
      ? `${quote(pieces[0] ?? '')} is not an option of "${field.name}"`
      : `${pieces.map(quote).join(', ')} are not options of "${field.name}"`;
  const hint = suggestion ? ` — did you mean "${suggestion}"?` : '';
  const list = labels.length > 0 ? ` Accepted: ${accepted}` : ` "${field.name}" has no options yet.`;
  return suggestion
    ? { kind: 'error', message: `${what}${hint}${list}`, accepted, suggestion }
    : { kind: 'error', message: `${what}.${list}`, accepted };
}

function ambiguousOption(field: OrgField, text: string, options: ReadonlyArray<FieldOption>): CoerceResult {
  const ids = options.map((o) => `#${o.id}`).join(', ');
  return {
    kind: 'error',
    message: `${quote(text)} fits several options of "${field.name}" (${ids}) — write the option id instead`,
  };
}

/** Reads an enum cell: one option, by label or id. */
export function coerceEnum(cell: string | number, field: OrgField, index: OptionIndex): CoerceResult {
  const text = String(cell).trim();
  const found = findOption(index, text);
  if (found === null) return unknownOptions(field, index, [text]);
  if (!('id' in found)) return ambiguousOption(field, text, found);
  return { kind: 'value', value: found.id };
}

/**
 * Splits a multi-option cell into labels. The whole cell is tried as one label first; otherwise the
 * pieces between `;` and `,` are joined back greedily (longest first) so a label that itself holds a
 * comma or semicolon ("Food, drinks") is still found.
 */
function splitOptions(
  index: OptionIndex,
  text: string,
): { ids: number[]; unknown: string[]; ambiguous?: { text: string; options: ReadonlyArray<FieldOption> } } {
  const whole = findOption(index, text);
  if (whole !== null && 'id' in whole) return { ids: [whole.id], unknown: [] };
  const atoms = text.split(/([;,])/);
  const ids: number[] = [];
  const unknown: string[] = [];
  let i = 0;
  while (i < atoms.length) {
    let matched = false;
    for (let j = atoms.length - 1; j >= i; j -= 2) {
      const candidate = atoms
        .slice(i, j + 1)
        .join('')
        .trim();
      if (candidate === '') continue;
      const found = findOption(index, candidate);
      if (found === null) continue;
      if (!('id' in found)) return { ids, unknown, ambiguous: { text: candidate, options: found } };
      ids.push(found.id);
      i = j + 2;
      matched = true;
      break;
    }
    if (!matched) {
      const piece = (atoms[i] ?? '').trim();
      if (piece !== '') unknown.push(piece);
      i += 2;
    }
  }
  return { ids: [...new Set(ids)], unknown };
}

/** Reads a set (or labels) cell: options by label or id, split on `;` or `,`, duplicates removed. */
export function coerceSet(cell: string | number, field: OrgField, index: OptionIndex): CoerceResult {
  if (typeof cell === 'number') return coerceEnumAsSet(cell, field, index);
  const { ids, unknown, ambiguous } = splitOptions(index, cell);
  if (ambiguous !== undefined) {
    return ambiguousOption(field, ambiguous.text, ambiguous.options);
  }
  if (unknown.length > 0) return unknownOptions(field, index, unknown);
  return ids.length === 0 ? { kind: 'empty' } : { kind: 'value', value: ids };
}

function coerceEnumAsSet(cell: number, field: OrgField, index: OptionIndex): CoerceResult {
  const one = coerceEnum(cell, field, index);
  return one.kind === 'value' && typeof one.value === 'number' ? { kind: 'value', value: [one.value] } : one;
}

/** Everyday words for the visibility levels, next to the exact names Pipedrive shows. */
const VISIBILITY_WORDS: Readonly<Record<string, number>> = {
  private: 1,
  owner: 1,
  'owner only': 1,
  'owner and followers': 1,
  'owner & followers': 1,
  'owner followers': 1,
  followers: 1,
  shared: 3,
  company: 3,
  everyone: 3,
  'entire company': 3,
  'whole company': 3,
  all: 3,
  public: 3,
  group: 5,
  'visibility group': 5,
  'owner visibility group': 5,
  "owner's visibility group": 5,
  'sub-groups': 5,
  'all groups': 7,
};

const VISIBILITY_LOOKUP = new Map<string, number>([
  ...Object.entries(VISIBILITY_WORDS).map(([word, n]) => [looseKey(word), n] as const),
  ...Object.entries(VISIBILITY_NAMES).map(([n, name]) => [looseKey(name), Number(n)] as const),
]);

/** Reads a visibility cell: a name ("Entire company", "private"…) or one of the numbers 1, 3, 5, 7. */
export function coerceVisibility(cell: string | number, field: OrgField): CoerceResult {
  const text = String(cell).trim();
  const n = /^\d+$/.test(text) ? Number(text) : VISIBILITY_LOOKUP.get(looseKey(text));
  if (n !== undefined && VISIBILITY_NAMES[n] !== undefined) return { kind: 'value', value: n };
  const names = Object.entries(VISIBILITY_NAMES).map(([k, name]) => `${name} (${k})`);
  const accepted = listAccepted(names);
  return {
    kind: 'error',
    message: `${quote(text)} is not a visibility for "${field.name}". Accepted: ${accepted}, or private / shared`,
    accepted,
  };
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on', 'x', 'checked']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off', 'unchecked']);

/** Reads a yes/no cell: true/false, yes/no, 1/0 (and on/off, y/n). */
export function coerceBoolean(cell: string | number | boolean, field: OrgField): CoerceResult {
  if (typeof cell === 'boolean') return { kind: 'value', value: cell };
  const key = looseKey(String(cell));
  if (TRUE_WORDS.has(key)) return { kind: 'value', value: true };
  if (FALSE_WORDS.has(key)) return { kind: 'value', value: false };
  return {
    kind: 'error',
    message: `${quote(String(cell))} is not yes or no — "${field.name}" accepts true/false, yes/no or 1/0`,
    accepted: 'true, false, yes, no, 1, 0',
  };
}
