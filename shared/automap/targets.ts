/**
 * Mapping targets checked against a company's field list: which parts a field has, how a target is
 * shown to a user, and how a stored target text (`id`, a key, a name, `key.part`) resolves. Shared by
 * auto-mapping (earlier mappings) and mapping profiles, so both accept and reject the same texts.
 */
import { distance } from 'fastest-levenshtein';
import type { MappingTarget } from '../mapping.ts';
import { formatTarget } from '../mapping.ts';
import type { OrgField } from '../model.ts';
import { ADDRESS_PARTS } from '../model.ts';
import { ADDRESS_PART_WORDS } from './aliases.ts';

/**
 * The parts a column can fill separately: address parts, a monetary currency, a range's end, a
 * time's time zone.
 */
export function partsOf(field: OrgField): ReadonlyArray<string> {
  switch (field.type) {
    case 'address':
      return ADDRESS_PARTS;
    case 'monetary':
      return ['currency'];
    case 'daterange':
      return ['until'];
    case 'time':
      return ['timezone'];
    case 'timerange':
      return ['until', 'timezone'];
    default:
      return [];
  }
}

/** The field a target writes to; null for `id` and for keys the list does not have. */
export function targetField(target: MappingTarget, fields: ReadonlyArray<OrgField>): OrgField | null {
  if (target.kind === 'id') return null;
  return fields.find((field) => field.key === target.key) ?? null;
}

/** How a target reads in the UI and in notes: "Pipedrive ID", "Address – City", "Contract value – currency". */
export function describeTarget(target: MappingTarget, fields: ReadonlyArray<OrgField>): string {
  if (target.kind === 'id') return 'Pipedrive ID';
  const name = targetField(target, fields)?.name ?? target.key;
  if (target.kind === 'field') return name;
  const label = (ADDRESS_PART_WORDS as Readonly<Record<string, ReadonlyArray<string>>>)[target.part]?.[0];
  return `${name} – ${label ?? (target.part === 'timezone' ? 'time zone' : target.part)}`;
}

/** A stored target text that resolved. `via` tells how, so callers can prefer keys over names. */
export interface ResolvedTarget {
  readonly ok: true;
  readonly target: MappingTarget;
  readonly field: OrgField | null;
  readonly via: 'id' | 'key' | 'name';
}

/** A stored target text that did not resolve, with a message that says what would be accepted. */
export interface UnresolvedTarget {
  readonly ok: false;
  readonly reason: 'unknown' | 'ambiguous' | 'read-only' | 'bad-part';
  readonly message: string;
  /** Ambiguous: the keys of the fields the name fits. Unknown: the suggestion, if any. */
  readonly candidates: ReadonlyArray<string>;
}

/** Options for `resolveTargetText`. */
export interface ResolveTextOptions {
  /** Accept field names (case-insensitive) besides keys; profiles do, stored auto-mappings do not need to. */
  readonly names?: boolean;
  /** Accept read-only fields (a profile's `match` may name one); by default they are refused. */
  readonly readOnly?: boolean;
}

/**
 * Resolves `id`, a field key (exact), `key.part`, or (with `names`) a field name, case-insensitive, also
 * as `name.part`. A key wins over a name; a name that fits several fields is refused with their keys.
 */
export function resolveTargetText(
  text: string,
  fields: ReadonlyArray<OrgField>,
  options: ResolveTextOptions = {},
): ResolvedTarget | UnresolvedTarget {
  const wanted = text.trim();
  if (wanted === 'id' || (options.names === true && wanted.toLowerCase() === 'id')) {
    return { ok: true, target: { kind: 'id' }, field: null, via: 'id' };
  }
  const real = fields.filter((field) => field.key !== 'id');
  const byKey = real.find((field) => field.key === wanted);
  if (byKey) return accept(byKey, null, 'key', options);

  const dot = wanted.indexOf('.');
  if (dot > 0) {
    const parent = real.find((field) => field.key === wanted.slice(0, dot));
    if (parent) return accept(parent, wanted.slice(dot + 1), 'key', options);
  }
  if (options.names === true) {
    const byName = findByName(wanted, real);
    if (byName.length > 1) return ambiguous(wanted, byName);
    if (byName[0]) return accept(byName[0], null, 'name', options);
    if (dot > 0) {
      const parents = findByName(wanted.slice(0, dot), real);
      if (parents.length > 1) return ambiguous(wanted.slice(0, dot), parents);
      if (parents[0]) return accept(parents[0], wanted.slice(dot + 1), 'name', options);
    }
  }
  return unknown(wanted, real, options.names === true);
}

function findByName(name: string, fields: ReadonlyArray<OrgField>): OrgField[] {
  const lower = name.replace(/\s+/gu, ' ').toLowerCase();
  return fields.filter((field) => field.name.trim().replace(/\s+/gu, ' ').toLowerCase() === lower);
}

function accept(
  field: OrgField,
  part: string | null,
  via: 'key' | 'name',
  options: ResolveTextOptions,
): ResolvedTarget | UnresolvedTarget {
  if (!field.writable && options.readOnly !== true) {
    return {
      ok: false,
      reason: 'read-only',
      message: `"${field.name}" (${field.key}) is read-only in Pipedrive and cannot be imported`,
      candidates: [],
    };
  }
  const parts = partsOf(field);
  // `address.value` / `<monetary>.value` name the field itself (the whole address, the amount).
  if (part === null || (part === 'value' && parts.length > 0)) {
    return { ok: true, target: { kind: 'field', key: field.key }, field, via };
  }
  if (!parts.includes(part)) {
    const accepted = parts.map((p) => `${field.key}.${p}`);
    return {
      ok: false,
      reason: 'bad-part',
      message:
        parts.length === 0
          ? `"${field.name}" (${field.key}, ${field.type}) has no parts; write "${field.key}" alone`
          : `"${field.name}" has no part "${part}"; accepted: ${accepted.join(', ')}`,
      candidates: accepted,
    };
  }
  return { ok: true, target: { kind: 'part', key: field.key, part }, field, via };
}

function ambiguous(name: string, fits: ReadonlyArray<OrgField>): UnresolvedTarget {
  const keys = fits.map((field) => field.key);
  return {
    ok: false,
    reason: 'ambiguous',
    message: `"${name}" is the name of ${fits.length} fields (keys: ${keys.join(', ')}); write the key of the one you mean`,
    candidates: keys,
  };
}

function unknown(wanted: string, fields: ReadonlyArray<OrgField>, names: boolean): UnresolvedTarget {
  const choices: string[] = ['id'];
  for (const field of fields) {
    if (!field.writable) continue;
    choices.push(field.key);
    if (names) choices.push(field.name);
    for (const part of partsOf(field)) choices.push(formatTarget({ kind: 'part', key: field.key, part }));
  }
  const suggestion = closestText(wanted, choices);
  const accepted = names
    ? '"id", a field key, a field name or "key.part"'
    : '"id", a field key or "key.part"';
  return {
    ok: false,
    reason: 'unknown',
    message:
      `no field has the ${names ? 'key or name' : 'key'} "${wanted}"` +
      (suggestion === null ? '' : `; did you mean "${suggestion}"?`) +
      ` (accepted: ${accepted})`,
    candidates: suggestion === null ? [] : [suggestion],
  };
}

/** The choice closest to `text` (case-insensitive edit distance), if it is close enough to be a typo. */
export function closestText(text: string, choices: ReadonlyArray<string>): string | null {
  const lower = text.toLowerCase();
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const choice of choices) {
    const d = distance(lower, choice.toLowerCase());
    if (d < bestDistance) {
      best = choice;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(lower.length / 3));
  return bestDistance <= allowed ? best : null;
}
