/**
 * "Select all N matching": a filter (owner, label, updated since, a saved Pipedrive filter, a name
 * search, any field's value) resolved to the IDs of every organization it matches, by paging the list
 * once (500 a page, 10 tokens a page) — never just the page on screen. What Pipedrive can filter
 * itself (saved filter, owner, updated since) is sent as a query parameter; the rest is checked here
 * on each page, so one pass over the list answers any combination.
 */
import { OPTIONAL_SYSTEM_KEYS, type OrgField, type Organization } from '../../../shared/model.ts';
import { isLabelField, readRaw } from '../../../shared/values/fields.ts';
import type { ListOrganizationsParams, PipedriveClient } from '../pipedrive/index.ts';

/** One field's value to match; enum/set fields also match by option label. `null` means "is empty". */
export interface FieldValueCriterion {
  readonly key: string;
  readonly value: string | number | boolean | null;
}

/** What a selection by filter is made of; every given criterion must hold. */
export interface SelectionCriteria {
  /** A saved Pipedrive filter (its own conditions apply on top of the others here). */
  readonly filterId?: number;
  readonly ownerId?: number;
  readonly labelId?: number;
  /** Updated at or after this time (RFC 3339 or a Date). */
  readonly updatedSince?: string;
  /** Name contains this text (case- and accent-insensitive). */
  readonly nameContains?: string;
  readonly field?: FieldValueCriterion;
}

/** The IDs a selection matched, and what finding them took. */
export interface ResolvedSelection {
  /** Every matching organization's ID, in ID order. */
  readonly ids: number[];
  /** Organizations looked at (all pages the query returned). */
  readonly scanned: number;
  readonly pages: number;
}

/** Options of {@link resolveSelection}. */
export interface ResolveOptions {
  /** The field list, when the caller has it (saves a request when `field` is used). */
  readonly fields?: ReadonlyArray<OrgField>;
  /** Called after each page, for a "scanned N…" indicator. */
  readonly onPage?: (progress: { scanned: number; matched: number }) => void;
}

/** Resolves a selection by filter to the IDs of every matching organization (one pass over the list). */
export async function resolveSelection(
  client: PipedriveClient,
  criteria: SelectionCriteria,
  signal?: AbortSignal,
  options: ResolveOptions = {},
): Promise<ResolvedSelection> {
  const field = criteria.field ? await fieldFor(client, criteria.field.key, options.fields, signal) : null;
  const params: ListOrganizationsParams = {
    limit: 500,
    ...(criteria.filterId !== undefined ? { filterId: criteria.filterId } : {}),
    // Pipedrive ignores owner_id next to filter_id, so with a saved filter the owner is checked here.
    ...(criteria.ownerId !== undefined && criteria.filterId === undefined
      ? { ownerId: criteria.ownerId }
      : {}),
    ...(criteria.updatedSince !== undefined ? { updatedSince: criteria.updatedSince } : {}),
    ...(field && !field.custom && (OPTIONAL_SYSTEM_KEYS as ReadonlyArray<string>).includes(field.key)
      ? { includeFields: [field.key] }
      : {}),
  };
  const matches = organizationMatcher(criteria, field);
  const ids: number[] = [];
  let scanned = 0;
  let pages = 0;
  for await (const page of client.listOrganizations(params, signal)) {
    pages += 1;
    scanned += page.items.length;
    for (const org of page.items) if (matches(org)) ids.push(org.id);
    options.onPage?.({ scanned, matched: ids.length });
  }
  ids.sort((a, b) => a - b);
  return { ids: [...new Set(ids)], scanned, pages };
}

async function fieldFor(
  client: PipedriveClient,
  key: string,
  known: ReadonlyArray<OrgField> | undefined,
  signal?: AbortSignal,
): Promise<OrgField> {
  const fields = known ?? (await client.listOrganizationFields(signal));
  const field =
    fields.find((f) => f.key === key) ?? fields.find((f) => isLabelField(f) && key === 'label_ids');
  if (!field) throw new Error(`There is no organization field with the key "${key}".`);
  return field;
}

/**
 * The predicate for the criteria checked on our side (owner with a saved filter, label, name, field);
 * the server-side ones are checked again too, which costs nothing and guards against a server that
 * ignores a parameter.
 */
export function organizationMatcher(
  criteria: SelectionCriteria,
  field: OrgField | null,
): (org: Organization) => boolean {
  const name = criteria.nameContains === undefined ? null : fold(criteria.nameContains);
  const since = criteria.updatedSince === undefined ? null : Date.parse(criteria.updatedSince);
  return (org) => {
    if (criteria.ownerId !== undefined && org.owner_id !== criteria.ownerId) return false;
    if (criteria.labelId !== undefined && !(org.label_ids ?? []).includes(criteria.labelId)) return false;
    if (name !== null && name !== '' && !fold(org.name ?? '').includes(name)) return false;
    if (since !== null && !Number.isNaN(since) && Date.parse(org.update_time) < since) return false;
    if (criteria.field && field && !fieldMatches(readRaw(org, field), criteria.field.value, field))
      return false;
    return true;
  };
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

function isEmptyValue(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** Whether a field's raw value matches the wanted value; see {@link FieldValueCriterion}. */
export function fieldMatches(
  raw: unknown,
  wanted: string | number | boolean | null,
  field: OrgField,
): boolean {
  if (wanted === null) return isEmptyValue(raw);
  if (isEmptyValue(raw)) return false;
  const candidates = wantedIds(wanted, field);
  const same = (value: unknown): boolean => {
    if (typeof value === 'number' && candidates.has(value)) return true;
    if (typeof value === 'object' && value !== null && 'value' in value) return same(value.value);
    if (typeof value === 'object' && value !== null && 'id' in value) return same(value.id);
    if (typeof value === 'boolean' || typeof wanted === 'boolean') return String(value) === String(wanted);
    return fold(String(value)) === fold(String(wanted));
  };
  return Array.isArray(raw) ? raw.some(same) : same(raw);
}

// Option fields hold ids; the user may give the id or the label.
function wantedIds(wanted: string | number | boolean, field: OrgField): Set<number> {
  const ids = new Set<number>();
  if (typeof wanted === 'number') ids.add(wanted);
  if (typeof wanted === 'string') {
    if (/^\d+$/.test(wanted.trim())) ids.add(Number(wanted.trim()));
    for (const option of field.options ?? []) if (fold(option.label) === fold(wanted)) ids.add(option.id);
  }
  return ids;
}
