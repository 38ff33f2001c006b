/**
 * Column headers for an export: field names, made unique in a deterministic way so the importer can
 * map each header back exactly, however many fields share a name.
 */
import type { OrgField } from '../model.ts';

/** The header of the Pipedrive ID column, always the first column. */
export const ID_HEADER = 'ID';

function headerKey(header: string): string {
  return header.trim().toLowerCase();
}

/**
 * The header of each field (by key). A name shared by several fields stays plain for the system
 * field; the custom field next to it becomes `Website (custom)`, and when several custom fields share
 * a name each gets the start of its key: `Region (a1b2c3)`. Field order breaks any remaining tie.
 */
export function fieldHeaders(fields: ReadonlyArray<OrgField>): Map<string, string> {
  const groups = new Map<string, OrgField[]>();
  for (const field of fields) {
    const key = headerKey(field.name);
    groups.set(key, [...(groups.get(key) ?? []), field]);
  }
  const headers = new Map<string, string>();
  for (const [key, group] of groups) {
    const hasSystem = key === headerKey(ID_HEADER) || group.some((f) => !f.custom);
    const customs = group.filter((f) => f.custom);
    let systemTaken = key === headerKey(ID_HEADER);
    for (const field of group) {
      const name = field.name.trim() || field.key;
      if (group.length === 1 && !systemTaken) headers.set(field.key, name);
      else if (!field.custom && !systemTaken) {
        headers.set(field.key, name);
        systemTaken = true;
      } else if (field.custom && hasSystem && customs.length === 1)
        headers.set(field.key, `${name} (custom)`);
      else headers.set(field.key, `${name} (${field.key.slice(0, 6)})`);
    }
  }
  return headers;
}

/** Makes headers unique (case-insensitively) by numbering later duplicates: `Notes (2)`. */
export function uniqueHeaders(headers: ReadonlyArray<string>): string[] {
  const seen = new Set<string>();
  return headers.map((header) => {
    let candidate = header;
    for (let n = 2; seen.has(headerKey(candidate)); n += 1) candidate = `${header} (${n})`;
    seen.add(headerKey(candidate));
    return candidate;
  });
}
