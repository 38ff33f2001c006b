/**
 * The field checklist's logic, kept out of the components so it stays plain and predictable: which
 * group a field belongs to, what is ticked by default, how a remembered choice meets today's fields,
 * how the search matches, and how many columns a choice turns into.
 */
import { buildExportColumns, fieldHeaders } from '../../../../shared/export/index.ts';
import type { OrgField } from '../../../../shared/model.ts';

/** The checklist's groups, in the order they are shown. */
export type FieldGroupId = 'standard' | 'custom' | 'counters';

/** A group's heading and what to say about it. */
export const FIELD_GROUPS: ReadonlyArray<{
  readonly id: FieldGroupId;
  readonly title: string;
  readonly help: string;
}> = [
  { id: 'standard', title: 'Standard fields', help: 'Pipedrive’s own organization fields.' },
  { id: 'custom', title: 'Custom fields', help: 'Fields your company added.' },
  {
    id: 'counters',
    title: 'Counts and activity',
    help: 'Read-only figures such as the number of people or open deals. Not ticked by default; they are not imported back.',
  },
];

/** One field as the checklist shows it. */
export interface FieldItem {
  readonly field: OrgField;
  readonly group: FieldGroupId;
  /** The column header the file will use (differs from the name when two fields share it). */
  readonly header: string;
  /** How many columns this field writes (owner: name + email, address: 11, money: amount + currency). */
  readonly columns: number;
}

/** A remembered field choice: what was ticked, and which fields existed when it was made. */
export interface SavedFieldChoice {
  readonly chosen: ReadonlyArray<string>;
  readonly known: ReadonlyArray<string>;
}

/** The ID column: always written first, so it is not a choice. */
export const ID_KEY = 'id';

/** Read-only fields the API returns only on request: counters and the like. */
export function isCounter(field: OrgField): boolean {
  return field.optionalResponse && !field.writable;
}

function groupOf(field: OrgField): FieldGroupId {
  if (field.custom) return 'custom';
  return isCounter(field) ? 'counters' : 'standard';
}

/** The checklist's items (the ID left out), in the company's field order. */
export function fieldItems(fields: ReadonlyArray<OrgField>): FieldItem[] {
  const exportable = fields.filter((f) => f.key !== ID_KEY);
  const headers = fieldHeaders(exportable);
  return exportable.map((field) => ({
    field,
    group: groupOf(field),
    header: headers.get(field.key) ?? field.name,
    columns: buildExportColumns(fields, { selection: [field.key] }).length - 1,
  }));
}

/** What a first export ticks: every field except the counters. */
export function defaultChoice(items: ReadonlyArray<FieldItem>): Set<string> {
  return new Set(items.filter((item) => item.group !== 'counters').map((item) => item.field.key));
}

/**
 * The ticked fields: the remembered choice where there is one, fields that did not exist back then
 * ticked by their default (a new custom field is exported unless the user says otherwise), and
 * remembered keys of fields that are gone dropped.
 */
export function resolveChoice(items: ReadonlyArray<FieldItem>, saved: SavedFieldChoice | null): Set<string> {
  const defaults = defaultChoice(items);
  if (!saved) return defaults;
  const chosen = new Set(saved.chosen);
  const known = new Set(saved.known);
  return new Set(
    items
      .map((item) => item.field.key)
      .filter((key) => (known.has(key) ? chosen.has(key) : defaults.has(key))),
  );
}

/** Lower case without accents, so "region" finds "Région / 地域" and "mueller" is not needed for "Müller". */
export function searchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim();
}

/** True when the item matches every word of the search (by name, header or key). */
export function matchesSearch(item: FieldItem, query: string): boolean {
  const words = searchText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = searchText(`${item.field.name} ${item.header} ${item.field.key}`);
  return words.every((word) => haystack.includes(word));
}

/** The number of columns the file will have for this choice, the ID column included. */
export function columnTotal(items: ReadonlyArray<FieldItem>, chosen: ReadonlySet<string>): number {
  return 1 + items.reduce((sum, item) => sum + (chosen.has(item.field.key) ? item.columns : 0), 0);
}

/** The chosen keys in the company's field order (the order the columns are written in). */
export function orderedChoice(items: ReadonlyArray<FieldItem>, chosen: ReadonlySet<string>): string[] {
  return items.filter((item) => chosen.has(item.field.key)).map((item) => item.field.key);
}
