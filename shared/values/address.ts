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
export function joinAddressParts(parts: Partial<Record<AddressPart, string | null>>): string {
  // Plain concatenation, no arrays filtered and joined: this runs for every row of an import.
  let line = joinPresent(parts.street_number, parts.route, ' ');
  line = joinPresent(line, parts.subpremise, ', ');
  line = joinPresent(line, parts.sublocality, ', ');
  line = joinPresent(line, joinPresent(parts.postal_code, parts.locality, ' '), ', ');
  line = joinPresent(line, parts.admin_area_level_2, ', ');
  line = joinPresent(line, parts.admin_area_level_1, ', ');
  return joinPresent(line, parts.country, ', ');
}

/** `a` and `b` joined by `separator`, leaving out an empty or missing one. */
function joinPresent(a: string | null | undefined, b: string | null | undefined, separator: string): string {
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

/** The pieces joinAddressParts joins with commas, in its order; pairs are joined with a space. */
const LINE_PIECES: ReadonlyArray<readonly [AddressPart, AddressPart | null]> = [
  ['street_number', 'route'],
  ['subpremise', null],
  ['sublocality', null],
  ['postal_code', 'locality'],
  ['admin_area_level_2', null],
  ['admin_area_level_1', null],
  ['country', null],
];

/**
 * `buildAddress` for one fixed set of part columns, worked out once: each entry names a column of
 * the row's values and the part it holds (one column per part). The returned function takes the
 * address text and the row's values and gives exactly what `buildAddress` gives for the non-empty
 * strings among those columns, key order included; the line is joined from the mapped parts only.
 */
export function compileAddressBuilder(
  columns: ReadonlyArray<{ readonly part: AddressPart; readonly column: number }>,
): (value: string | null, values: ReadonlyArray<unknown>) => OrgAddress | null {
  // buildAddress writes the parts in ADDRESS_PARTS order, whatever order the columns come in.
  const order = [...columns].sort((a, b) => ADDRESS_PARTS.indexOf(a.part) - ADDRESS_PARTS.indexOf(b.part));
  const at = order.map((o) => o.column);
  const names = order.map((o) => o.part);
  const slotOf = (part: AddressPart | null): number => (part === null ? -1 : names.indexOf(part));
  const formatted = slotOf('formatted_address');
  const pieces = LINE_PIECES.map(([a, b]) => [slotOf(a), slotOf(b)] as const).filter(
    ([a, b]) => a >= 0 || b >= 0,
  );
  // The row's non-empty parts by slot (null for empty), reused row after row.
  const got = names.map((): string | null => null);
  return (value, values) => {
    let address: OrgAddress | null = null;
    for (let i = 0; i < at.length; i++) {
      const v = values[at[i] as number];
      const text = typeof v === 'string' && v !== '' ? v : null;
      got[i] = text;
      if (text === null) continue;
      // `value` comes first (it is filled in below), as buildAddress's literal puts it first.
      address ??= { value: null };
      address[names[i] as AddressPart] = text;
    }
    if (address === null) return value ? { value } : null;
    if (value) address.value = value;
    else if (formatted >= 0 && got[formatted]) address.value = got[formatted] as string;
    else {
      let line = '';
      for (const [a, b] of pieces) {
        const first = a >= 0 ? got[a] : null;
        const second = b >= 0 ? got[b] : null;
        const piece = first ? (second ? `${first} ${second}` : first) : second;
        if (piece) line = line === '' ? piece : `${line}, ${piece}`;
      }
      address.value = line;
    }
    return address;
  };
}
