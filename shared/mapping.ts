/**
 * What a spreadsheet column can be mapped to. In a mapping profile a target is written as a string:
 * `id` (the Pipedrive ID), a field key (`name`, `owner_id`, a 40-hex custom key…), or `key.part` for one
 * part of a compound field (`address.locality`, `<monetary key>.currency`, `<daterange key>.until`).
 */
export type MappingTarget =
  | { readonly kind: 'id' }
  | { readonly kind: 'field'; readonly key: string }
  | { readonly kind: 'part'; readonly key: string; readonly part: string };

/** Formats a target the way mapping profiles store it. */
export function formatTarget(target: MappingTarget): string {
  switch (target.kind) {
    case 'id':
      return 'id';
    case 'field':
      return target.key;
    case 'part':
      return `${target.key}.${target.part}`;
  }
}

/** Parses a stored target string; field existence is checked elsewhere (it needs the field list). */
export function parseTarget(text: string): MappingTarget {
  const trimmed = text.trim();
  if (trimmed === 'id') return { kind: 'id' };
  const dot = trimmed.indexOf('.');
  if (dot > 0) return { kind: 'part', key: trimmed.slice(0, dot), part: trimmed.slice(dot + 1) };
  return { kind: 'field', key: trimmed };
}

/** True when two targets point at the same thing (used to forbid two columns on one target). */
export function sameTarget(a: MappingTarget, b: MappingTarget): boolean {
  return formatTarget(a) === formatTarget(b);
}
