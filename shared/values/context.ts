/**
 * The lookup context every cell conversion shares: fields by key, option and user indexes built once
 * per import (never per cell), the default currency, and whether the file was a CSV.
 */
import type { FieldOption, OrgField, PipedriveUser } from '../model.ts';
import { isLabelField } from './fields.ts';
import { compactKey, looseKey } from './text.ts';

/** Options of one enum/set field (or the labels), indexed for lookups by label and id. */
export interface OptionIndex {
  readonly options: ReadonlyArray<FieldOption>;
  readonly byId: ReadonlyMap<number, FieldOption>;
  readonly byKey: ReadonlyMap<string, ReadonlyArray<FieldOption>>;
  readonly byCompactKey: ReadonlyMap<string, ReadonlyArray<FieldOption>>;
}

/** The company's users, indexed by id, lower-case email and loose name. */
export interface UserIndex {
  readonly users: ReadonlyArray<PipedriveUser>;
  readonly byId: ReadonlyMap<number, PipedriveUser>;
  readonly byEmail: ReadonlyMap<string, PipedriveUser>;
  readonly byName: ReadonlyMap<string, ReadonlyArray<PipedriveUser>>;
}

/** What the caller knows: the field list, the users, and import-wide choices. */
export interface CoerceContextInput {
  readonly fields: ReadonlyArray<OrgField>;
  readonly users: ReadonlyArray<PipedriveUser>;
  /** The organization labels, when they are not the options of the labels field in `fields`. */
  readonly labels?: ReadonlyArray<FieldOption>;
  /** Currency for monetary amounts when neither the cell nor the column gives one (e.g. the user's). */
  readonly defaultCurrency?: string | null;
  /**
   * Where the cells come from. CSV cells may carry our formula guard and have it removed; XLSX text is
   * taken as is, because our XLSX export never adds the guard. Default `csv`.
   */
  readonly source?: 'csv' | 'xlsx';
}

/** The prepared context `coerceCell` needs; build it once with {@link createCoerceContext}. */
export interface CoerceContext {
  readonly fieldByKey: ReadonlyMap<string, OrgField>;
  readonly users: UserIndex;
  readonly defaultCurrency: string | null;
  readonly source: 'csv' | 'xlsx';
  /** The option index of an enum/set field (labels for the labels field), built on first use. */
  optionsOf(field: OrgField): OptionIndex;
}

function group<T>(items: ReadonlyArray<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

/** Indexes a list of options for lookups by label (loosely) and by id. */
export function indexOptions(options: ReadonlyArray<FieldOption>): OptionIndex {
  return {
    options,
    byId: new Map(options.map((o) => [o.id, o])),
    byKey: group(options, (o) => looseKey(o.label)),
    byCompactKey: group(options, (o) => compactKey(o.label)),
  };
}

/** Indexes users by id, email (case-insensitive) and name (case-, space- and accent-insensitive). */
export function indexUsers(users: ReadonlyArray<PipedriveUser>): UserIndex {
  return {
    users,
    byId: new Map(users.map((u) => [u.id, u])),
    byEmail: new Map(users.map((u) => [u.email.trim().toLowerCase(), u])),
    byName: group(users, (u) => looseKey(u.name)),
  };
}

/** Prepares the lookup context for converting the cells of one import. */
export function createCoerceContext(input: CoerceContextInput): CoerceContext {
  const cache = new Map<string, OptionIndex>();
  return {
    fieldByKey: new Map(input.fields.map((f) => [f.key, f])),
    users: indexUsers(input.users),
    defaultCurrency: input.defaultCurrency?.trim().toUpperCase() || null,
    source: input.source ?? 'csv',
    optionsOf(field) {
      let index = cache.get(field.key);
      if (!index) {
        const options = isLabelField(field) && input.labels ? input.labels : (field.options ?? []);
        index = indexOptions(options);
        cache.set(field.key, index);
      }
      return index;
    },
  };
}
