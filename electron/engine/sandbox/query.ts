/**
 * Query-string parsing for the list endpoints: limits, booleans, the opaque cursors, and the v2
 * organization list's filters, sort and render options (reference §2.2, §2.3).
 */
import { orgCounters } from './counters.ts';
import { includableKeys } from './fields.ts';
import { badRequest } from './http-util.ts';
import { formatTime, type RenderOptions } from './render.ts';
import type { ListQuery, PagePosition, SortDirection, SortField } from './store.ts';
import type { AccountData, FilterDef, OrgRecord } from './types.ts';
import { parseTimestamp } from './validate.ts';

/** Page size rules shared by every paginated endpoint. */
export const DEFAULT_LIMIT = 100;
/** Largest page (reference §2.2). */
export const MAX_LIMIT = 500;

/** Encodes a cursor object the way the spec's examples look: base64url JSON. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; anything else is a 400. */
export function decodeCursor(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('"cursor" is invalid');
}

/** `limit`: default 100; above 500 either clamped or refused, as configured. */
export function parseLimit(params: URLSearchParams, overLimit: 'clamp' | 'error'): number {
  const raw = params.get('limit');
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  if (!/^-?\d+$/.test(raw)) throw badRequest('"limit" must be a number');
  const n = Number(raw);
  if (n < 1) throw badRequest('"limit" must be greater than or equal to 1');
  if (n > MAX_LIMIT) {
    if (overLimit === 'error') throw badRequest(`"limit" must be less than or equal to ${MAX_LIMIT}`);
    return MAX_LIMIT;
  }
  return n;
}

/** A boolean query parameter: only `true`/`false` (also 1/0, which query strings commonly carry). */
export function parseBool(params: URLSearchParams, name: string): boolean {
  const raw = params.get(name);
  if (raw === null || raw === '') return false;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw badRequest(`"${name}" must be a boolean`);
}

/** A positive integer query parameter, or null when absent. */
export function parseIntParam(params: URLSearchParams, name: string): number | null {
  const raw = params.get(name);
  if (raw === null || raw === '') return null;
  if (!/^\d+$/.test(raw)) throw badRequest(`"${name}" must be a number`);
  return Number(raw);
}

/** A comma list of non-empty items. */
export function parseList(params: URLSearchParams, name: string): string[] | null {
  const raw = params.get(name);
  if (raw === null || raw.trim() === '') return null;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** include_fields, custom_fields, include_option_labels, include_labels (list and get). */
export function parseRenderOptions(params: URLSearchParams, account: AccountData): RenderOptions {
  const includable = includableKeys(account.fields);
  const include = new Set(parseList(params, 'include_fields') ?? []);
  for (const key of include) {
    if (!includable.has(key))
      throw badRequest(`"include_fields" must be one of [${[...includable].join(', ')}]; got "${key}"`);
  }
  const customKeys = parseList(params, 'custom_fields');
  if (customKeys) {
    if (customKeys.length > 15)
      throw badRequest('"custom_fields" must contain less than or equal to 15 items');
    for (const key of customKeys) {
      if (!account.fields.some((f) => f.custom && f.key === key)) {
        throw badRequest(`"custom_fields" contains "${key}", which is not a custom organization field key`);
      }
    }
  }
  return {
    include,
    customKeys,
    optionLabels: parseBool(params, 'include_option_labels'),
    includeLabels: parseBool(params, 'include_labels'),
  };
}

/** The predicate of a saved filter. */
export function filterPredicate(filter: FilterDef): (org: OrgRecord) => boolean {
  const c = filter.condition;
  switch (c.kind) {
    case 'open_deals':
      return (org) => (orgCounters(org).open_deals_count ?? 0) > 0;
    case 'owner':
      return (org) => org.owner_id === c.owner_id;
    case 'label':
      return (org) => org.label_ids.includes(c.label_id);
    case 'country':
      return (org) => org.address?.country === c.country;
  }
}

const SORT_FIELDS: ReadonlyArray<SortField> = ['id', 'update_time', 'add_time'];

function parsePosition(text: string): PagePosition {
  const c = decodeCursor(text);
  const field = c.field as SortField;
  const direction = c.sortDirection as SortDirection;
  const value =
    field === 'id' ? c.fieldValue : typeof c.fieldValue === 'string' ? Date.parse(c.fieldValue) : NaN;
  if (
    !SORT_FIELDS.includes(field) ||
    (direction !== 'asc' && direction !== 'desc') ||
    typeof value !== 'number' ||
    Number.isNaN(value) ||
    typeof c.id !== 'number'
  ) {
    throw badRequest('"cursor" is invalid');
  }
  return { field, direction, value, id: c.id };
}

/** The cursor that continues after a page position. */
export function positionCursor(pos: PagePosition): string {
  const fieldValue = pos.field === 'id' ? pos.value : formatTime(pos.value);
  return encodeCursor({ field: pos.field, fieldValue, sortDirection: pos.direction, id: pos.id });
}

/** Parses `GET /api/v2/organizations` parameters into a store query. */
export function parseListQuery(
  params: URLSearchParams,
  account: AccountData,
  overLimit: 'clamp' | 'error',
): ListQuery {
  const sortBy = (params.get('sort_by') || 'id') as SortField;
  if (!SORT_FIELDS.includes(sortBy)) throw badRequest('"sort_by" must be one of [id, update_time, add_time]');
  const direction = (params.get('sort_direction') || 'asc') as SortDirection;
  if (direction !== 'asc' && direction !== 'desc')
    throw badRequest('"sort_direction" must be one of [asc, desc]');
  const limit = parseLimit(params, overLimit);
  const cursor = params.get('cursor');
  // The cursor carries its own sort, so a client that drops sort_by on later pages still pages correctly.
  const after = cursor ? parsePosition(cursor) : null;

  const predicates: Array<(org: OrgRecord) => boolean> = [];
  let ids: number[] | null = null;
  const filterId = parseIntParam(params, 'filter_id');
  if (filterId !== null) {
    const filter = account.filters.find((f) => f.id === filterId);
    if (!filter) throw badRequest(`Filter with id ${filterId} was not found`);
    predicates.push(filterPredicate(filter));
  } else {
    const ownerId = parseIntParam(params, 'owner_id');
    if (ownerId !== null) predicates.push((org) => org.owner_id === ownerId);
    const idList = parseList(params, 'ids');
    if (idList) {
      if (idList.length > 100) throw badRequest('"ids" must contain less than or equal to 100 items');
      if (idList.some((s) => !/^\d+$/.test(s)))
        throw badRequest('"ids" must be a comma-separated list of integers');
      ids = idList.map(Number);
    }
  }
  const since = params.get('updated_since');
  if (since) {
    const t = parseTimestamp('updated_since', since);
    predicates.push((org) => org.update_time >= t);
  }
  const until = params.get('updated_until');
  if (until) {
    const t = parseTimestamp('updated_until', until);
    predicates.push((org) => org.update_time < t);
  }
  const predicate =
    predicates.length === 0
      ? null
      : predicates.length === 1
        ? (predicates[0] ?? null)
        : (org: OrgRecord) => predicates.every((p) => p(org));
  return {
    sortBy: after?.field ?? sortBy,
    direction: after?.direction ?? direction,
    limit,
    after,
    ids,
    predicate,
  };
}
