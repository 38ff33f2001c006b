/**
 * What the Export screen remembers between visits (in localStorage: it is only this browser's or
 * window's convenience, nothing the engine needs), and how the choices become the export job's spec.
 * Field, owner and filter choices are kept per connection, since each company has its own.
 */
import type { CsvDelimiter, ExportRequestSpec, ExportSortBy } from '../../../../shared/ipc-export.ts';
import type { SavedFieldChoice } from './field-choice.ts';

/** The two file formats. */
export type ExportFormat = 'xlsx' | 'csv';

/** The row orders offered. */
export type SortChoice = 'id' | 'updated' | 'created';

/** Choices that belong to one connection. */
export interface ConnectionChoices {
  readonly fields: SavedFieldChoice | null;
  readonly ownerId: number | null;
  readonly filterId: number | null;
}

/** Everything the screen remembers. */
export interface ExportSettings {
  readonly format: ExportFormat;
  readonly delimiter: CsvDelimiter;
  readonly sort: SortChoice;
  /** `YYYY-MM-DD` or empty. */
  readonly updatedFrom: string;
  /** `YYYY-MM-DD` or empty; inclusive. */
  readonly updatedTo: string;
  readonly connections: Readonly<Record<string, ConnectionChoices>>;
}

/** The storage key; the version lets a future shape ignore this one instead of misreading it. */
export const SETTINGS_KEY = 'orgport.export.settings.v1';

/** The settings of a first visit. */
export const DEFAULT_SETTINGS: ExportSettings = {
  format: 'xlsx',
  delimiter: ',',
  sort: 'id',
  updatedFrom: '',
  updatedTo: '',
  connections: {},
};

/** Choices for a connection seen for the first time. */
export const NO_CONNECTION_CHOICES: ConnectionChoices = { fields: null, ownerId: null, filterId: null };

/** The delimiters offered, with what to tell the user about each. */
export const DELIMITERS: ReadonlyArray<{
  readonly value: CsvDelimiter;
  readonly label: string;
  readonly help: string;
}> = [
  { value: ',', label: 'Comma ( , )', help: 'The usual choice; English-language Excel and most tools.' },
  { value: ';', label: 'Semicolon ( ; )', help: 'Suits Excel in many European locales.' },
  { value: '\t', label: 'Tab', help: 'For tools that expect tab-separated values.' },
];

/** Row orders with their labels and the API's sort. */
export const SORTS: ReadonlyArray<{
  readonly value: SortChoice;
  readonly label: string;
  readonly sortBy: ExportSortBy;
  readonly direction: 'asc' | 'desc';
}> = [
  { value: 'id', label: 'By ID, oldest first', sortBy: 'id', direction: 'asc' },
  { value: 'updated', label: 'Most recently updated first', sortBy: 'update_time', direction: 'desc' },
  { value: 'created', label: 'Most recently created first', sortBy: 'add_time', direction: 'desc' },
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function oneOf<T>(value: unknown, allowed: ReadonlyArray<T>, fallback: T): T {
  return allowed.find((a) => a === value) ?? fallback;
}

function positiveId(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

function keyList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function connectionChoices(value: unknown): ConnectionChoices {
  if (!isRecord(value)) return NO_CONNECTION_CHOICES;
  const fields = isRecord(value['fields'])
    ? { chosen: keyList(value['fields']['chosen']), known: keyList(value['fields']['known']) }
    : null;
  const ownerId = positiveId(value['ownerId']);
  // Both at once cannot be exported; a stored pair (edited by hand) keeps the filter.
  const filterId = positiveId(value['filterId']);
  return { fields, ownerId: filterId === null ? ownerId : null, filterId };
}

/** Reads remembered settings; anything missing or malformed falls back to the defaults. */
export function parseSettings(raw: string | null): ExportSettings {
  if (!raw) return DEFAULT_SETTINGS;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return DEFAULT_SETTINGS;
  }
  if (!isRecord(value)) return DEFAULT_SETTINGS;
  const day = (v: unknown): string => (typeof v === 'string' && DAY.test(v) ? v : '');
  const connections: Record<string, ConnectionChoices> = {};
  if (isRecord(value['connections'])) {
    for (const [id, choices] of Object.entries(value['connections']))
      connections[id] = connectionChoices(choices);
  }
  return {
    format: oneOf(value['format'], ['xlsx', 'csv'] as const, DEFAULT_SETTINGS.format),
    delimiter: oneOf(
      value['delimiter'],
      DELIMITERS.map((d) => d.value),
      DEFAULT_SETTINGS.delimiter,
    ),
    sort: oneOf(
      value['sort'],
      SORTS.map((s) => s.value),
      DEFAULT_SETTINGS.sort,
    ),
    updatedFrom: day(value['updatedFrom']),
    updatedTo: day(value['updatedTo']),
    connections,
  };
}

/** The settings remembered in this browser or window. */
export function loadSettings(storage: Pick<Storage, 'getItem'> | null): ExportSettings {
  try {
    return parseSettings(storage?.getItem(SETTINGS_KEY) ?? null);
  } catch {
    // Storage can be switched off; the screen then simply starts from the defaults.
    return DEFAULT_SETTINGS;
  }
}

/** Remembers the settings; a full or disabled storage is not worth bothering the user about. */
export function storeSettings(storage: Pick<Storage, 'setItem'> | null, settings: ExportSettings): void {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Nothing to do: the choices just are not remembered.
  }
}

/** The first instant of a local calendar day, as RFC 3339 (`updated_since` is inclusive). */
export function startOfDay(day: string): string | undefined {
  if (!DAY.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y ?? 0, (m ?? 1) - 1, d ?? 1);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The first instant after a local calendar day (`updated_until` is exclusive, the day is included). */
export function endOfDay(day: string): string | undefined {
  if (!DAY.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** What is wrong with the date range, in words; null when it is fine. */
export function dateRangeProblem(from: string, to: string): string | null {
  if (from && to && to < from) {
    return '“Updated on or before” is earlier than “Updated on or after”, so nothing would be exported.';
  }
  return null;
}

/** The job's spec for these choices. */
export function exportRequest(args: {
  readonly out: string;
  readonly settings: ExportSettings;
  readonly fields: ReadonlyArray<string>;
  readonly ownerId: number | null;
  readonly filterId: number | null;
}): ExportRequestSpec {
  const { out, settings, fields, ownerId, filterId } = args;
  const sort = SORTS.find((s) => s.value === settings.sort) ?? SORTS[0];
  const updatedSince = startOfDay(settings.updatedFrom);
  const updatedUntil = endOfDay(settings.updatedTo);
  return {
    out,
    format: settings.format,
    ...(settings.format === 'csv' ? { delimiter: settings.delimiter } : {}),
    fields,
    ...(filterId !== null ? { filterId } : ownerId !== null ? { ownerId } : {}),
    ...(updatedSince ? { updatedSince } : {}),
    ...(updatedUntil ? { updatedUntil } : {}),
    ...(sort && sort.value !== 'id' ? { sortBy: sort.sortBy, sortDirection: sort.direction } : {}),
  };
}
