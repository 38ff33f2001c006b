/**
 * Addresses: one text column (`address`), or part columns (`address.locality`, …) assembled into the
 * v2 address object. The API needs `value`; when only parts are given it is built from them.
 */
import { ADDRESS_PARTS } from '../model.ts';
import type { AddressPart, OrgAddress } from '../model.ts';

/** How each address part is called in column headers (`Address - City`). */
export const ADDRESS_PART_LABELS: Readonly<Record<AddressPart, string>> = {
  street_number: 'Street number',
  route: 'Street',
  subpremise: 'Apartment/suite',
  sublocality: 'District',
  locality: 'City',
  admin_area_level_1: 'State/region',
  admin_area_level_2: 'County',
  country: 'Country',
  postal_code: 'Postal code',
  formatted_address: 'Formatted address',
};

// A set rather than Array.includes: this is asked for every address cell of an import.
const ADDRESS_PART_SET: ReadonlySet<string> = new Set(ADDRESS_PARTS);

/** True when `part` names one of the v2 address parts. */
export function isAddressPart(part: string): part is AddressPart {
  return ADDRESS_PART_SET.has(part);
}

/** Joins parts into one line in the usual reading order: `12 Main St, Apt 4, 75007 Paris, France`. */
export function joinAddressParts(parts: Partial<Record<AddressPart, string>>): string {
  // Plain concatenation rather than arrays filtered and joined: this runs for every row of an import.
  const street = joinPresent(parts.street_number, parts.route, ' ');
  const city = joinPresent(parts.postal_code, parts.locality, ' ');
  let line = '';
  for (const piece of [
    street,
    parts.subpremise,
    parts.sublocality,
    city,
    parts.admin_area_level_2,
    parts.admin_area_level_1,
    parts.country,
  ]) {
    if (piece) line = line === '' ? piece : `${line}, ${piece}`;
  }
  return line;
}

/** `a` and `b` joined by `separator`, leaving out an empty or missing one. */
function joinPresent(a: string | undefined, b: string | undefined, separator: string): string {
  if (!a) return b || '';
  return b ? `${a}${separator}${b}` : a;
}

/**
 * Builds the address to write from the whole-address text and the non-empty parts; null when all are
 * empty. `value` is the address column, else the formatted address, else the joined parts.
 */
export function buildAddress(
  value: string | null,
  parts: Partial<Record<AddressPart, string>>,
): OrgAddress | null {
  let any = false;
  for (const part of ADDRESS_PARTS) {
    if (parts[part]) {
      any = true;
      break;
    }
  }
  if (!value && !any) return null;
  const address: OrgAddress = { value: value || parts.formatted_address || joinAddressParts(parts) };
  for (const part of ADDRESS_PARTS) if (parts[part]) address[part] = parts[part] ?? null;
  return address;
}
