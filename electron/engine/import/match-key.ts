/**
 * Match keys: the normalised form of the value a row is matched by, computed the same way for a
 * file's cell and for an organization's stored value, so lookups are exact map hits.
 */
import type { MappingTarget } from '../../../shared/mapping.ts';
import type { OrgField, Organization } from '../../../shared/model.ts';
import { readRaw } from '../../../shared/values/index.ts';

/** Case, surrounding and repeated spaces folded (design: "name matching is normalised"). */
export function normalizeMatchText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** The lookup key of a value: numbers as written, text normalised; null for nothing to match by. */
export function matchKeyOf(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string') {
    const key = normalizeMatchText(value);
    return key === '' ? null : key;
  }
  return null;
}

/** The field a match target reads, or null for the Pipedrive ID. */
export function matchField(match: MappingTarget, fields: ReadonlyArray<OrgField>): OrgField | null {
  if (match.kind === 'id') return null;
  return fields.find((f) => f.key === match.key) ?? null;
}

/** The key an organization is indexed under for `match`. */
export function orgMatchKey(org: Organization, match: MappingTarget, field: OrgField | null): string | null {
  if (match.kind === 'id') return String(org.id);
  if (field === null) return null;
  return matchKeyOf(readRaw(org, field));
}

/** How a match target reads in messages: "ID", "name", "the field "VAT number"". */
export function describeMatch(match: MappingTarget, fields: ReadonlyArray<OrgField>): string {
  if (match.kind === 'id') return 'Pipedrive ID';
  if (match.key === 'name') return 'name';
  const field = matchField(match, fields);
  return `"${field?.name ?? match.key}"`;
}
