/**
 * Parameter and result shapes of the client's endpoint functions, and their translation to Pipedrive
 * query parameters (`shared/reference/pipedrive-api.md` §2.2, §3.4).
 */
import type { Organization } from '../../../shared/model.ts';
import { PipedriveError } from './errors.ts';
import type { QueryParams } from './http.ts';

/** Largest page Pipedrive serves. */
export const MAX_PAGE_LIMIT = 500;
/** Most ids the v2 list accepts in one `ids` filter. */
export const MAX_IDS_PER_LIST = 100;
/** Most custom-field keys the v2 list accepts in `custom_fields`. */
export const MAX_CUSTOM_FIELDS = 15;

/** Filters, sort and shape of `GET /api/v2/organizations`. */
export interface ListOrganizationsParams {
  /** Page size, 1..500 (default 500: cost is per request, so big pages are the cheapest). */
  limit?: number;
  /** Resume from a cursor a previous page returned. */
  cursor?: string | null;
  /** A saved filter; Pipedrive then ignores `ids` and `owner_id`, so they cannot be combined. */
  filterId?: number;
  /** Only these ids (missing or invisible ones are silently omitted); sent in chunks of 100. */
  ids?: ReadonlyArray<number>;
  ownerId?: number;
  /** Inclusive lower bound on update_time (RFC 3339 string or Date). */
  updatedSince?: string | Date;
  /** Exclusive upper bound on update_time. */
  updatedUntil?: string | Date;
  sortBy?: 'id' | 'update_time' | 'add_time';
  sortDirection?: 'asc' | 'desc';
  /** Optional response fields (counters, 2026 system fields such as `website`). */
  includeFields?: ReadonlyArray<string>;
  /** Only these custom fields in `custom_fields` (max 15); all when omitted. */
  customFields?: ReadonlyArray<string>;
  /** Enum/set values as `{id, label}` instead of bare ids. */
  includeOptionLabels?: boolean;
}

/** One page of organizations. `nextCursor` is null on the last page (of the current `ids` chunk). */
export interface OrganizationPage {
  items: Organization[];
  nextCursor: string | null;
}

/** Response-shape options of `GET /api/v2/organizations/{id}`. */
export interface GetOrganizationOptions {
  includeFields?: ReadonlyArray<string>;
  customFields?: ReadonlyArray<string>;
  includeOptionLabels?: boolean;
}

/** Options of `GET /api/v2/organizations/search`. */
export interface SearchOrganizationsOptions {
  fields?: ReadonlyArray<'address' | 'custom_fields' | 'notes' | 'name'>;
  exactMatch?: boolean;
  limit?: number;
  cursor?: string | null;
}

/** One search hit, as Pipedrive returns it (`address` is a plain string here, unlike the org object). */
export interface OrganizationSearchHit {
  result_score: number;
  id: number;
  name: string;
  address: string | null;
  visible_to: number | null;
  owner_id: number | null;
  /** Matched custom-field values. */
  custom_fields: string[];
  notes: string[];
}

/** One page of search hits. */
export interface SearchPage {
  items: OrganizationSearchHit[];
  nextCursor: string | null;
}

const usageError = (path: string, message: string): PipedriveError =>
  new PipedriveError({ kind: 'validation', method: 'GET', path, message });

/** RFC 3339 without milliseconds, the form Pipedrive documents (`2025-01-01T10:20:00Z`). */
export function rfc3339(value: string | Date): string {
  if (typeof value === 'string') return value;
  return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function checkLimit(path: string, limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw usageError(path, `limit must be an integer from 1 to ${MAX_PAGE_LIMIT} (got ${limit})`);
  }
  return limit;
}

/** Query parameters shared by list and get: the response-shape options. */
export function shapeQuery(path: string, o: GetOrganizationOptions): QueryParams {
  if (o.customFields && o.customFields.length > MAX_CUSTOM_FIELDS) {
    throw usageError(
      path,
      `customFields accepts at most ${MAX_CUSTOM_FIELDS} keys (got ${o.customFields.length}); ` +
        'leave it out to receive every custom field',
    );
  }
  return {
    include_fields: o.includeFields?.length ? o.includeFields.join(',') : undefined,
    custom_fields: o.customFields?.length ? o.customFields.join(',') : undefined,
    include_option_labels: o.includeOptionLabels ? 'true' : undefined,
  };
}

/**
 * The query of one list request (without `ids`/`cursor`, which the pager sets), after checking the
 * parameters. Throws a `validation` {@link PipedriveError} before anything is sent.
 */
export function listQuery(path: string, p: ListOrganizationsParams): QueryParams {
  if (p.filterId !== undefined && (p.ids !== undefined || p.ownerId !== undefined)) {
    throw usageError(
      path,
      'filterId cannot be combined with ids or ownerId (Pipedrive ignores them with a filter)',
    );
  }
  for (const id of p.ids ?? []) {
    if (!Number.isInteger(id) || id < 1) throw usageError(path, `ids must be positive integers (got ${id})`);
  }
  return {
    limit: checkLimit(path, p.limit ?? MAX_PAGE_LIMIT),
    filter_id: p.filterId,
    owner_id: p.ownerId,
    updated_since: p.updatedSince === undefined ? undefined : rfc3339(p.updatedSince),
    updated_until: p.updatedUntil === undefined ? undefined : rfc3339(p.updatedUntil),
    sort_by: p.sortBy,
    sort_direction: p.sortDirection,
    ...shapeQuery(path, p),
  };
}

/** The query of one search request. */
export function searchQuery(path: string, term: string, o: SearchOrganizationsOptions): QueryParams {
  const minLength = o.exactMatch ? 1 : 2;
  if (term.trim().length < minLength) {
    throw usageError(
      path,
      `search term must have at least ${minLength} character${minLength > 1 ? 's' : ''}`,
    );
  }
  return {
    term,
    fields: o.fields?.length ? o.fields.join(',') : undefined,
    exact_match: o.exactMatch ? 'true' : undefined,
    limit: checkLimit(path, o.limit ?? 100),
    cursor: o.cursor ?? undefined,
  };
}

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: ReadonlyArray<T>, size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
