/**
 * Mapping profiles: the JSON file `orgport import --mapping` reads and the UI saves (design.md,
 * "Mapping profile"). Parsing checks the shape and explains every problem with the file name, the
 * property path and what would be accepted. Resolving a profile against a company's fields and a
 * file's headers is in mapping-profile-resolve.ts.
 */
import { z } from 'zod';
import { closestText } from './automap/targets.ts';
import type { MappingTarget } from './mapping.ts';
import { formatTarget } from './mapping.ts';
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

/** Most columns a profile may list: as many as a spreadsheet can have (Excel's 16,384). */
export const MAX_PROFILE_COLUMNS = 16_384;
/** Longest profile file read, in characters: a profile of every possible column is far smaller. */
export const MAX_PROFILE_CHARS = 10 * 1024 * 1024;
/** Problems spelled out in a `MappingProfileError` message; the rest are counted. */
const MAX_LISTED_PROBLEMS = 20;

// Lengths match the IPC schemas (shared/ipc-import-schemas.ts), so a profile the app saved is one it reads.
const header = z.string().max(1_000);
const targetText = z.string().trim().min(1).max(200);

/** The profile schema (zod); `parseMappingProfile` wraps it with readable messages. */
export const mappingProfileSchema = z.strictObject({
  version: z.literal(1),
  name: z.string().trim().min(1).max(200).optional(),
  sheet: z.string().min(1).max(300).nullable().optional(),
  headerRow: z.number().int().min(1).optional(),
  mode: z.enum(['create', 'update', 'upsert']).optional(),
  columns: z.record(header, targetText.nullable()),
  match: targetText.optional(),
  emptyCells: z.enum(['skip', 'clear']).optional(),
  columnSettings: z.record(header, columnSettingsSchema).optional(),
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
        problems
          .slice(0, MAX_LISTED_PROBLEMS)
          .map((p) => `  ${source}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`)
          .join('\n') +
        (problems.length > MAX_LISTED_PROBLEMS
          ? `\n  …and ${problems.length - MAX_LISTED_PROBLEMS} more problems`
          : ''),
    );
  }
}

const ACCEPTS: Readonly<Record<string, string>> = {
  '': 'a JSON object like {"version": 1, "columns": {"Company": "name"}}',
  version: 'the number 1',
  name: 'a non-empty text of at most 200 characters',
  sheet: 'a sheet name (text of at most 300 characters) or null',
  headerRow: 'a whole number from 1 (the row that holds the headers)',
  mode: '"create", "update" or "upsert"',
  columns: 'an object mapping column headers to a field key, a field name, "key.part" or null',
  column:
    'a field key, a field name, "key.part" (e.g. "address.locality") of at most 200 characters, or null to ignore the column',
  match: '"id", "name", or the key or name of a field (at most 200 characters)',
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
    // A hostile file can hold thousands of unknown keys, or one a megabyte long: name a few, clipped.
    const messages = issue.keys.slice(0, MAX_LISTED_PROBLEMS).map((key) => {
      const guess = key.length > 100 ? null : closestText(key, known);
      const shown = key.length > 60 ? `${key.slice(0, 57)}...` : key;
      return `unknown property "${shown}"${guess === null ? '' : ` (did you mean "${guess}"?)`}`;
    });
    const more = issue.keys.length - messages.length;
    if (more > 0) messages.push(`${more} more unknown properties`);
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
  const refused = refuseHostileShape(json);
  if (refused.length > 0) throw new MappingProfileError(source, refused);
  const result = mappingProfileSchema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  throw new MappingProfileError(source, result.error.issues.map(describeIssue));
}

/**
 * Problems zod cannot be trusted with: a `"__proto__"` key (zod drops it silently from a record, or
 * makes it the prototype of the result, so a column would vanish or a lookup see values that are not
 * there) and a column list too long to check in reasonable time.
 */
function refuseHostileShape(json: unknown): ProfileProblem[] {
  if (!isPlainRecord(json)) return [];
  const problems: ProfileProblem[] = [];
  const reserved = (path: ReadonlyArray<PropertyKey>): ProfileProblem => ({
    path: formatPath(path),
    message:
      '"__proto__" is reserved in JavaScript objects and cannot be used as a name here; rename the column',
  });
  if (Object.hasOwn(json, '__proto__')) problems.push(reserved(['__proto__']));
  for (const part of ['columns', 'columnSettings'] as const) {
    const record = json[part];
    if (!isPlainRecord(record)) continue;
    const keys = Object.keys(record);
    if (keys.length > MAX_PROFILE_COLUMNS) {
      problems.push({
        path: part,
        message: `lists ${keys.length} columns; a profile holds at most ${MAX_PROFILE_COLUMNS} (as many as a spreadsheet has)`,
      });
      continue;
    }
    if (Object.hasOwn(record, '__proto__')) problems.push(reserved([part, '__proto__']));
    if (part !== 'columnSettings') continue;
    for (const key of keys) {
      const settings = record[key];
      if (isPlainRecord(settings) && Object.hasOwn(settings, '__proto__'))
        problems.push(reserved([part, key, '__proto__']));
    }
  }
  return problems;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the text of a profile file (JSON), then checks it like `parseMappingProfile`. */
export function readMappingProfile(text: string, source = 'mapping profile'): MappingProfile {
  if (text.length > MAX_PROFILE_CHARS) {
    throw new MappingProfileError(source, [
      {
        path: '',
        message: `is ${text.length} characters long, too big to be a mapping profile (at most ${MAX_PROFILE_CHARS})`,
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    // V8 quotes a piece of the text around the error; keep the problem on one short line.
    const detail = (error instanceof Error ? error.message : String(error))
      .replace(/\s+/gu, ' ')
      .slice(0, 200);
    throw new MappingProfileError(source, [{ path: '', message: `not valid JSON (${detail})` }]);
  }
  return parseMappingProfile(json, source);
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
