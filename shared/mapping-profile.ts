/**
 * Mapping profiles: the JSON file `orgport import --mapping` reads and the UI saves (design.md,
 * "Mapping profile"). Parsing checks the shape and explains every problem with the file name, the
 * property path and what would be accepted; resolving checks the profile against a company's fields
 * and a file's headers.
 */
import { z } from 'zod';
import { closestText, resolveTargetText } from './automap/targets.ts';
import { cleanHeader, compact } from './automap/normalize.ts';
import type { MappingTarget } from './mapping.ts';
import { formatTarget, sameTarget } from './mapping.ts';
import type { FieldType, OrgField } from './model.ts';
import type { DateOrder, ThousandsSeparator } from './values/types.ts';

const DATE_ORDERS = ['iso', 'dmy', 'mdy', 'serial'] as const satisfies ReadonlyArray<DateOrder>;
const THOUSANDS = [',', '.', ' ', "'"] as const satisfies ReadonlyArray<ThousandsSeparator>;
// Fails to compile when shared/values gains a date order or separator the profile cannot store.
const _allListed: [
  Exclude<DateOrder, (typeof DATE_ORDERS)[number]>,
  Exclude<ThousandsSeparator, (typeof THOUSANDS)[number]>,
] extends [never, never]
  ? true
  : never = true;

const columnSettingsSchema = z.strictObject({
  dateOrder: z.enum(DATE_ORDERS).optional(),
  decimalSeparator: z.enum(['.', ',']).optional(),
  thousandsSeparator: z.enum(THOUSANDS).nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/u)
    .nullable()
    .optional(),
});

/** The profile schema (zod); `parseMappingProfile` wraps it with readable messages. */
export const mappingProfileSchema = z.strictObject({
  version: z.literal(1),
  name: z.string().trim().min(1).max(200).optional(),
  sheet: z.string().min(1).nullable().optional(),
  headerRow: z.number().int().min(1).optional(),
  mode: z.enum(['create', 'update', 'upsert']).optional(),
  columns: z.record(z.string(), z.string().trim().min(1).nullable()),
  match: z.string().trim().min(1).optional(),
  emptyCells: z.enum(['skip', 'clear']).optional(),
  columnSettings: z.record(z.string(), columnSettingsSchema).optional(),
});

/**
 * A mapping profile. Absent `sheet`/`headerRow` mean "detect"; absent `emptyCells` means `skip`;
 * absent `mode` and `match` are taken from the command line or the UI.
 */
export type MappingProfile = z.infer<typeof mappingProfileSchema>;
/** Per-column reading settings stored in a profile (a subset of `shared/values` `ColumnSettings`). */
export type ProfileColumnSettings = z.infer<typeof columnSettingsSchema>;
/** The import modes a profile may name. */
export type ImportMode = NonNullable<MappingProfile['mode']>;

/** One problem: where (`columns["Sector"]`, `match`, `headerRow`) and what, in words. */
export interface ProfileProblem {
  readonly path: string;
  readonly message: string;
}

/** A profile that could not be read; `message` lists every problem, each naming the file and the path. */
export class MappingProfileError extends Error {
  override readonly name = 'MappingProfileError';
  constructor(
    readonly source: string,
    readonly problems: ReadonlyArray<ProfileProblem>,
  ) {
    super(
      `${source} is not a valid mapping profile:\n` +
        problems.map((p) => `  ${source}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`).join('\n'),
    );
  }
}

const ACCEPTS: Readonly<Record<string, string>> = {
  '': 'a JSON object like {"version": 1, "columns": {"Company": "name"}}',
  version: 'the number 1',
  name: 'a non-empty text of at most 200 characters',
  sheet: 'a sheet name (text) or null',
  headerRow: 'a whole number from 1 (the row that holds the headers)',
  mode: '"create", "update" or "upsert"',
  columns: 'an object mapping column headers to a field key, a field name, "key.part" or null',
  column: 'a field key, a field name, "key.part" (e.g. "address.locality"), or null to ignore the column',
  match: '"id", "name", or the key or name of a field',
  emptyCells: '"skip" (leave the field as it is) or "clear" (empty it)',
  columnSettings:
    'an object mapping column headers to {dateOrder, decimalSeparator, thousandsSeparator, currency}',
  settings: 'an object with dateOrder, decimalSeparator, thousandsSeparator and/or currency',
  dateOrder: '"iso", "dmy" (day first), "mdy" (month first) or "serial" (Excel day numbers)',
  decimalSeparator: '"." or ","',
  thousandsSeparator: '",", ".", " ", "\'" or null (none)',
  currency: 'a three-letter currency code in capitals such as "EUR", or null',
};

function acceptedAt(path: ReadonlyArray<PropertyKey>): string {
  const [first, , third] = path;
  if (path.length === 0) return ACCEPTS[''] ?? '';
  if (first === 'columns' && path.length === 2) return ACCEPTS['column'] ?? '';
  if (first === 'columnSettings' && path.length === 2) return ACCEPTS['settings'] ?? '';
  const key = String(path.length === 3 ? third : first);
  return ACCEPTS[key] ?? 'a different value';
}

/** `columns["Account owner"]`, `columnSettings["Date"].dateOrder`, `headerRow`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  path.forEach((part, i) => {
    const text = String(part);
    if (typeof part === 'number') out += `[${part}]`;
    else if (i === 1 && (path[0] === 'columns' || path[0] === 'columnSettings'))
      out += `[${JSON.stringify(text)}]`;
    else out += i === 0 ? text : `.${text}`;
  });
  return out;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

function describeIssue(issue: z.core.$ZodIssue): ProfileProblem {
  const path = formatPath(issue.path);
  const accepted = acceptedAt(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known =
      issue.path.length === 0
        ? Object.keys(mappingProfileSchema.shape)
        : Object.keys(columnSettingsSchema.shape);
    const messages = issue.keys.map((key) => {
      const guess = closestText(key, known);
      return `unknown property "${key}"${guess === null ? '' : ` (did you mean "${guess}"?)`}`;
    });
    return { path, message: `${messages.join('; ')}; accepted properties: ${known.join(', ')}` };
  }
  if (issue.input === undefined) return { path, message: `missing; expected ${accepted}` };
  return { path, message: `expected ${accepted}, got ${show(issue.input)}` };
}

/**
 * Checks a parsed JSON value against the profile format. Throws `MappingProfileError` naming `source`
 * (the file), each property path and what would be accepted there.
 */
export function parseMappingProfile(json: unknown, source = 'mapping profile'): MappingProfile {
  const result = mappingProfileSchema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  throw new MappingProfileError(source, result.error.issues.map(describeIssue));
}

/** Parses the text of a profile file (JSON), then checks it like `parseMappingProfile`. */
export function readMappingProfile(text: string, source = 'mapping profile'): MappingProfile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new MappingProfileError(source, [{ path: '', message: `not valid JSON (${detail})` }]);
  }
  return parseMappingProfile(json, source);
}

/** A profile checked against the fields and the file: one target (or null) per file header. */
export interface ResolvedProfile {
  /** Every header of the file → its target; null for ignored and unmapped columns. */
  readonly columns: Readonly<Record<string, MappingTarget | null>>;
  readonly mode: ImportMode | null;
  /** What update/upsert rows are matched by; null in create mode or when there is no match key. */
  readonly match: MappingTarget | null;
  /** Problems that stop the import (nothing may be sent while there are any). */
  readonly errors: ReadonlyArray<ProfileProblem>;
  /** Things the user should know that do not stop the import. */
  readonly warnings: ReadonlyArray<ProfileProblem>;
}

/** Command-line or UI choices that override the profile's own. */
export interface ResolveOverrides {
  readonly mode?: ImportMode;
  readonly match?: string;
}

/** Field types rows can be matched by (their values identify an organization as text or a number). */
const MATCHABLE: ReadonlyArray<FieldType> = ['varchar', 'varchar_auto', 'text', 'phone', 'double', 'int'];

/**
 * Resolves a profile for a file: each column's target (a key wins over a name; a name fitting several
 * fields, an unknown key or name, a read-only field and two columns on one target are errors), the
 * match key, and warnings for profile columns the file does not have.
 */
export function resolveProfile(
  profile: MappingProfile,
  fields: ReadonlyArray<OrgField>,
  headers: ReadonlyArray<string>,
  overrides: ResolveOverrides = {},
): ResolvedProfile {
  const errors: ProfileProblem[] = [];
  const warnings: ProfileProblem[] = [];
  const mode = overrides.mode ?? profile.mode ?? null;
  const columns: Record<string, MappingTarget | null> = {};
  for (const header of headers) columns[header] = null;

  const claimed: Array<{ header: string; target: MappingTarget }> = [];
  for (const [wanted, text] of Object.entries(profile.columns)) {
    const path = formatPath(['columns', wanted]);
    const header = findHeader(wanted, headers);
    if (header === null) {
      warnings.push({
        path,
        message: `the file has no column "${wanted}"; this line of the profile is not used`,
      });
      continue;
    }
    if (text === null) continue;
    const resolved = resolveTargetText(text, fields, { names: true });
    if (!resolved.ok) {
      errors.push({ path, message: resolved.message });
      continue;
    }
    if (resolved.target.kind === 'id' && mode === 'create') {
      warnings.push({
        path,
        message: 'Pipedrive IDs are not used when creating organizations; the column is ignored',
      });
      continue;
    }
    const other = claimed.find((c) => sameTarget(c.target, resolved.target));
    if (other) {
      errors.push({
        path,
        message: `columns "${other.header}" and "${header}" both map to "${formatTarget(resolved.target)}"; a field takes one column`,
      });
      continue;
    }
    claimed.push({ header, target: resolved.target });
    columns[header] = resolved.target;
  }

  for (const wanted of Object.keys(profile.columnSettings ?? {})) {
    if (findHeader(wanted, headers) === null) {
      warnings.push({
        path: formatPath(['columnSettings', wanted]),
        message: `the file has no column "${wanted}"`,
      });
    }
  }
  const match = resolveMatch(profile, overrides, mode, fields, claimed, errors, warnings);
  return { columns, mode, match, errors, warnings };
}

/** The file header a profile column means: exact, else the same after cleaning, else the same words. */
function findHeader(wanted: string, headers: ReadonlyArray<string>): string | null {
  if (headers.includes(wanted)) return wanted;
  const cleaned = headers.filter((h) => cleanHeader(h) === cleanHeader(wanted));
  if (cleaned.length === 1) return cleaned[0] ?? null;
  const key = compact(wanted);
  const loose = headers.filter((h) => key !== '' && compact(h) === key);
  return loose.length === 1 ? (loose[0] ?? null) : null;
}

function resolveMatch(
  profile: MappingProfile,
  overrides: ResolveOverrides,
  mode: ImportMode | null,
  fields: ReadonlyArray<OrgField>,
  claimed: ReadonlyArray<{ header: string; target: MappingTarget }>,
  errors: ProfileProblem[],
  warnings: ProfileProblem[],
): MappingTarget | null {
  const text = overrides.match ?? profile.match;
  const path = overrides.match === undefined ? 'match' : '--match';
  if (mode === 'create') {
    if (text !== undefined)
      warnings.push({ path, message: 'create mode matches nothing; the match key is ignored' });
    return null;
  }
  if (text === undefined) {
    // An exported file carries its IDs; anything else needs a match key to update by.
    const byId = claimed.find((c) => c.target.kind === 'id');
    if (byId) return byId.target;
    if (mode !== null) {
      errors.push({
        path: 'match',
        message: `${mode} needs a match key: "id", "name", or the key or name of a field`,
      });
    }
    return null;
  }
  const resolved = resolveTargetText(text, fields, { names: true, readOnly: true });
  if (!resolved.ok) {
    errors.push({ path, message: resolved.message });
    return null;
  }
  const { target, field } = resolved;
  if (target.kind === 'part' || (field !== null && (!field.writable || !MATCHABLE.includes(field.type)))) {
    const suitable = fields
      .filter((f) => f.writable && MATCHABLE.includes(f.type))
      .map((f) => `${f.key} (${f.name})`);
    const what = field === null ? text : `"${field.name}" (${field.key}, ${field.type})`;
    errors.push({
      path,
      message: `${what} cannot be a match key; accepted: id, ${suitable.join(', ')}`,
    });
    return null;
  }
  if (!claimed.some((c) => sameTarget(c.target, target))) {
    errors.push({
      path,
      message: `no column is mapped to ${field === null ? 'the Pipedrive ID' : `"${field.name}" (${field.key})`}, so rows cannot be matched by it`,
    });
    return null;
  }
  return target;
}

/** What the UI knows when the user saves a mapping as a profile. */
export interface MappingProfileDraft {
  readonly name?: string;
  readonly sheet?: string | null;
  readonly headerRow?: number;
  readonly mode?: ImportMode;
  /** The mapping table (e.g. `autoMap`'s result after the user's fixes), in column order. */
  readonly columns: ReadonlyArray<{ readonly column: string; readonly target: MappingTarget | null }>;
  /** `id`, or the target rows are matched by. */
  readonly match?: MappingTarget;
  readonly emptyCells?: 'skip' | 'clear';
  readonly columnSettings?: Readonly<Record<string, ProfileColumnSettings>>;
}

/**
 * Builds a profile from the UI's mapping, writing targets as keys (stable when fields are renamed),
 * never as names. Throws `MappingProfileError` if the draft cannot make a valid profile.
 */
export function toMappingProfile(draft: MappingProfileDraft): MappingProfile {
  const columns: Record<string, string | null> = {};
  for (const { column, target } of draft.columns)
    columns[column] = target === null ? null : formatTarget(target);
  const settings = Object.entries(draft.columnSettings ?? {}).filter(([, s]) => Object.keys(s).length > 0);
  const profile = {
    version: 1,
    ...(draft.name === undefined ? {} : { name: draft.name }),
    ...(draft.sheet === undefined ? {} : { sheet: draft.sheet }),
    ...(draft.headerRow === undefined ? {} : { headerRow: draft.headerRow }),
    ...(draft.mode === undefined ? {} : { mode: draft.mode }),
    columns,
    ...(draft.match === undefined || draft.mode === 'create' ? {} : { match: formatTarget(draft.match) }),
    ...(draft.emptyCells === undefined ? {} : { emptyCells: draft.emptyCells }),
    ...(settings.length === 0 ? {} : { columnSettings: Object.fromEntries(settings) }),
  };
  return parseMappingProfile(
    profile,
    draft.name === undefined ? 'new mapping profile' : `profile "${draft.name}"`,
  );
}

/** The file text of a profile: pretty JSON with a final newline, ready to write. */
export function serializeMappingProfile(profile: MappingProfile): string {
  return `${JSON.stringify(profile, null, 2)}\n`;
}
